// Helpers for the HIT, assignment, matching and timer tests (hits_test.cc,
// hit_updates_test.cc, assignments_test.cc, lists_test.cc, accept_test.cc,
// accept_rules_test.cc, tick_test.cc), on top of test_util.h.
//
// Like test_util.h, everything goes through Engine::Apply with an explicit `now`. The
// helpers that must succeed record a test failure (EXPECT) and return an invalid id or an
// empty view when the engine refuses, so that a test reads as its scenario.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {

// Readable gtest messages for the enums these tests compare.
inline void PrintTo(EventType t, std::ostream* os) {
  static constexpr const char* kNames[] = {"?",
                                           "HITCreated",
                                           "HITExtended",
                                           "HITExpired",
                                           "HITReviewable",
                                           "HITDisposed",
                                           "AssignmentAccepted",
                                           "AssignmentSubmitted",
                                           "AssignmentReturned",
                                           "AssignmentAbandoned",
                                           "AssignmentApproved",
                                           "AssignmentRejected",
                                           "BonusPaid",
                                           "QualificationRequested",
                                           "QualificationGranted",
                                           "QualificationRevoked",
                                           "WorkerBlocked"};
  const unsigned i = static_cast<unsigned>(t);
  *os << (i < std::size(kNames) ? kNames[i] : "?");
}
inline void PrintTo(HitStatus s, std::ostream* os) {
  static constexpr const char* kNames[] = {"?",          "Assignable", "Unassignable",
                                           "Reviewable", "Reviewing",  "Disposed"};
  const unsigned i = static_cast<unsigned>(s);
  *os << (i < std::size(kNames) ? kNames[i] : "?");
}
inline void PrintTo(AssignmentStatus s, std::ostream* os) {
  static constexpr const char* kNames[] = {"?",        "Accepted", "Submitted", "Approved",
                                           "Rejected", "Returned", "Abandoned"};
  const unsigned i = static_cast<unsigned>(s);
  *os << (i < std::size(kNames) ? kNames[i] : "?");
}

