// The engine's timers: a binary min-heap of (due time, kind, id).
//
// Deadlines, HIT expiries and auto-approvals are pushed as they are set and never
// removed early: when an entry comes due, the engine checks it still applies (the
// assignment is still Accepted with that deadline, and so on) and drops it otherwise.
// Push and pop are O(log n); entries are 16 bytes. Engine thread only.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/types.h"

namespace hitd::engine {

enum class TimerKind : uint8_t {
  kDeadline = 1,      // id: assignment
  kAutoApproval = 2,  // id: assignment
  kHitExpiry = 3,     // id: HIT
};

struct TimerEntry {
  int64_t due_ms = 0;
  uint32_t id = 0;
  TimerKind kind = TimerKind::kDeadline;

  // Ties break by kind then id, so that firing order is deterministic.
  bool Before(const TimerEntry& o) const {
    if (due_ms != o.due_ms) return due_ms < o.due_ms;
    if (kind != o.kind) return kind < o.kind;
    return id < o.id;
  }
};
static_assert(sizeof(TimerEntry) == 16);

class TimerHeap {
 public:
  void Push(TimeMs due, TimerKind kind, uint32_t id);
  // Starts loading the entry the next Push compares with first (a hint only).
  void PrefetchPush() const {
    if (!heap_.empty()) __builtin_prefetch(&heap_[(heap_.size() - 1) / 2]);
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const TimerEntry& top() const { return heap_.front(); }
  void Pop();
  void Reserve(size_t n) { heap_.reserve(n); }
  void Clear() { heap_.clear(); }
  // Every entry, in heap order (for whole-state checks).
  const std::vector<TimerEntry>& entries() const { return heap_; }

 private:
  std::vector<TimerEntry> heap_;
};

}  // namespace hitd::engine
