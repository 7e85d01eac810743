// The steps of EngineLoader::Finish (engine/load.h), internal to the loader.
//
// Finish runs them in order on the State of a fresh Engine: PlaceAccounts, PlaceQuals,
// PlaceHits put the records in their tables, checking each reference as they go (ids
// dense from their first value, every id naming a record of the right kind, every enum
// one of its values), so that RestoreIndexes and the whole-state checks that follow can
// index by any id without a bounds check. Each step returns "" or the first problem.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/load.h"
#include "engine/state.h"

namespace hitd::engine::load {

using Records = EngineLoader::Records;

std::string PlaceAccounts(State& s, Records& r);   // load_tables.cc
std::string PlaceQuals(State& s, Records& r);      // load_tables.cc
std::string PlaceHits(State& s, Records& r);       // load_hits.cc
std::string RestoreIndexes(State& s, Records& r);  // load_indexes.cc

// Keeps, of the records with equal keys, the one added last (as the store's last write
// wins), and leaves them sorted by key. `key` maps a record to something ordered.
template <typename T, typename Key>
void KeepLastPerKey(std::vector<T>& v, Key key) {
  auto less = [&](const T& a, const T& b) { return key(a) < key(b); };
  if (!std::is_sorted(v.begin(), v.end(), less)) std::stable_sort(v.begin(), v.end(), less);
  size_t kept = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i + 1 < v.size() && !less(v[i], v[i + 1])) continue;  // a later one has its key
    if (kept != i) v[kept] = std::move(v[i]);
    ++kept;
  }
  v.resize(kept);
}

// After KeepLastPerKey by id: "" when the ids run first, first + 1, ... without a gap.
template <typename T>
std::string CheckDense(const std::vector<T>& v, uint64_t first, const char* what) {
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].id.value != first + i) {
      return std::string(what) + " " + std::to_string(first + i) + " is missing (next is " +
             std::to_string(v[i].id.value) + ")";
    }
  }
  if (first + v.size() - 1 > kMaxDenseId) return std::string("too many ") + what + "s";
  return {};
}

// Moves the loaded records into a table, keeping room for `reserve` (a capacity hint).
template <typename T>
void Place(std::vector<T>& table, std::vector<T>& loaded, uint64_t reserve) {
  table.reserve(std::max<uint64_t>(reserve, table.size() + loaded.size()));
  for (T& record : loaded) table.push_back(std::move(record));
  loaded.clear();
  loaded.shrink_to_fit();
}

inline std::string Name(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}

// Whether `id` names an account of `role`.
inline bool IsA(const State& s, AccountId id, Role role) {
  return id.value >= 1 && id.value <= s.accounts.size() && s.accounts[id.value - 1].role == role;
}

// Whether an enum holds one of its values, first..last.
template <typename E>
bool InRange(E v, E first, E last) {
  return v >= first && v <= last;
}

}  // namespace hitd::engine::load
