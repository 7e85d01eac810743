#include "net/telemetry/market.h"

#include <algorithm>

#include "engine/matching.h"
#include "engine/money.h"

namespace hitd::telemetry {

void MarketPublisher::AfterBatch(const engine::State& s, engine::TimeMs now, int64_t steady_ms) {
  changed_ = true;
  if (steady_ms - last_step_ms_ < kIntervalMs) return;
  last_step_ms_ = steady_ms;
  (void)Step(s, now);
}

void MarketPublisher::BeforePark(const engine::State& s, engine::TimeMs now,
                                 const std::function<bool()>& work_waiting) {
  if (!changed_ && cursor_ == 0) return;  // the last pass saw the state as it is
  while (!work_waiting()) {
    if (Step(s, now)) return;
  }
}

bool MarketPublisher::Step(const engine::State& s, engine::TimeMs now) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  if (cursor_ == 0) changed_ = false;  // this pass sees every change made before it
  gauges_.ledger_imbalance_cents.store(engine::LedgerImbalance(s).value, kRelaxed);
  gauges_.escrow_cents.store(s.escrow.value, kRelaxed);
  gauges_.platform_revenue_cents.store(s.platform_revenue.value, kRelaxed);
  CountNewAccounts(s);

  const size_t end = std::min(s.hits.size(), cursor_ + kScanChunk);
  for (size_t i = cursor_; i < end; ++i) {
    const engine::Hit& h = s.hits[i];
    accepted_ += h.accepted;
    submitted_ += h.submitted;
    if (engine::StatusOf(h, now) == engine::HitStatus::kAssignable) {
      ++open_hits_;
      free_slots_ += h.free;
    }
  }
  cursor_ = end;
  if (cursor_ < s.hits.size()) return false;
  gauges_.open_hits.store(open_hits_, kRelaxed);
  gauges_.free_slots.store(free_slots_, kRelaxed);
  gauges_.assignments_accepted.store(accepted_, kRelaxed);
  gauges_.assignments_submitted.store(submitted_, kRelaxed);
  gauges_.passes.fetch_add(1, kRelaxed);
  cursor_ = 0;
  open_hits_ = free_slots_ = accepted_ = submitted_ = 0;
  return true;
}

void MarketPublisher::CountNewAccounts(const engine::State& s) {
  if (s.accounts.size() < accounts_counted_) {  // rolled back: count again
    accounts_counted_ = 0;
    admins_ = requesters_ = workers_ = 0;
  }
  for (; accounts_counted_ < s.accounts.size(); ++accounts_counted_) {
    switch (s.accounts[accounts_counted_].role) {
      case engine::Role::kAdmin:
        ++admins_;
        break;
      case engine::Role::kRequester:
        ++requesters_;
        break;
      case engine::Role::kWorker:
        ++workers_;
        break;
    }
  }
  gauges_.admins.store(admins_, std::memory_order_relaxed);
  gauges_.requesters.store(requesters_, std::memory_order_relaxed);
  gauges_.workers.store(workers_, std::memory_order_relaxed);
}

}  // namespace hitd::telemetry
