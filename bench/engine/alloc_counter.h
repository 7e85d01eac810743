// Counts heap allocations and live heap bytes of the whole benchmark process, by
// replacing the global operator new and delete (alloc_counter.cc). Engine code does not
// know about it: the benchmarks read the counters around the code they measure.
#pragma once

#include <cstdint>

namespace hitd::bench {

struct AllocStats {
  uint64_t allocations = 0;  // calls to operator new since start
  int64_t live_bytes = 0;    // usable bytes currently allocated through operator new
};

AllocStats ReadAllocStats();

}  // namespace hitd::bench
