#include "engine/store/writer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace hitd::store {

namespace {

constexpr int kSpins = 2000;  // polls before parking: short, a core is precious
constexpr size_t kMaxGroup = 4096;

bool IsNoSpace(int rc) { return rc == ENOSPC || rc == EDQUOT || rc == MDB_MAP_FULL; }

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

StoreWriter::StoreWriter(Store& store, WriterOptions options, uint64_t next_seq)
    : store_(store),
      options_(std::move(options)),
      in_(options_.ring_capacity),
      // Every submitted batch fits in `done_` too, so the store thread never waits on it.
      done_(options_.ring_capacity),
      next_seq_(next_seq),
      done_seq_(next_seq - 1) {
  last_sync_ms_ = last_probe_ms_ = SteadyMs();
  thread_ = std::thread([this] { Run(); });
}

StoreWriter::~StoreWriter() {
  stop_.store(true, std::memory_order_release);
  {
    std::lock_guard lock(park_mutex_);
    park_.notify_one();
  }
  thread_.join();
}

int64_t StoreWriter::Now() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool StoreWriter::TrySubmit(Batch* batch) {
  batch->seq = next_seq_;
  batch->status = BatchStatus::kPending;
  if (!in_.TryPush(batch)) return false;
  ++next_seq_;
  if (sleeping_.load(std::memory_order_seq_cst)) {
    std::lock_guard lock(park_mutex_);
    park_.notify_one();
  }
  return true;
}

void StoreWriter::Submit(Batch* batch) {
  for (int i = 0; !TrySubmit(batch); ++i) {
    if (i > kSpins) std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

Batch* StoreWriter::TryNextDone() { return done_.TryPop(); }

bool StoreWriter::WaitDone(uint64_t seq, int64_t timeout_ms) {
  // Clamped to a day, so that "forever" does not overflow the clock.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(std::min<int64_t>(timeout_ms, 86'400'000));
  for (int i = 0; done_seq_.load(std::memory_order_acquire) < seq; ++i) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (i > kSpins) std::this_thread::sleep_for(std::chrono::microseconds(20));
  }
  return true;
}

void StoreWriter::ResumeAfterRollback() { rollback_.store(false, std::memory_order_release); }

void StoreWriter::Run() {
  std::vector<Batch*> group;
  group.reserve(kMaxGroup);
  int idle = 0;
  for (;;) {
    while (group.size() < kMaxGroup) {
      Batch* b = in_.TryPop();
      if (b == nullptr) break;
      group.push_back(b);
    }
    if (!group.empty()) {
      idle = 0;
      CommitGroup(group);
      group.clear();
      continue;
    }
    if (stop_.load(std::memory_order_acquire)) break;
    Idle();
    if (++idle < kSpins) continue;
    // Park until a batch arrives or the next flush or probe is due.
    std::unique_lock lock(park_mutex_);
    sleeping_.store(true, std::memory_order_seq_cst);
    if (in_.SizeApprox() == 0 && !stop_.load(std::memory_order_acquire)) {
      const int64_t wait_ms = unsynced_                       ? options_.flush_interval_ms
                              : health() == Health::kDiskFull ? options_.probe_interval_ms
                                                              : 100;
      park_.wait_for(lock, std::chrono::milliseconds(wait_ms));
    }
    sleeping_.store(false, std::memory_order_relaxed);
    idle = 0;
  }
  if (unsynced_ && health() != Health::kFailed) store_.Sync();
}

// Between batches: flush async commits that are due, probe a full disk, prune.
void StoreWriter::Idle() {
  const int64_t now = SteadyMs();
  if (unsynced_ && now - last_sync_ms_ >= options_.flush_interval_ms) {
    int rc = store_.Sync();
    last_sync_ms_ = now;
    unsynced_ = false;
    counters_.syncs.fetch_add(1, std::memory_order_relaxed);
    if (rc != 0) {
      counters_.fsync_errors.fetch_add(1, std::memory_order_relaxed);
      health_.store(Health::kFailed, std::memory_order_release);
    }
  }
  if (health() == Health::kDiskFull && !rollback_pending() &&
      now - last_probe_ms_ >= options_.probe_interval_ms) {
    last_probe_ms_ = now;
    Probe();
  }
}

// Tries a small commit (pruning, or rewriting the last batch number): if it goes
// through, there is room again.
void StoreWriter::Probe() {
  Txn txn;
  PruneStats pruned;
  int rc = store_.BeginWrite(txn);
  if (rc == 0) rc = store_.WriteLastBatch(txn, done_seq_.load(std::memory_order_relaxed));
  if (rc == 0) rc = store_.Prune(txn, Now(), options_.prune_budget, &pruned);
  if (rc == 0 && options_.fail_commit) rc = options_.fail_commit(++commits_started_);
  if (rc == 0) rc = txn.Commit();
  std::string error;
  if (IsNoSpace(rc) && !store_.Usable() && !store_.Reopen(&error)) rc = EIO;
  if (rc == 0) {
    health_.store(Health::kOk, std::memory_order_release);
  } else if (!IsNoSpace(rc)) {
    counters_.fsync_errors.fetch_add(1, std::memory_order_relaxed);
    health_.store(Health::kFailed, std::memory_order_release);
  }
}

void StoreWriter::CommitGroup(std::vector<Batch*>& group) {
  if (health() == Health::kFailed) return Finish(group, BatchStatus::kFailed);
  if (rollback_pending()) return Finish(group, BatchStatus::kDiskFull);
  bool mutates = false;
  for (Batch* b : group) mutates |= b->mutates;
  if (!mutates) return Finish(group, BatchStatus::kDurable);  // reads: in order, no I/O
  const int64_t start = SteadyNs();
  int rc = 0;
  PruneStats pruned;
  for (;;) {
    Txn txn;
    pruned = PruneStats{};
    rc = store_.BeginWrite(txn);
    for (size_t i = 0; rc == 0 && i < group.size(); ++i) {
      if (group[i]->mutates) rc = store_.Write(txn, group[i]->out);
    }
    if (rc == 0) rc = store_.WriteLastBatch(txn, group.back()->seq);
    if (rc == 0) rc = store_.Prune(txn, Now(), options_.prune_budget, &pruned);
    if (rc == 0 && options_.fail_commit) rc = options_.fail_commit(++commits_started_);
    if (rc == 0) rc = txn.Commit();
    if (rc != MDB_MAP_FULL) break;
    txn.Abort();
    if (store_.Grow() != 0) break;  // at the maximum: as good as a full disk
    counters_.map_grows.fetch_add(1, std::memory_order_relaxed);
  }
  const int64_t ns = SteadyNs() - start;
  if (rc == 0) {
    counters_.commits.fetch_add(1, std::memory_order_relaxed);
    counters_.batches_committed.fetch_add(group.size(), std::memory_order_relaxed);
    counters_.commit_ns_total.fetch_add(ns, std::memory_order_relaxed);
    counters_.commit_ns_last.store(ns, std::memory_order_relaxed);
    counters_.events_pruned.fetch_add(pruned.events, std::memory_order_relaxed);
    if (options_.on_commit) options_.on_commit(ns);
    if (durability() == Durability::kAsync) unsynced_ = true;
    return Finish(group, BatchStatus::kDurable);
  }
  // A failed meta-page write leaves LMDB's environment unusable (MDB_PANIC): reopen it
  // from what is on disk, where the failed commit is not, before the rollback reloads.
  std::string error;
  if (IsNoSpace(rc) && !store_.Usable() && !store_.Reopen(&error)) rc = EIO;
  if (IsNoSpace(rc)) {
    counters_.disk_full.fetch_add(1, std::memory_order_relaxed);
    last_probe_ms_ = SteadyMs();
    health_.store(Health::kDiskFull, std::memory_order_release);
    rollback_.store(true, std::memory_order_release);
    return Finish(group, BatchStatus::kDiskFull);
  }
  // An I/O error in write or fsync: what reached the disk is unknown. Never retry and
  // assume; acknowledge nothing from now on.
  counters_.fsync_errors.fetch_add(1, std::memory_order_relaxed);
  health_.store(Health::kFailed, std::memory_order_release);
  Finish(group, BatchStatus::kFailed);
}

void StoreWriter::Finish(std::vector<Batch*>& group, BatchStatus status) {
  for (Batch* b : group) {
    b->status = status;
    // The caller keeps at most ring_capacity batches out, so `done_` always has room
    // (Host keeps a pool that size); the yield only guards a caller that does not.
    while (!done_.TryPush(b)) std::this_thread::yield();
  }
  counters_.batches.fetch_add(group.size(), std::memory_order_relaxed);
  done_seq_.store(group.back()->seq, std::memory_order_release);
  if (options_.on_done) options_.on_done();
}

}  // namespace hitd::store
