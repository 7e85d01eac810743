// The engine thread: takes jobs from the IO thread's request ring, applies them in
// batches through store::Host, and submits each batch to the store thread. The IO thread
// gets the batches back, in order, from Host::NextDone, and finds each batch's jobs in
// side(seq).
//
// Each batch reads the wall clock once: every command in it runs at that `now` (the
// engine is pure; this adapter supplies time). A Tick joins the next batch whenever the
// IO thread's timer asks for one (RequestTick), so deadlines fire even with no traffic.
//
// The engine thread also keeps the work subscriptions (SubscribeWork): after applying a
// batch it finds the HIT groups that gained free slots, asks the engine (ListHitGroups,
// as the subscribed worker) whether each subscriber may take work there, and leaves a
// WorkNotice in the batch's side for the IO thread to push once the batch is durable.
//
// Idle, the thread spins briefly, then parks on a C++20 atomic wait; TryPush, RequestTick
// and RequestStop wake it. Threads: TryPush, RequestTick and RequestStop from the IO
// thread (the ring's single producer); everything else is the engine thread's.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "engine/store/host.h"
#include "engine/store/ring.h"
#include "net/server/counters.h"
#include "net/server/job.h"
#include "net/telemetry/market.h"

namespace hitd::server {

class EngineLoop {
 public:
  // `batches` is the host's pool size (HostOptions::batches).
  EngineLoop(store::Host& host, ServerCounters& counters, size_t ring_capacity, size_t batches);
  ~EngineLoop();  // joins (call RequestStop first)
  EngineLoop(const EngineLoop&) = delete;
  EngineLoop& operator=(const EngineLoop&) = delete;

  // `on_exit` runs on the engine thread once it has drained the host and exited (the
  // daemon writes its IO thread's eventfd there).
  void Start(std::function<void()> on_exit);

  // IO thread. False when the ring is full: the caller keeps the job and stops reading.
  [[nodiscard]] bool TryPush(Job* job);
  void RequestTick();
  // Applies what is in the ring, waits until every batch is done, and exits.
  void RequestStop();
  // True once the thread has drained the host and returned.
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  void Join();

  // The jobs of batch `seq`: the engine thread's until Submit, the IO thread's once the
  // batch comes back from NextDone, until it is cleared and the batch recycled.
  BatchSide& side(uint64_t seq) { return sides_[seq % sides_.size()]; }
  size_t ring_depth() const { return ring_.SizeApprox(); }

 private:
  struct WorkSub {
    uint64_t session = 0;
    engine::AccountId worker;
    engine::WorkFilter filter;
  };

  void Run();
  bool RunBatch();
  void Park();
  void Wake();
  void ApplyJob(store::Batch& batch, Job& job, engine::TimeMs now);
  void Lookup(Job& job);
  void SubscribeWork(Job& job);
  void DropSubscription(uint64_t session);
  void FindWork(store::Batch& batch, BatchSide& side, engine::TimeMs now);

  store::Host& host_;
  ServerCounters& counters_;
  store::SpscRing<Job> ring_;
  std::vector<BatchSide> sides_;
  std::vector<WorkSub> work_subs_;
  std::vector<engine::HitTypeId> gained_;  // scratch for FindWork
  telemetry::MarketPublisher market_;      // the marketplace gauges (counters_.market)
  std::atomic<uint32_t> wake_{0};
  std::atomic<bool> parked_{false};
  std::atomic<bool> tick_due_{false};
  std::atomic<bool> stop_{false};
  std::atomic<bool> finished_{false};
  std::function<void()> on_exit_;
  std::thread thread_;
};

}  // namespace hitd::server
