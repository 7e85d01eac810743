#include "engine/qual_grants.h"

#include <algorithm>
#include <vector>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"

namespace hitd::engine {

namespace {

std::vector<GrantSlot>::iterator LowerBound(std::vector<GrantSlot>& grants, uint64_t type) {
  return std::lower_bound(grants.begin(), grants.end(), type,
                          [](const GrantSlot& g, uint64_t t) { return g.type < t; });
}

const AccountState& StateOfWorker(const State& s, const Account& worker) {
  HITD_CHECK(worker.id.valid() && worker.id.value <= s.account_states.size());
  return s.account_states[Index(worker.id.value)];
}

// Inserts or updates the slot and the type index, without emitting anything.
void SetSlot(State& s, AccountId worker, QualTypeId type, int32_t value, TimeMs granted) {
  HITD_CHECK(type.value <= kMaxDenseId);
  std::vector<GrantSlot>& grants = s.account_states[Index(worker.value)].grants;
  auto it = LowerBound(grants, type.value);
  if (it != grants.end() && it->type == type.value) {
    it->value = value;
    it->granted = granted;
  } else {
    // Grow by exactly one: a worker holds a handful of grants, and doubling would leave
    // a third of a million workers' grant memory unused.
    if (grants.size() == grants.capacity()) {
      size_t at = static_cast<size_t>(it - grants.begin());
      grants.reserve(grants.size() + 1);
      it = grants.begin() + static_cast<std::ptrdiff_t>(at);
    }
    grants.insert(it, GrantSlot{static_cast<uint32_t>(type.value), value, granted});
    s.grants_by_type.Insert(type.value, worker.value);
  }
  InvalidateEligibility(s.account_states[Index(worker.value)]);
}

}  // namespace

std::string OwnerNameKey(AccountId owner, std::string_view name) {
  std::string key = std::to_string(owner.value);
  key.push_back('|');
  key.append(name);
  return key;
}

QualType* FindVisibleQualType(State& s, const Account& viewer, QualTypeId id) {
  QualType* t = FindQualType(s, id);
  if (t == nullptr || t->status == QualTypeStatus::kDisposed) return nullptr;
  if (IsSystemQualType(id) || t->status == QualTypeStatus::kActive) return t;
  if (t->owner == viewer.id || viewer.role == Role::kAdmin) return t;
  return nullptr;
}

QualTypeView ViewOf(const QualType& t, const Account& viewer) {
  QualTypeView view{t, IsRequestable(t)};
  if (t.owner != viewer.id && viewer.role != Role::kAdmin) view.type.answer_key.clear();
  return view;
}

std::optional<Error> CheckGrantor(const Account& actor, const QualType& t) {
  if (t.owner.valid()) {
    if (t.owner != actor.id) return Error{ErrorCode::kPermissionDenied, "type"};
    return std::nullopt;
  }
  if (t.id == system_qual::kMasters || t.id == system_qual::kAdult) {
    if (actor.role != Role::kAdmin) return Error{ErrorCode::kPermissionDenied, "type"};
    return std::nullopt;
  }
  return Error{ErrorCode::kInvalidArgument, "type"};
}

const GrantSlot* FindGrant(const AccountState& st, QualTypeId type) {
  auto it = std::lower_bound(st.grants.begin(), st.grants.end(), type.value,
                             [](const GrantSlot& g, uint64_t t) { return g.type < t; });
  if (it == st.grants.end() || it->type != type.value) return nullptr;
  return &*it;
}

void PutGrant(State& s, Output& out, const Account& worker, QualTypeId type, int32_t value,
              TimeMs now) {
  HITD_CHECK(worker.role == Role::kWorker);
  SetSlot(s, worker.id, type, value, now);
  out.grants.push_back(QualGrant{worker.id, type, value, now, GrantStatus::kGranted});
}

void DropGrant(State& s, Output& out, const Account& worker, QualTypeId type) {
  std::vector<GrantSlot>& grants = s.account_states[Index(worker.id.value)].grants;
  auto it = LowerBound(grants, type.value);
  HITD_CHECK(it != grants.end() && it->type == type.value);
  out.grants.push_back(QualGrant{worker.id, type, it->value, it->granted, GrantStatus::kRevoked});
  grants.erase(it);
  const bool erased = s.grants_by_type.Erase(type.value, worker.id.value);
  HITD_CHECK(erased);
  InvalidateEligibility(s.account_states[Index(worker.id.value)]);
}

std::optional<QualificationView> QualificationOf(const State& s, const Account& worker,
                                                 QualTypeId type) {
  QualificationView view;
  view.type = type;
  view.worker = worker.id;
  if (type == system_qual::kLocale) {
    if (worker.locale.empty()) return std::nullopt;
    view.locale = worker.locale;
    view.granted = worker.created;
    return view;
  }
  if (IsSystemQualType(type) && type != system_qual::kMasters && type != system_qual::kAdult) {
    // Computed from the record: held since the account exists.
    std::optional<int32_t> value = QualValue(s, worker, type);
    HITD_CHECK(value.has_value());
    view.value = *value;
    view.granted = worker.created;
    return view;
  }
  const GrantSlot* g = FindGrant(StateOfWorker(s, worker), type);
  if (g == nullptr) return std::nullopt;
  view.value = g->value;
  view.granted = g->granted;
  return view;
}

void RestoreGrant(State& s, const QualGrant& grant) {
  HITD_CHECK(grant.worker.valid() && grant.worker.value <= s.account_states.size());
  if (grant.status == GrantStatus::kGranted) {
    SetSlot(s, grant.worker, grant.type, grant.value, grant.granted);
    return;
  }
  std::vector<GrantSlot>& grants = s.account_states[Index(grant.worker.value)].grants;
  auto it = LowerBound(grants, grant.type.value);
  if (it == grants.end() || it->type != grant.type.value) return;
  grants.erase(it);
  s.grants_by_type.Erase(grant.type.value, grant.worker.value);
  InvalidateEligibility(s.account_states[Index(grant.worker.value)]);
}

void RebuildQualIndexes(State& s) {
  s.qual_type_by_owner_name.clear();
  for (const QualType& t : s.qual_types) {
    if (!t.owner.valid() || t.status == QualTypeStatus::kDisposed) continue;
    s.qual_type_by_owner_name.emplace(OwnerNameKey(t.owner, t.name), Index(t.id.value));
  }
  s.last_request.clear();
  s.pending_qual_requests.clear();
  for (const QualRequest& r : s.qual_requests) {
    // Requests are in id order, so the last one seen for a (worker, type) is the latest.
    s.last_request[{r.worker.value, r.type.value}] = static_cast<uint32_t>(r.id.value);
    if (r.status != QualRequestStatus::kPending) continue;
    const QualType* t = FindQualType(s, r.type);
    HITD_CHECK(t != nullptr);
    s.pending_qual_requests.emplace(t->owner.value, r.id.value);
  }
}

}  // namespace hitd::engine
