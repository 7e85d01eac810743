#include "bench/engine/alloc_counter.h"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace hitd::bench {
namespace {
std::atomic<uint64_t> g_allocations{0};
std::atomic<int64_t> g_live_bytes{0};

void* Allocate(size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_live_bytes.fetch_add(static_cast<int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}

void Release(void* p) {
  if (p == nullptr) return;
  g_live_bytes.fetch_sub(static_cast<int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

AllocStats ReadAllocStats() {
  return AllocStats{g_allocations.load(std::memory_order_relaxed),
                    g_live_bytes.load(std::memory_order_relaxed)};
}
}  // namespace hitd::bench

void* operator new(size_t n) { return hitd::bench::Allocate(n); }
void* operator new[](size_t n) { return hitd::bench::Allocate(n); }
void operator delete(void* p) noexcept { hitd::bench::Release(p); }
void operator delete[](void* p) noexcept { hitd::bench::Release(p); }
void operator delete(void* p, size_t) noexcept { hitd::bench::Release(p); }
void operator delete[](void* p, size_t) noexcept { hitd::bench::Release(p); }
