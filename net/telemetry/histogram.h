// A Prometheus histogram as an array of relaxed atomic bucket counters: the thread that
// observes (one per histogram, named where it is declared) never takes a lock or
// allocates, and any other thread (the telemetry endpoint) reads it at any time.
//
// Values are integers in the histogram's own unit (nanoseconds for durations, a count
// for batch sizes); `scale` turns them into the exposed unit (1e-9: seconds). Buckets
// are fixed at construction, ascending; each counter holds the observations that fell
// into it alone (not cumulative), so Observe touches one bucket. A reader sums them into
// the cumulative `le` buckets, and takes _count as their total, so that the +Inf bucket
// always equals _count even while observations go on.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hitd::telemetry {

class Histogram {
 public:
  static constexpr size_t kMaxBounds = 24;

  // `bounds`: the buckets' upper bounds (inclusive), ascending, at most kMaxBounds.
  Histogram(std::span<const uint64_t> bounds, double scale);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  // The observing thread. O(buckets), no lock, no allocation.
  void Observe(uint64_t value) {
    size_t i = 0;
    while (i < bound_count_ && value > bounds_[i]) ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
  }

  // Any thread: a recent view of the histogram.
  struct Snapshot {
    std::vector<double> bounds;        // in the exposed unit
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;                    // in the exposed unit
    uint64_t count = 0;                // == cumulative.back()
  };
  Snapshot Read() const;

  std::span<const uint64_t> bounds() const { return {bounds_.data(), bound_count_}; }

 private:
  std::array<uint64_t, kMaxBounds> bounds_{};
  size_t bound_count_ = 0;
  double scale_ = 1;
  std::array<std::atomic<uint64_t>, kMaxBounds + 1> counts_{};  // the last one is +Inf
  std::atomic<uint64_t> sum_{0};
};

// Durations from 50 us to 10 s, x2 to x2.5 apart, in nanoseconds (scale 1e-9).
inline constexpr std::array<uint64_t, 17> kDurationBoundsNs = {
    50'000,      100'000,       250'000,       500'000,       1'000'000,     2'500'000,
    5'000'000,   10'000'000,    25'000'000,    50'000'000,    100'000'000,   250'000'000,
    500'000'000, 1'000'000'000, 2'500'000'000, 5'000'000'000, 10'000'000'000};
// Commands per batch: powers of two up to the engine loop's batch cap (4096).
inline constexpr std::array<uint64_t, 13> kBatchSizeBounds = {1,   2,   4,   8,    16,   32,  64,
                                                              128, 256, 512, 1024, 2048, 4096};

}  // namespace hitd::telemetry
