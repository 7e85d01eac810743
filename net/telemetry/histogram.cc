#include "net/telemetry/histogram.h"

#include <cassert>

namespace hitd::telemetry {

Histogram::Histogram(std::span<const uint64_t> bounds, double scale) : scale_(scale) {
  assert(bounds.size() <= kMaxBounds);
  for (uint64_t b : bounds) {
    assert(bound_count_ == 0 || b > bounds_[bound_count_ - 1]);
    if (bound_count_ == kMaxBounds) break;
    bounds_[bound_count_++] = b;
  }
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.bounds.reserve(bound_count_);
  s.cumulative.reserve(bound_count_ + 1);
  uint64_t total = 0;
  for (size_t i = 0; i <= bound_count_; ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(total);
    if (i < bound_count_) s.bounds.push_back(static_cast<double>(bounds_[i]) * scale_);
  }
  s.count = total;
  s.sum = static_cast<double>(sum_.load(std::memory_order_relaxed)) * scale_;
  return s;
}

}  // namespace hitd::telemetry