namespace test {

// The fee of a reward at the default schedule: 20%, round half up, at least a cent.
inline Cents DefaultFee(Cents reward) {
  int64_t fee = (reward.value * 2000 + 5000) / 10000;
  return Cents(fee < 1 ? 1 : fee);
}

inline std::string Describe(const Result& r) {
  if (r.ok()) return "OK";
  return std::string(ErrorCodeName(r.error().code)) + "(" + std::string(r.error().field) + ")";
}

// CreateHit with this type and HIT at `now`.
// A valid CreateHit (100c reward, one assignment), and the same with one change.
using Mutation = std::function<void(CreateHit&)>;
inline CreateHit Basic() { return CreateHit{BasicHitType(Cents(100)), BasicHit(1)}; }
inline CreateHit With(const Mutation& change) {
  CreateHit c = Basic();
  change(c);
  return c;
}

inline HitId MakeHitOf(Engine& e, AccountId requester, const HitTypeSpec& type, const HitSpec& hit,
                       int64_t now = kT0) {
  Result r = Apply(e, requester, now, CreateHit{type, hit});
  EXPECT_TRUE(r.ok()) << "CreateHit: " << Describe(r);
  return r.ok() ? r.get<HitCreated>().hit : HitId();
}

// The type of a HIT, as its requester sees it.
inline HitTypeId TypeOfHit(Engine& e, AccountId requester, HitId hit) {
  Result r = Apply(e, requester, kT0, GetHit{hit});
  EXPECT_TRUE(r.ok()) << "GetHit: " << Describe(r);
  return r.ok() ? r.get<HitView>().hit.type : HitTypeId();
}

// GetHit at `now`, as the requester (who must see it).
inline HitView ViewHit(Engine& e, AccountId requester, HitId hit, int64_t now = kT0) {
  Result r = Apply(e, requester, now, GetHit{hit});
  EXPECT_TRUE(r.ok()) << "GetHit: " << Describe(r);
  return r.ok() ? r.get<HitView>() : HitView{};
}

inline AssignmentView ViewAssignment(Engine& e, AccountId actor, AssignmentId id,
                                     int64_t now = kT0) {
  Result r = Apply(e, actor, now, GetAssignment{id});
  EXPECT_TRUE(r.ok()) << "GetAssignment: " << Describe(r);
  return r.ok() ? r.get<AssignmentView>() : AssignmentView{};
}

// Accept a named HIT; the new assignment's id.
inline AssignmentId AcceptHit(Engine& e, AccountId worker, HitId hit, int64_t now = kT0) {
  Result r = Apply(e, worker, now, Accept{hit});
  EXPECT_TRUE(r.ok()) << "Accept: " << Describe(r);
  return r.ok() ? r.get<AssignmentView>().assignment.id : AssignmentId();
}

// AcceptNext: the HIT taken, or an invalid id when the engine refused (no test failure:
// tests assert which HIT they expect, including none).
inline HitId NextHit(Engine& e, AccountId worker, int64_t now = kT0, WorkFilter filter = {}) {
  Result r = Apply(e, worker, now, AcceptNext{filter});
  return r.ok() ? r.get<AssignmentView>().assignment.hit : HitId();
}

// AcceptNext that must succeed: the new assignment.
inline AssignmentView TakeNext(Engine& e, AccountId worker, int64_t now = kT0,
                               WorkFilter filter = {}) {
  Result r = Apply(e, worker, now, AcceptNext{filter});
  EXPECT_TRUE(r.ok()) << "AcceptNext: " << Describe(r);
  return r.ok() ? r.get<AssignmentView>() : AssignmentView{};
}

inline void Submit(Engine& e, AccountId worker, AssignmentId id, int64_t now = kT0) {
  Result r = Apply(e, worker, now, SubmitAssignment{id, "<answer/>"});
  EXPECT_TRUE(r.ok()) << "SubmitAssignment: " << Describe(r);
}

inline void Approve(Engine& e, AccountId requester, AssignmentId id, int64_t now = kT0) {
  Result r = Apply(e, requester, now, ApproveAssignment{id, "thanks"});
  EXPECT_TRUE(r.ok()) << "ApproveAssignment: " << Describe(r);
}

inline void Reject(Engine& e, AccountId requester, AssignmentId id, int64_t now = kT0) {
  Result r = Apply(e, requester, now, RejectAssignment{id, "wrong label"});
  EXPECT_TRUE(r.ok()) << "RejectAssignment: " << Describe(r);
}

inline Stats StatsAt(Engine& e, int64_t now = kT0) {
  Result r = Apply(e, kBootstrapAdmin, now, GetStats{});
  EXPECT_TRUE(r.ok()) << "GetStats: " << Describe(r);
  return r.ok() ? r.get<Stats>() : Stats{};
}

inline std::vector<EventType> EventTypes(const Output& out) {
  std::vector<EventType> types;
  for (const Event& ev : out.events) types.push_back(ev.type);
  return types;
}

// A requester-owned qualification type (no test), granted to nobody yet.
inline QualTypeId MakeQualType(Engine& e, AccountId owner, std::string name) {
  QualTypeSpec spec;
  spec.name = std::move(name);
  spec.description = "A qualification for the tests";
  Result r = Apply(e, owner, kT0, CreateQualificationType{spec});
  EXPECT_TRUE(r.ok()) << "CreateQualificationType: " << Describe(r);
  return r.ok() ? r.get<QualTypeCreated>().type : QualTypeId();
}

inline void Grant(Engine& e, AccountId owner, QualTypeId type, AccountId worker, int32_t value) {
  Result r = Apply(e, owner, kT0, AssociateQualificationWithWorker{type, worker, value});
  EXPECT_TRUE(r.ok()) << "AssociateQualificationWithWorker: " << Describe(r);
}

inline QualificationRequirement Requires(QualTypeId type, ActionsGuarded guard,
                                         Comparator comparator = Comparator::kExists,
                                         std::vector<int32_t> values = {}) {
  QualificationRequirement q;
  q.type = type;
  q.comparator = comparator;
  q.integer_values = std::move(values);
  q.guard = guard;
  return q;
}

}  // namespace test
}  // namespace hitd::engine
