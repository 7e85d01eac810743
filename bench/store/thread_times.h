// Where the other threads of this process (in store_bench: the store thread) spent
// their time, from /proc/self/task/*/schedstat: on a CPU, and runnable but waiting for
// one. The rest of their wall time they slept: waiting for I/O (fsync) or for work.
//
// On a shared 2-core machine the wait for a CPU can dwarf everything else; these
// figures separate it from the store's own cost.
#pragma once

#include <cstdint>

namespace hitd::bench {

struct ThreadTimes {
  uint64_t run_ns = 0;   // on a CPU
  uint64_t wait_ns = 0;  // runnable, waiting for a CPU
};

// Summed over every thread of the process except the calling one.
ThreadTimes OtherThreadsTimes();

}  // namespace hitd::bench
