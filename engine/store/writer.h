// The store thread: takes the engine's batches from a bounded lock-free ring and commits
// them, in order, in as few LMDB write transactions as it can (group commit: every batch
// waiting when a commit starts goes into it). It hands each batch back, in order, with
// its status, only once the batch is durable (sync mode), so a response released with its
// batch never shows state a crash could take back: every mutation before it, in this and
// earlier batches, is on disk.
//
// Faults (DESIGN section 4):
//   - a full map grows (doubling) and the commit is retried;
//   - a full disk (ENOSPC, EDQUOT, or the map at its maximum) fails the group: its batches
//     and every batch after them come back kDiskFull until the engine thread has rolled
//     its state back to the store's (ResumeAfterRollback); writes are then refused
//     (health kDiskFull) until a probe commit succeeds, every probe_interval_ms;
//   - any other commit or sync error (an fsync that failed) is fatal: health kFailed,
//     nothing is acknowledged any more, never retried; restart to recover from disk.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/output.h"
#include "engine/store/ring.h"
#include "engine/store/store.h"

namespace hitd::store {

enum class BatchStatus : uint8_t {
  kPending = 0,
  kDurable = 1,   // committed (and in sync mode fsync'ed): answer it
  kDiskFull = 2,  // not stored: its mutations answer RESOURCE_EXHAUSTED, reads UNAVAILABLE
  kFailed = 3,    // the store failed (fsync error): answer UNAVAILABLE
};

// One engine batch: what its commands appended to `out`. The commands whose payloads
// `out` points into must outlive the batch's trip through the store.
struct Batch {
  engine::Output out;
  uint64_t seq = 0;      // set by StoreWriter::Submit, one more than the last
  bool mutates = false;  // any command in it changed state
  BatchStatus status = BatchStatus::kPending;
};

enum class Health : uint8_t { kOk = 0, kDiskFull = 1, kFailed = 2 };

struct WriterOptions {
  size_t ring_capacity = 1024;      // batches in flight between engine and store
  int64_t flush_interval_ms = 10;   // async mode: the longest a commit stays unsynced
  uint64_t prune_budget = 256;      // events pruned per commit, at most
  int64_t probe_interval_ms = 500;  // while the disk is full: how often to try a write
  // The wall clock event retention measures age by (default: the system clock). Flush
  // and probe intervals use the steady clock.
  std::function<int64_t()> now_ms;
  // Test seam: called before each commit with its number (1, 2, ...); a nonzero return
  // fails that commit with that code, as if mdb_txn_commit had returned it.
  std::function<int(uint64_t)> fail_commit;
  // Called by the store thread after it has handed back a group of batches (they are in
  // the done ring): wakes a consumer that waits on something other than polling, e.g.
  // the daemon's IO thread through an eventfd. Must be cheap and must not block.
  std::function<void()> on_done;
  // Called by the store thread after each successful group commit with its duration in
  // nanoseconds (fsync included), e.g. to feed a latency histogram. Must be cheap and
  // must not block.
  std::function<void(int64_t ns)> on_commit;
};

// Telemetry: written by the store thread only, read by anyone.
struct WriterCounters {
  std::atomic<uint64_t> commits{0};
  std::atomic<uint64_t> batches{0};  // batches handed back (any status)
  std::atomic<uint64_t> batches_committed{0};
  std::atomic<uint64_t> commit_ns_total{0};
  std::atomic<uint64_t> commit_ns_last{0};
  std::atomic<uint64_t> map_grows{0};
  std::atomic<uint64_t> disk_full{0};     // commits failed for lack of space
  std::atomic<uint64_t> fsync_errors{0};  // fatal commit or sync errors
  std::atomic<uint64_t> syncs{0};         // async mode: explicit flushes
  std::atomic<uint64_t> events_pruned{0};
};

class StoreWriter {
 public:
  // Starts the store thread. `next_seq` is the first batch number to hand out.
  StoreWriter(Store& store, WriterOptions options, uint64_t next_seq = 1);
  // Commits what was submitted, syncs, and stops the thread.
  ~StoreWriter();
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  // Producer (the engine thread). Numbers the batch and queues it; false when the ring
  // is full (the caller stops taking new work: backpressure).
  bool TrySubmit(Batch* batch);
  // Waits for room, then queues.
  void Submit(Batch* batch);

  // Consumer (one thread): the next batch the store is done with, in order, or nullptr.
  Batch* TryNextDone();
  // Waits until batch `seq` is done (any status) or `timeout_ms` (at most a day) passes.
  bool WaitDone(uint64_t seq, int64_t timeout_ms);

  Health health() const { return health_.load(std::memory_order_acquire); }
  // A batch failed for lack of space: the engine thread must reload its state from the
  // store once every batch it submitted is done, then call ResumeAfterRollback.
  bool rollback_pending() const { return rollback_.load(std::memory_order_acquire); }
  void ResumeAfterRollback();

  uint64_t submitted() const { return next_seq_ - 1; }  // producer thread only
  uint64_t done_seq() const { return done_seq_.load(std::memory_order_acquire); }
  size_t queue_depth() const { return in_.SizeApprox(); }
  const WriterCounters& counters() const { return counters_; }
  Durability durability() const { return store_.options().durability; }

 private:
  void Run();
  void CommitGroup(std::vector<Batch*>& group);
  void Finish(std::vector<Batch*>& group, BatchStatus status);
  void Idle();
  void Probe();
  int64_t Now() const;

  Store& store_;
  WriterOptions options_;
  SpscRing<Batch> in_;
  SpscRing<Batch> done_;
  uint64_t next_seq_;
  uint64_t commits_started_ = 0;
  int64_t last_sync_ms_ = 0;
  int64_t last_probe_ms_ = 0;
  bool unsynced_ = false;
  std::atomic<Health> health_{Health::kOk};
  std::atomic<bool> rollback_{false};
  std::atomic<uint64_t> done_seq_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> sleeping_{false};
  std::mutex park_mutex_;
  std::condition_variable park_;
  WriterCounters counters_;
  std::thread thread_;
};

}  // namespace hitd::store
