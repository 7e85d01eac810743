#include "net/server/engine_loop.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/state.h"

namespace hitd::server {

namespace {

constexpr int kSpins = 4000;               // empty polls before parking: short, cores are few
constexpr size_t kMaxJobsPerBatch = 4096;  // a batch's share of one group commit

int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

engine::TimeMs WallNow() {
  return engine::TimeMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

// Events after which a HIT may have a free slot it did not have before.
bool MayFreeSlots(engine::EventType type) {
  switch (type) {
    case engine::EventType::kHitCreated:
    case engine::EventType::kHitExtended:
    case engine::EventType::kAssignmentReturned:
    case engine::EventType::kAssignmentAbandoned:
    case engine::EventType::kAssignmentRejected:
      return true;
    default:
      return false;
  }
}

}  // namespace

EngineLoop::EngineLoop(store::Host& host, ServerCounters& counters, size_t ring_capacity,
                       size_t batches)
    : host_(host),
      counters_(counters),
      ring_(ring_capacity),
      sides_(std::max<size_t>(batches, 2)),
      market_(counters.market) {}

EngineLoop::~EngineLoop() { Join(); }

void EngineLoop::Start(std::function<void()> on_exit) {
  on_exit_ = std::move(on_exit);
  thread_ = std::thread([this] { Run(); });
}

void EngineLoop::Join() {
  if (thread_.joinable()) thread_.join();
}

bool EngineLoop::TryPush(Job* job) {
  if (!ring_.TryPush(job)) return false;
  // Pairs with Park (all seq_cst): either the engine thread reads this increment before
  // it checks the ring (and so sees the job), or it loaded `wake_` earlier and its wait
  // returns at once; and if it parked first, we see parked_ and wake the futex.
  wake_.fetch_add(1, std::memory_order_seq_cst);
  if (parked_.load(std::memory_order_seq_cst)) wake_.notify_one();
  return true;
}

void EngineLoop::RequestTick() {
  tick_due_.store(true, std::memory_order_release);
  Wake();
}

void EngineLoop::RequestStop() {
  stop_.store(true, std::memory_order_release);
  Wake();
}

void EngineLoop::Wake() {
  wake_.fetch_add(1, std::memory_order_seq_cst);
  wake_.notify_one();
}

void EngineLoop::Run() {
  int idle = 0;
  for (;;) {
    std::string error;
    if (!host_.Maintain(&error)) spdlog::error("event=engine_reload_failed error=\"{}\"", error);
    if (RunBatch()) {
      idle = 0;
      continue;
    }
    if (stop_.load(std::memory_order_acquire)) {
      if (ring_.SizeApprox() == 0) break;
      continue;
    }
    if (++idle < kSpins) continue;
    // Idle: the gauges may take the time a scan needs, until work arrives.
    market_.BeforePark(host_.engine().state(), WallNow(), [this] {
      return ring_.SizeApprox() != 0 || tick_due_.load(std::memory_order_relaxed) ||
             stop_.load(std::memory_order_relaxed);
    });
    Park();
    idle = 0;
  }
  host_.Drain();
  finished_.store(true, std::memory_order_release);
  if (on_exit_) on_exit_();
}

void EngineLoop::Park() {
  parked_.store(true, std::memory_order_seq_cst);
  const uint32_t seen = wake_.load(std::memory_order_seq_cst);
  if (ring_.SizeApprox() == 0 && !tick_due_.load(std::memory_order_acquire) &&
      !stop_.load(std::memory_order_acquire)) {
    counters_.engine_parks.fetch_add(1, std::memory_order_relaxed);
    wake_.wait(seen, std::memory_order_seq_cst);
  }
  parked_.store(false, std::memory_order_seq_cst);
}

bool EngineLoop::RunBatch() {
  const bool tick = tick_due_.exchange(false, std::memory_order_acq_rel);
  Job* job = ring_.TryPop();
  if (!tick && job == nullptr) return false;
  store::Batch* batch = host_.Begin();
  while (batch == nullptr) {  // every batch is in flight: the store is the bottleneck
    std::this_thread::sleep_for(std::chrono::microseconds(20));
    batch = host_.Begin();
  }
  const uint64_t seq = host_.writer().submitted() + 1;  // what Submit will number it
  BatchSide& side = this->side(seq);
  HITD_CHECK(side.first == nullptr);
  HITD_CHECK(side.work.empty());
  const engine::TimeMs now = WallNow();
  const int64_t start_ns = SteadyNs();
  if (tick) {
    (void)host_.Apply(*batch, engine::Context(engine::AccountId(), now), engine::Tick{});
    counters_.ticks.fetch_add(1, std::memory_order_relaxed);
  }
  size_t count = 0;
  while (job != nullptr) {
    ApplyJob(*batch, *job, now);
    side.Append(job);
    if (++count == kMaxJobsPerBatch) break;
    job = ring_.TryPop();
  }
  if (!work_subs_.empty()) FindWork(*batch, side, now);
  counters_.request_ring_depth.store(ring_.SizeApprox(), std::memory_order_relaxed);
  counters_.store_ring_depth.store(host_.writer().queue_depth(), std::memory_order_relaxed);
  counters_.commands.fetch_add(count, std::memory_order_relaxed);
  counters_.batches.fetch_add(1, std::memory_order_relaxed);
  const int64_t end_ns = SteadyNs();
  counters_.engine_apply_seconds.Observe(static_cast<uint64_t>(end_ns - start_ns));
  counters_.batch_commands.Observe(count + (tick ? 1 : 0));
  host_.Submit(batch);
  HITD_CHECK(batch->seq == seq);
  market_.AfterBatch(host_.engine().state(), now, end_ns / 1'000'000);
  return true;
}

void EngineLoop::ApplyJob(store::Batch& batch, Job& job, engine::TimeMs now) {
  const engine::State& s = host_.engine().state();
  const engine::Account* actor = engine::FindAccount(s, job.actor);
  const bool active_admin = actor != nullptr && actor->role == engine::Role::kAdmin &&
                            actor->status == engine::AccountStatus::kActive;
  switch (job.kind) {
    case JobKind::kCommand: {
      job.mutation = engine::IsMutation(job.command);
      engine::Context ctx(job.actor, now, std::move(job.token), job.fingerprint);
      job.result = host_.Apply(batch, ctx, job.command);
      return;
    }
    case JobKind::kLookup:
      return Lookup(job);
    case JobKind::kSubscribeWork:
      return SubscribeWork(job);
    case JobKind::kUnsubscribeWork:
      DropSubscription(job.session);
      job.result = engine::Result{engine::Empty{}};
      return;
    case JobKind::kBackupCheck:
      job.result = active_admin ? engine::Result{engine::Empty{}}
                                : engine::Fail(engine::ErrorCode::kPermissionDenied, "body");
      return;
    case JobKind::kSessionClosed:
      DropSubscription(job.session);
      return;
  }
}

void EngineLoop::Lookup(Job& job) {
  const engine::State& s = host_.engine().state();
  const engine::Account* a = nullptr;
  if (!job.lookup_name.empty()) {
    std::optional<uint32_t> at = s.account_by_name.Find(s.names, job.lookup_name);
    if (at.has_value() && *at < s.accounts.size()) a = &s.accounts[*at];
  } else {
    a = engine::FindAccount(s, job.lookup_id);
  }
  job.account = LookedUp{};
  if (a == nullptr) return;
  job.account.found = true;
  job.account.id = a->id;
  job.account.role = a->role;
  job.account.status = a->status;
}

void EngineLoop::SubscribeWork(Job& job) {
  const engine::Account* a = engine::FindAccount(host_.engine().state(), job.actor);
  if (a == nullptr || a->role != engine::Role::kWorker ||
      a->status != engine::AccountStatus::kActive) {
    job.result = engine::Fail(engine::ErrorCode::kPermissionDenied, "body");
    return;
  }
  DropSubscription(job.session);  // one work subscription per connection: the newest
  work_subs_.push_back(WorkSub{job.session, job.actor, job.filter});
  job.result = engine::Result{engine::Empty{}};
}

void EngineLoop::DropSubscription(uint64_t session) {
  std::erase_if(work_subs_, [session](const WorkSub& w) { return w.session == session; });
}

// The groups that may have gained free slots in this batch, then for each subscriber
// whose filter admits one, the engine's own answer to "may this worker take work here".
void EngineLoop::FindWork(store::Batch& batch, BatchSide& side, engine::TimeMs now) {
  const engine::State& s = host_.engine().state();
  gained_.clear();
  for (const engine::Event& e : batch.out.events) {
    if (!MayFreeSlots(e.type) || !e.hit.valid() || e.hit.value > s.hits.size()) continue;
    const engine::HitTypeId type = s.hits[e.hit.value - 1].type;
    if (std::find(gained_.begin(), gained_.end(), type) == gained_.end()) gained_.push_back(type);
  }
  for (engine::HitTypeId type : gained_) {
    for (const WorkSub& sub : work_subs_) {
      if (sub.filter.type.valid() && sub.filter.type != type) continue;
      engine::ListHitGroups query;
      query.filter = sub.filter;
      query.filter.type = type;
      query.page.max_results = 1;
      engine::Result r = host_.Apply(batch, engine::Context(sub.worker, now), query);
      if (!r.ok()) continue;
      const auto& groups = r.get<engine::HitGroupList>().groups;
      if (groups.empty() || !groups[0].qualified || groups[0].slots_available == 0) continue;
      const engine::HitGroupView& g = groups[0];
      side.work.push_back(
          WorkNotice{sub.session, net::WorkAvailable{g.type.id, g.type.requester, g.type.reward,
                                                     g.slots_available, g.type.title}});
    }
  }
}

}  // namespace hitd::server
