// Assertions for what only a bug can cause.
//
// HITD_CHECK stays on in release builds and is for O(1) conditions; HITD_DCHECK is for
// debug builds, tests and the simulator (O(n) whole-state checks). A failed check prints
// the condition and aborts: the engine never continues from a state it does not trust.
#pragma once

namespace hitd::engine {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}  // namespace hitd::engine

#define HITD_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::hitd::engine::CheckFailed(#cond, __FILE__, __LINE__))

#ifdef NDEBUG
#define HITD_DCHECK(cond) static_cast<void>(0)
#else
#define HITD_DCHECK(cond) HITD_CHECK(cond)
#endif
