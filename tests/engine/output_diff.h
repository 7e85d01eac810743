// Compares two engines' answers to one command: the Result and everything the Output
// carries (payloads by their bytes). For the loader's tests and the simulator, which
// check that a reloaded engine answers exactly as the engine it was loaded from.
// Header-only; no GoogleTest here.
#pragma once

#include <string>
#include <vector>

#include "engine/output.h"
#include "engine/replies.h"

namespace hitd::engine::test {

namespace internal {

template <typename T>
bool SameRecords(const std::vector<T>& a, const std::vector<T>& b) {
  return a == b;
}

inline bool SamePayloads(const std::vector<Payload>& a, const std::vector<Payload>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].id != b[i].id || a[i].aux != b[i].aux ||
        a[i].data != b[i].data) {
      return false;
    }
  }
  return true;
}

}  // namespace internal

// "" when both answered alike, or the first part that differs.
inline std::string DiffAnswers(const Result& ra, const Output& a, const Result& rb,
                               const Output& b) {
  using internal::SameRecords;
  if (!(ra == rb)) return "the results differ";
  if (!SameRecords(a.events, b.events)) return "the events differ";
  if (!SameRecords(a.accounts, b.accounts)) return "the account records differ";
  if (!SameRecords(a.profiles, b.profiles)) return "the profile records differ";
  if (!SameRecords(a.qual_types, b.qual_types)) return "the qualification type records differ";
  if (!SameRecords(a.grants, b.grants)) return "the grant records differ";
  if (!SameRecords(a.qual_requests, b.qual_requests)) return "the request records differ";
  if (!SameRecords(a.hit_types, b.hit_types)) return "the HIT type records differ";
  if (!SameRecords(a.hits, b.hits)) return "the HIT records differ";
  if (!SameRecords(a.assignments, b.assignments)) return "the assignment records differ";
  if (!SameRecords(a.bonuses, b.bonuses)) return "the bonus records differ";
  if (!SameRecords(a.blocks, b.blocks)) return "the block records differ";
  if (!internal::SamePayloads(a.payloads, b.payloads)) return "the payloads differ";
  if (!SameRecords(a.tokens, b.tokens)) return "the token records differ";
  if (a.meta_changed != b.meta_changed || (a.meta_changed && !(a.meta == b.meta))) {
    return "the engine counters differ";
  }
  return {};
}

}  // namespace hitd::engine::test
