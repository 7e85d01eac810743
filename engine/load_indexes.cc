// Loader step (load_internal.h): grants, blocks and tokens, and every index, cache and
// timer derived from the tables, built as the handlers build them one record at a time.
#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/common.h"
#include "engine/limits.h"
#include "engine/load_internal.h"
#include "engine/matching.h"
#include "engine/qual_grants.h"
#include "engine/tokens.h"

namespace hitd::engine::load {

namespace {

// Only Masters, Adult and requester-owned types are granted; the other system values
// are computed from the worker's record.
bool Grantable(const State& s, QualTypeId type) {
  return type == system_qual::kMasters || type == system_qual::kAdult ||
         (type.value >= system_qual::kFirstUserId && type.value <= s.qual_types.size());
}

std::string RestoreGrants(State& s, std::vector<QualGrant>& grants) {
  KeepLastPerKey(grants,
                 [](const QualGrant& g) { return std::make_pair(g.worker.value, g.type.value); });
  for (const QualGrant& g : grants) {
    const std::string name = Name("grant to worker", g.worker.value);
    if (!IsA(s, g.worker, Role::kWorker)) return name + ": not a worker";
    if (!Grantable(s, g.type)) return name + ": of a type that is never granted";
    if (!InRange(g.status, GrantStatus::kGranted, GrantStatus::kRevoked)) return name + ": status";
    // In (worker, type) order, so each type's holders arrive ascending: appends.
    if (g.status == GrantStatus::kGranted) RestoreGrant(s, g);
  }
  RebuildQualIndexes(s);
  size_t named = 0;  // requester-owned types not disposed: their names are unique per owner
  for (const QualType& t : s.qual_types) {
    named += t.owner.valid() && t.status != QualTypeStatus::kDisposed;
  }
  if (named != s.qual_type_by_owner_name.size()) {
    return "two qualification types of one owner share a name";
  }
  return {};
}

std::string RestoreBlocks(State& s, std::vector<WorkerBlock>& blocks) {
  KeepLastPerKey(blocks, [](const WorkerBlock& b) {
    return std::make_pair(b.requester.value, b.worker.value);
  });
  for (const WorkerBlock& b : blocks) {
    if (!IsA(s, b.requester, Role::kRequester) || !IsA(s, b.worker, Role::kWorker)) {
      return Name("block of worker", b.worker.value) + ": its requester or worker";
    }
    if (!b.active) continue;  // deleted: its last record says so
    s.blocks[{b.requester.value, b.worker.value}] = b;
    s.blocked.FindOrInsert(PairKey(b.requester.value, b.worker.value), 1);
  }
  return {};
}

// HITs: per-HIT state, each requester's list, groups' counts and orders, expiry timers.
void RestoreHits(State& s) {
  s.hit_states.reserve(std::max<uint64_t>(s.config.reserve_hits, s.hits.size()));
  s.hit_states.resize(s.hits.size());
  for (const Hit& h : s.hits) {
    s.hits_by_requester[h.requester.value].push_back(static_cast<uint32_t>(h.id.value));
    ++GroupOf(s, h.type).hits_total;
    if (!h.expired && !h.disposed) {
      s.timers.Push(h.expires, TimerKind::kHitExpiry, static_cast<uint32_t>(h.id.value));
    }
  }
  ListEveryHit(s);
}

// Assignments, in id order as Take appends them: both intrusive lists, the worker's
// Accepted count, who holds which HIT, each worker's holds per group, and the timers.
void RestoreAssignments(State& s) {
  const size_t n = s.assignments.size();
  s.assignment_links.reserve(std::max<uint64_t>(s.config.reserve_assignments, n));
  s.assignment_links.resize(n);
  s.holder.Reserve(std::max<uint64_t>(s.config.reserve_assignments, n));
  for (const Assignment& a : s.assignments) {
    const uint32_t id = static_cast<uint32_t>(a.id.value);
    const Hit& hit = HitOf(s, a);
    HitState& hs = s.hit_states[Index(hit.id.value)];
    (hs.last_assignment ? s.assignment_links[hs.last_assignment - 1].next_in_hit
                        : hs.first_assignment) = id;
    hs.last_assignment = id;
    AccountState& st = s.account_states[Index(a.worker.value)];
    (st.last_assignment ? s.assignment_links[st.last_assignment - 1].next_in_worker
                        : st.first_assignment) = id;
    st.last_assignment = id;
    s.holder.FindOrInsert(PairKey(a.worker.value, hit.id.value)) = id;
    // Cursors start at the front: they only save rescanning, never change an answer.
    WorkerGroup& wg = s.worker_groups.FindOrInsert(PairKey(a.worker.value, hit.type.value),
                                                   WorkerGroup{0, GroupOf(s, hit.type).gen, 0});
    if (a.status != AssignmentStatus::kReturned && a.status != AssignmentStatus::kAbandoned) {
      ++wg.taken;
    }
    if (a.status == AssignmentStatus::kAccepted) {
      ++st.accepted_now;
      s.timers.Push(a.deadline, TimerKind::kDeadline, id);
    } else if (a.status == AssignmentStatus::kSubmitted) {
      s.timers.Push(a.auto_approval, TimerKind::kAutoApproval, id);
    }
  }
  for (const Bonus& b : s.bonuses) {
    s.bonuses_by_hit[b.hit.value].push_back(static_cast<uint32_t>(b.id.value));
  }
}

// The newest tokens, as many as the capacity allows, in the engine's order.
std::string RestoreTokens(State& s, std::vector<TokenRecord>& tokens) {
  std::vector<std::pair<std::string, TokenRecord*>> keyed;
  keyed.reserve(tokens.size());
  for (TokenRecord& t : tokens) {
    if (t.account.value == 0 || t.account.value > s.accounts.size()) {
      return Name("token of account", t.account.value) + ": no such account";
    }
    if (t.token.empty() || t.token.size() > limits::kRequestTokenMax) {
      return Name("token of account", t.account.value) + ": its length";
    }
    keyed.emplace_back(TokenKey(t.account, t.token), &t);
  }
  KeepLastPerKey(keyed, [](const auto& k) { return std::string_view(k.first); });
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second->created, a.first) < std::tie(b.second->created, b.first);
  });
  const size_t keep = std::min<uint64_t>(keyed.size(), s.config.token_capacity);
  for (size_t i = keyed.size() - keep; i < keyed.size(); ++i) {
    TokenRecord& t = *keyed[i].second;
    s.tokens.emplace(keyed[i].first, TokenEntry{t.fingerprint, t.created, std::move(t.result)});
    OrderToken(s, t.created, std::move(keyed[i].first));
  }
  return {};
}

}  // namespace

std::string RestoreIndexes(State& s, Records& r) {
  if (std::string e = RestoreGrants(s, r.grants); !e.empty()) return e;
  if (std::string e = RestoreBlocks(s, r.blocks); !e.empty()) return e;
  RestoreHits(s);
  RestoreAssignments(s);
  if (std::string e = RestoreTokens(s, r.tokens); !e.empty()) return e;
  const EngineMeta& m = r.meta;
  s.last_event_seq = m.last_event_seq;
  s.notifications = m.notifications;
  s.deposits = m.deposits;
  s.requester_available = m.requester_available;
  s.escrow = m.escrow;
  s.worker_available = m.worker_available;
  s.withdrawn = m.withdrawn;
  s.platform_revenue = m.platform_revenue;
  return {};
}

}  // namespace hitd::engine::load
