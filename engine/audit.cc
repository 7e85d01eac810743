// The deterministic state hash, and the whole-state checks (invariants.h) as
// CheckInvariants runs them. O(n): tests, the simulator and debug builds; never the hot
// path.
#include <string>

#include "engine/check.h"
#include "engine/engine.h"
#include "engine/invariants.h"

namespace hitd::engine {

namespace {

// FNV-1a over 64-bit words and bytes: simple, and stable across runs and machines.
struct Hasher {
  uint64_t h = 0xcbf29ce484222325ULL;
  void Bytes(const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 0x100000001b3ULL;
    }
  }
  void U(uint64_t v) { Bytes(&v, sizeof v); }
  void S(const std::string& v) {
    U(v.size());
    Bytes(v.data(), v.size());
  }
};

void HashAccount(Hasher& h, const Account& a) {
  for (uint64_t v :
       {a.id.value, uint64_t(a.role), uint64_t(a.status), uint64_t(a.created.value),
        uint64_t(a.available.value), uint64_t(a.escrow.value), uint64_t(a.withdrawn.value),
        uint64_t(a.earned.value), uint64_t(a.spent.value), uint64_t(a.counters.accepted),
        uint64_t(a.counters.submitted), uint64_t(a.counters.approved),
        uint64_t(a.counters.rejected), uint64_t(a.counters.returned),
        uint64_t(a.counters.abandoned), uint64_t(a.accepts_day), uint64_t(a.accepts_today)}) {
    h.U(v);
  }
  h.Bytes(a.locale.country, 2);
  h.Bytes(a.locale.subdivision, 3);
}

void HashHit(Hasher& h, const Hit& x) {
  for (uint64_t v : {x.id.value,
                     x.type.value,
                     x.requester.value,
                     uint64_t(x.created.value),
                     uint64_t(x.expires.value),
                     uint64_t(x.reward.value),
                     uint64_t(x.fee.value),
                     uint64_t(x.max_assignments),
                     uint64_t(x.priority),
                     uint64_t(x.free),
                     uint64_t(x.accepted),
                     uint64_t(x.submitted),
                     uint64_t(x.approved),
                     uint64_t(x.rejected),
                     uint64_t(x.rejected_closed),
                     uint64_t(x.unslotted),
                     uint64_t(x.returned),
                     uint64_t(x.abandoned),
                     uint64_t(x.expired),
                     uint64_t(x.reviewing),
                     uint64_t(x.disposed),
                     uint64_t(x.reviewable_announced)}) {
    h.U(v);
  }
}

void HashAssignment(Hasher& h, const Assignment& a) {
  for (uint64_t v :
       {a.id.value, a.hit.value, a.worker.value, uint64_t(a.status), uint64_t(a.accepted.value),
        uint64_t(a.deadline.value), uint64_t(a.submitted.value), uint64_t(a.auto_approval.value),
        uint64_t(a.decided.value), uint64_t(a.reopened)}) {
    h.U(v);
  }
}

void HashType(Hasher& h, const HitType& t) {
  h.U(t.id.value);
  h.U(t.requester.value);
  h.S(t.title);
  h.S(t.description);
  h.S(t.keywords);
  for (uint64_t v : {uint64_t(t.reward.value), uint64_t(t.assignment_duration.value),
                     uint64_t(t.auto_approval_delay.value), uint64_t(t.order),
                     uint64_t(t.per_worker_cap), uint64_t(t.reject_reopens_slot),
                     uint64_t(t.requirements.size()), uint64_t(t.excluded_types.size())}) {
    h.U(v);
  }
  for (const QualificationRequirement& r : t.requirements) {
    h.U(r.type.value);
    h.U(uint64_t(r.comparator));
    h.U(uint64_t(r.guard));
    for (int32_t i : r.integer_values) h.U(uint64_t(i));
    for (const Locale& l : r.locale_values) h.Bytes(&l, sizeof l);
  }
  for (HitTypeId x : t.excluded_types) h.U(x.value);
}

void HashQuals(Hasher& h, const State& s) {
  for (const QualType& q : s.qual_types) {
    h.U(q.id.value);
    h.U(q.owner.value);
    h.S(q.name);
    h.S(q.description);
    h.S(q.keywords);
    for (uint64_t v : {uint64_t(q.status), uint64_t(q.has_test), uint64_t(q.test_duration.value),
                       uint64_t(q.retry_allowed), uint64_t(q.retry_delay.value),
                       uint64_t(q.auto_granted), uint64_t(q.auto_granted_value)}) {
      h.U(v);
    }
    for (const AnswerKeyItem& k : q.answer_key) {
      h.S(k.question_id);
      h.S(k.answer);
      h.U(uint64_t(k.score));
    }
  }
  for (const AccountState& st : s.account_states) {
    h.U(st.grants.size());
    for (const GrantSlot& g : st.grants) {
      h.U(g.type);
      h.U(uint64_t(g.value));
      h.U(uint64_t(g.granted.value));
    }
  }
  for (const QualRequest& r : s.qual_requests) {
    for (uint64_t v :
         {r.id.value, r.worker.value, r.type.value, uint64_t(r.status), uint64_t(r.submitted.value),
          uint64_t(r.decided.value), uint64_t(r.score), uint64_t(r.scored)}) {
      h.U(v);
    }
  }
}

}  // namespace

uint64_t Engine::StateHash() const {
  const State& s = *state_;
  Hasher h;
  for (const Account& a : s.accounts) HashAccount(h, a);
  for (const std::string& n : s.names) h.S(n);
  for (const HitType& t : s.hit_types) HashType(h, t);
  for (const Hit& x : s.hits) HashHit(h, x);
  for (const Assignment& a : s.assignments) HashAssignment(h, a);
  HashQuals(h, s);
  for (const Bonus& b : s.bonuses) {
    for (uint64_t v :
         {b.id.value, b.requester.value, b.worker.value, b.assignment.value, b.hit.value,
          uint64_t(b.amount.value), uint64_t(b.fee.value), uint64_t(b.paid.value)}) {
      h.U(v);
    }
  }
  for (const auto& [key, b] : s.blocks) {
    h.U(key.first);
    h.U(key.second);
    h.U(uint64_t(b.created.value));
    h.U(uint64_t(b.active));
  }
  for (uint64_t v : {s.last_event_seq, s.notifications, uint64_t(s.deposits.value),
                     uint64_t(s.platform_revenue.value), uint64_t(s.tokens.size())}) {
    h.U(v);
  }
  return h.h;
}

void Engine::CheckInvariants() const {
  std::string violation = FindRecordViolation(*state_);
  if (violation.empty()) violation = FindIndexViolation(*state_);
  if (!violation.empty()) CheckFailed(violation.c_str(), __FILE__, __LINE__);
}

}  // namespace hitd::engine
