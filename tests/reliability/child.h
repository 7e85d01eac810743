// The reliability tests' child: engine plus store (a store::Host) on a data directory,
// driven by the random workload, reporting on stdout, one line per event, unbuffered,
// what the parent needs to check the store after a kill, a power loss or a fault:
//
//   recovered <hash> <last_batch>  the state the store holds, loaded (before the recovery
//                                  Tick); last_batch: the store's last batch number
//   applied <seq> <hash> <now_ms>  a batch was applied and is about to be submitted:
//                                  the state at its end, and the clock
//   ready <seq> <hash>             Host::Open is done: batch <seq>, the recovery Tick,
//                                  is durable, and <hash> is the state after it
//   acked <seq>                    batch <seq> came back durable (sync: fsync'ed)
//   diskfull <seq> | failed <seq>  batch <seq> came back kDiskFull or kFailed
//   rollback <hash>                the engine was reloaded after a full disk
//   refused                        while the disk was full, a mutation was refused with
//                                  RESOURCE_EXHAUSTED and a read answered
//   openfailed <message>           the store or the host could not open
//   error <code> <message>         the child found the host breaking its contract and
//                                  exits with <code>
//   counts <writes> <meta_writes> <syncs> <commits> <fired>
//                                  (scenario mode, at the end) data.mdb writes (plain and
//                                  O_DSYNC) and syncs seen by the fault shim, commits seen
//                                  by the fail_commit seam, and how many faults fired
//
// Before Host::Open the child loads the store itself and applies the recovery Tick to a
// copy, so that it can print the state the recovery commit will produce before that
// commit can reach the disk (a kill in between must not leave a state the parent never
// heard of). It then checks that the host loads the same state and ends at the same one.
//
// Modes: `run` (the random workload, forever, up to `batches_in_flight` batches out),
// `scenario` (a fixed, seeded sequence of `batches` batches, one in flight at a time, so
// that the store's writes and syncs are the same on every run; then exit), `verify` (open,
// report, exit). Exit codes: 0 done, 2 usage, 3 recovery mismatch, 4 open failed,
// 5 rollback mismatch, 6 the host broke its contract; invariant violations abort.
#pragma once

#include <cstdint>
#include <string>

#include "engine/store/store.h"

namespace hitd::reliability {

enum class ChildMode : uint8_t { kRun, kScenario, kVerify };

struct ChildOptions {
  std::string dir;
  uint64_t seed = 1;
  int64_t now_ms = 1'700'000'000'000;
  store::Durability durability = store::Durability::kSync;
  ChildMode mode = ChildMode::kRun;
  int batches = 30;    // scenario: batches acknowledged before the scenario ends
  int max_batch = 64;  // commands in one batch, at most
  size_t batches_in_flight = 16;
  uint64_t fail_commit_n = 0;  // fail the n-th commit through WriterOptions::fail_commit
  int fail_commit_errno = 0;
};

// Parses `child ...` arguments (after the word "child"); false on a bad argument.
bool ParseChildArgs(int argc, char** argv, ChildOptions* options, std::string* error);
int RunChild(const ChildOptions& options);

}  // namespace hitd::reliability
