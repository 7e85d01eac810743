// The index-level invariants (invariants.h) of the tables outside matching: names,
// grants, per-requester and per-HIT lists, blocks, tokens and the qualification indexes.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/common.h"
#include "engine/invariants.h"
#include "engine/qual_grants.h"

namespace hitd::engine {

namespace {

std::string Name(const char* what, uint64_t id) {
  return std::string(what) + " " + std::to_string(id);
}

std::string Names(const State& s) {
  if (s.names.size() != s.accounts.size() || s.account_states.size() != s.accounts.size()) {
    return "names or account states differ in number from the accounts";
  }
  if (s.account_by_name.size() != s.names.size()) return "account_by_name's size";
  for (size_t i = 0; i < s.names.size(); ++i) {
    if (s.account_by_name.Find(s.names, s.names[i]) != i) return Name("account", i + 1) + ": name";
  }
  return {};
}

std::string Grants(const State& s) {
  size_t grants = 0;
  for (const Account& a : s.accounts) {
    const std::vector<GrantSlot>& g = s.account_states[a.id.value - 1].grants;
    if (g.empty()) continue;
    if (a.role != Role::kWorker) return Name("account", a.id.value) + ": grants to a non-worker";
    for (size_t i = 0; i < g.size(); ++i) {
      if ((i > 0 && g[i - 1].type >= g[i].type) ||
          !s.grants_by_type.Contains(g[i].type, a.id.value))
        return Name("account", a.id.value) + ": grants unsorted or not indexed by type";
    }
    grants += g.size();
  }
  if (grants != s.grants_by_type.size()) return "grants_by_type holds grants no worker has";
  return {};
}

// A map from an owner id to ascending ids of records, each `owned` by that owner.
template <typename Owned>
bool OwnedLists(const std::unordered_map<uint64_t, std::vector<uint32_t>>& lists, size_t total,
                Owned owned) {
  size_t seen = 0;
  for (const auto& [owner, ids] : lists) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if ((i > 0 && ids[i - 1] >= ids[i]) || !owned(owner, ids[i])) return false;
    }
    seen += ids.size();
  }
  return seen == total;
}

std::string Lists(const State& s) {
  auto hit_of = [&](uint64_t requester, uint32_t id) {
    return id >= 1 && id <= s.hits.size() && s.hits[id - 1].requester.value == requester;
  };
  if (!OwnedLists(s.hits_by_requester, s.hits.size(), hit_of)) return "hits_by_requester";
  auto bonus_of = [&](uint64_t hit, uint32_t id) {
    return id >= 1 && id <= s.bonuses.size() && s.bonuses[id - 1].hit.value == hit;
  };
  if (!OwnedLists(s.bonuses_by_hit, s.bonuses.size(), bonus_of)) return "bonuses_by_hit";
  return {};
}

std::string Blocks(const State& s) {
  if (s.blocked.size() != s.blocks.size()) return "blocked and blocks differ in size";
  for (const auto& [key, b] : s.blocks) {
    if (!b.active || key.first != b.requester.value || key.second != b.worker.value ||
        s.blocked.Find(PairKey(key.first, key.second)) == nullptr) {
      return Name("block of worker", key.second) + ": not active and indexed";
    }
  }
  return {};
}

std::string Tokens(const State& s) {
  if (s.tokens.size() != s.token_order.size()) return "tokens and token_order differ in size";
  for (size_t i = 0; i < s.token_order.size(); ++i) {
    const auto& [created, key] = s.token_order[i];
    auto it = s.tokens.find(key);
    if ((i > 0 && !(s.token_order[i - 1] < s.token_order[i])) || it == s.tokens.end() ||
        it->second.created != created) {
      return "token_order is unsorted or names a token not remembered";
    }
  }
  return {};
}

// The qualification indexes against a copy rebuilt from the records.
std::string QualIndexes(const State& s) {
  State rebuilt;
  rebuilt.qual_types = s.qual_types;
  rebuilt.qual_requests = s.qual_requests;
  RebuildQualIndexes(rebuilt);
  if (rebuilt.qual_type_by_owner_name != s.qual_type_by_owner_name) {
    return "qual_type_by_owner_name differs from the types";
  }
  if (rebuilt.last_request != s.last_request) return "last_request differs from the requests";
  if (rebuilt.pending_qual_requests != s.pending_qual_requests) {
    return "pending_qual_requests differs from the requests";
  }
  return {};
}

}  // namespace

std::string FindTableIndexViolation(const State& s) {
  if (std::string v = Names(s); !v.empty()) return v;
  if (std::string v = Grants(s); !v.empty()) return v;
  if (std::string v = Lists(s); !v.empty()) return v;
  if (std::string v = Blocks(s); !v.empty()) return v;
  if (std::string v = Tokens(s); !v.empty()) return v;
  return QualIndexes(s);
}

}  // namespace hitd::engine
