// The parent's model of what the store may hold, fed with the child's lines
// (see child.h for their grammar), and the checks made on each restart.
//
// A batch boundary is the state after a batch (or the state loaded at start). When a
// child dies, the store must hold the state at one of its boundaries whose batch number
// is at least that of the last acknowledged batch: every acknowledged mutation is
// present (nothing acknowledged is lost), and the state is whole (nothing is
// half-applied: no commit tore a batch, or the hash would match no boundary). The next
// child's `recovered` hash must be one of those. A child that dies before it reports
// what it loaded leaves the candidates as they were. A batch that came back kDiskFull was
// never stored, so its boundary is no candidate; one that came back kFailed may or may
// not have reached the disk, so it stays one. Batch numbers restart from the
// store's last batch in each run, so they are compared only within one run.
//
// Single-threaded; one per data directory.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace hitd::reliability {

struct RunStats {
  bool recovered = false;  // the run reported what it loaded
  bool ready = false;      // ... and finished opening
  uint64_t applied = 0;    // batches applied (after the recovery tick)
  uint64_t acked = 0;      // batches acknowledged (after the recovery tick)
  uint64_t failed = 0;     // batches that came back kFailed
  uint64_t disk_full = 0;  // batches that came back kDiskFull
  uint64_t rollbacks = 0;
  uint64_t refusals = 0;               // `refused` lines: mutations refused while the disk was full
  bool acked_after_failure = false;    // an ack after the first kFailed
  bool acked_after_disk_full = false;  // an ack after the first kDiskFull
  uint64_t unacked_at_end = 0;         // batches applied, not back when the run ended
  // The recovered state's boundary in the previous run lies past its last ack: a commit
  // reached the disk before its acknowledgement did.
  bool recovered_past_ack = false;
  int64_t max_now_ms = 0;
  std::vector<uint64_t> counts;  // the `counts` line's numbers, if any
  std::string child_error;       // what an `openfailed` or `error` line said
};

class History {
 public:
  // `empty_hash`: the state of a new store (an engine with no commands applied).
  explicit History(uint64_t empty_hash);

  void BeginRun();
  // One line of the current child's output; false (with *error) when a check fails.
  bool OnLine(const std::string& line, std::string* error);
  // The child is gone: its boundaries past its last ack become the candidates.
  void EndRun();

  const RunStats& run() const { return run_stats_; }
  size_t candidates() const { return candidates_.size(); }

 private:
  struct Boundary {
    uint64_t seq = 0;
    uint64_t hash = 0;
  };

  bool OnRecovered(uint64_t hash, uint64_t last_batch, std::string* error);
  bool OnApplied(uint64_t seq, uint64_t hash, std::string* error);
  bool OnAcked(uint64_t seq, std::string* error);

  std::vector<Boundary> candidates_;
  uint64_t candidates_last_ack_ = 0;  // the last ack of the run that made the candidates
  std::vector<Boundary> boundaries_;  // the current run's, in order
  std::vector<Boundary> previous_;    // the previous run's (to explain a failure)
  std::set<uint64_t> disk_full_;      // batches the store refused: never on disk
  uint64_t last_acked_ = 0;
  bool any_acked_ = false;
  bool ready_ = false;
  RunStats run_stats_;
};

}  // namespace hitd::reliability
