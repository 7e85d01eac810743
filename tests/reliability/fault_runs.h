// The fault-injection test: a short fixed scenario (child.h, scenario mode: a couple of
// dozen batches, one in flight at a time, so that every run makes the same writes, syncs
// and commits) runs once without faults to count those calls (twice: the counts must
// agree), then once for every N from 1 to that count, on a fresh store each time, for
// each fault:
//
//   write-eio      the N-th write of data pages fails with EIO       (fault shim)
//   meta-eio       the N-th write of the meta page (O_DSYNC fd) fails with EIO
//   sync-eio       the N-th fsync/fdatasync of data.mdb fails with EIO
//   write-enospc   the N-th write of data pages fails with ENOSPC
//   meta-enospc    the N-th write of the meta page fails with ENOSPC
//   commit-eio     the N-th commit fails with EIO               (WriterOptions::fail_commit)
//   commit-enospc  the N-th commit fails with ENOSPC
//   powercut       the child is killed right after the N-th write of either kind, and
//                  the writes no fsync covered are undone (all, or a random subset)
//
// Each faulty run must end with the fault fired and either the host refusing to open (a
// fault during recovery) or the scenario finished, and then:
//   - EIO: a batch came back kFailed, and no batch was acknowledged after it;
//   - ENOSPC: a batch came back kDiskFull, the engine rolled back to the last durable
//     state, mutations were refused while the disk was full, and batches were
//     acknowledged again afterwards.
// Then a child without faults reopens the store, which must hold a batch boundary at or
// after the last acknowledged batch (history.h), with the invariants holding. Every
// fault runs at every N even after a failure, and the failures are listed together.
#pragma once

#include <cstdint>
#include <string>

namespace hitd::reliability {

struct FaultOptions {
  std::string shim;  // the fault shim
  uint64_t seed = 7;
  int batches = 20;  // acknowledged batches in the scenario
  std::string only;  // comma-separated faults to run (e.g. "sync-eio,powercut"); all if empty
  std::string skip;  // comma-separated faults not to run
  std::string tmp;
  bool verbose = false;
};

int RunFaults(const FaultOptions& options);

}  // namespace hitd::reliability
