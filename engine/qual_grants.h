// Qualification bookkeeping shared by the qualification handlers (quals.cc,
// quals_workers.cc, quals_list.cc, qual_requests.cc): who holds which grant, which types
// a caller may see, and the indexes over types and requests. Engine thread only.
//
// Invariants, kept by PutGrant / DropGrant and the handlers, and rebuilt from the
// records on load by RestoreGrant and RebuildQualIndexes:
// - (type, worker) is in State::grants_by_type exactly when the worker's
//   AccountState::grants holds a slot for the type; each worker's slots are sorted by
//   type and unique. Only granted qualifications are held; a revoked one is removed.
// - Every change to a grant emits a QualGrant record (status kRevoked when removed) and
//   marks the worker's eligibility cache stale.
// - State::qual_type_by_owner_name maps OwnerNameKey(owner, name) of every requester-
//   owned type that is not disposed to its index (id - 1): names are unique per owner,
//   and a deleted type's name may be used again.
// - State::pending_qual_requests holds (type owner, request id) of every pending
//   request, so that an owner polls its queue without scanning decided requests.
// - State::last_request maps (worker, type) to the id of the worker's latest request
//   for that type (for the "one pending request" and retry-delay rules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/output.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

// The built-in types, ids 1..system_qual::kCount.
inline bool IsSystemQualType(QualTypeId id) {
  return id.value >= 1 && id.value <= system_qual::kCount;
}

// MTurk's IsRequestable: a worker may ask for it (with or without a test, or to have it
// granted at once). Every active requester-owned type qualifies; system types never do,
// since their values are computed or granted by an admin.
inline bool IsRequestable(const QualType& t) {
  return t.owner.valid() && t.status == QualTypeStatus::kActive;
}

// The key of State::qual_type_by_owner_name: "<owner id>|<name>".
std::string OwnerNameKey(AccountId owner, std::string_view name);

// GetQualificationType's rule: a type that is not disposed, and either a system type,
// active, or owned by the viewer (an admin sees every type). nullptr otherwise, so that
// a type the viewer may not see looks exactly like one that does not exist.
QualType* FindVisibleQualType(State& s, const Account& viewer, QualTypeId id);

// The type as the viewer may see it: the answer key is the owner's secret (a worker who
// read it would pass every test), so only the owner and admins get it.
QualTypeView ViewOf(const QualType& t, const Account& viewer);

// Who may grant, revoke, and list the holders of a type: its owner; for Masters and
// Adult, an admin. The other system types are computed from the worker's record and are
// never granted (kInvalidArgument "type").
std::optional<Error> CheckGrantor(const Account& actor, const QualType& t);

const GrantSlot* FindGrant(const AccountState& st, QualTypeId type);

// Grants the type to the worker at `value`, or changes the value of its grant.
void PutGrant(State& s, Output& out, const Account& worker, QualTypeId type, int32_t value,
              TimeMs now);

// Revokes the worker's grant of the type, which must exist.
void DropGrant(State& s, Output& out, const Account& worker, QualTypeId type);

// The worker's qualification of a type: a computed system value (Locale in
// QualificationView::locale), or its grant; nullopt when it has none.
std::optional<QualificationView> QualificationOf(const State& s, const Account& worker,
                                                 QualTypeId type);

// For the store and the simulator, which build a State from records: RestoreGrant
// applies one QualGrant record (the last record of a (worker, type) wins), and
// RebuildQualIndexes rebuilds the indexes derived from qual_types and qual_requests.
void RestoreGrant(State& s, const QualGrant& grant);
void RebuildQualIndexes(State& s);

}  // namespace hitd::engine
