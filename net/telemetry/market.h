// The marketplace gauges (docs/metrics.md, "Marketplace"): the engine thread publishes
// them into relaxed atomics, and the telemetry endpoint reads them at scrape time.
//
// Cost on the engine thread: the ledger totals are O(1) (engine::State keeps running
// totals). Counting accounts by role is incremental: accounts are only ever appended and
// never change role, so each publication counts only the accounts created since the
// last one (a rollback that shrinks the table restarts the count). HIT counts (open
// HITs, free slots, assignments accepted and submitted) have no running total in the
// engine, so they are summed by a scan of the HIT table in chunks of kScanChunk HITs:
// one chunk per publication while the engine is busy (at most every 100 ms), every chunk
// when it is about to park. A pass's totals are published when it completes, so under
// load they lag by n / kScanChunk publications; once traffic stops they are exact.
//
// MarketGauges: written by the engine thread only, read by any. MarketPublisher: engine
// thread only.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "engine/state.h"
#include "engine/types.h"

namespace hitd::telemetry {

struct MarketGauges {
  std::atomic<int64_t> open_hits{0};
  std::atomic<int64_t> free_slots{0};
  std::atomic<int64_t> assignments_accepted{0};
  std::atomic<int64_t> assignments_submitted{0};
  std::atomic<int64_t> admins{0};
  std::atomic<int64_t> requesters{0};
  std::atomic<int64_t> workers{0};
  std::atomic<int64_t> ledger_imbalance_cents{0};
  std::atomic<int64_t> escrow_cents{0};
  std::atomic<int64_t> platform_revenue_cents{0};
  std::atomic<uint64_t> passes{0};  // HIT scans completed (tests wait on it)
};

class MarketPublisher {
 public:
  static constexpr int64_t kIntervalMs = 100;  // the fastest a busy engine publishes
  static constexpr size_t kScanChunk = 16384;  // HITs per step: tens of microseconds

  explicit MarketPublisher(MarketGauges& gauges) : gauges_(gauges) {}

  // After each batch: the state changed. Publishes one step if kIntervalMs has passed
  // since the last one (`steady_ms`: a monotonic clock).
  void AfterBatch(const engine::State& s, engine::TimeMs now, int64_t steady_ms);
  // Before the engine thread parks: finishes the current pass (or runs a new one if the
  // state changed since the last pass began), stopping early when `work_waiting` says
  // there is work to do.
  void BeforePark(const engine::State& s, engine::TimeMs now,
                  const std::function<bool()>& work_waiting);

 private:
  // Publishes the O(1) values and scans the next chunk; true when a pass completed.
  bool Step(const engine::State& s, engine::TimeMs now);
  void CountNewAccounts(const engine::State& s);

  MarketGauges& gauges_;
  bool changed_ = true;  // the state changed since the current pass began
  int64_t last_step_ms_ = INT64_MIN / 2;
  size_t accounts_counted_ = 0;
  int64_t admins_ = 0;
  int64_t requesters_ = 0;
  int64_t workers_ = 0;
  // The pass in progress.
  size_t cursor_ = 0;
  int64_t open_hits_ = 0;
  int64_t free_slots_ = 0;
  int64_t accepted_ = 0;
  int64_t submitted_ = 0;
};

}  // namespace hitd::telemetry
