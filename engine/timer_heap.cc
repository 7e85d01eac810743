#include "engine/timer_heap.h"

#include <utility>

#include "engine/check.h"

namespace hitd::engine {

void TimerHeap::Push(TimeMs due, TimerKind kind, uint32_t id) {
  heap_.push_back(TimerEntry{due.value, id, kind});
  size_t i = heap_.size() - 1;
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!heap_[i].Before(heap_[parent])) break;
    std::swap(heap_[i], heap_[parent]);
    i = parent;
  }
}

void TimerHeap::Pop() {
  HITD_CHECK(!heap_.empty());
  heap_.front() = heap_.back();
  heap_.pop_back();
  size_t n = heap_.size();
  size_t i = 0;
  for (;;) {
    size_t left = 2 * i + 1;
    if (left >= n) break;
    size_t best = left;
    if (left + 1 < n && heap_[left + 1].Before(heap_[left])) best = left + 1;
    if (!heap_[best].Before(heap_[i])) break;
    std::swap(heap_[i], heap_[best]);
    i = best;
  }
}

}  // namespace hitd::engine
