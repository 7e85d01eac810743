// One worker's qualification through Engine::Apply: Associate, Disassociate and
// GetQualificationScore.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/eligibility.h"
#include "tests/engine/qual_fixture.h"

namespace hitd::engine {
namespace {

using qual_test::Holders;
using qual_test::Ids;
using qual_test::QualFixture;
using qual_test::Spec;
using qual_test::TestSpec;
using qual_test::Update;
using test::Apply;
using test::IsError;
using test::kT0;
using test::MakeLocale;
using test::Rejected;

using QualGrants = QualFixture;

// ---- Associate / Disassociate ----

TEST_F(QualGrants, AssociateGrantsTheValueAndTellsTheOwner) {
  QualTypeId t = Create(Spec("grant"));
  Output out;
  const Command cmd = AssociateQualificationWithWorker{t, worker_, 42};
  Result r = Apply(e_, requester_, kT0 + 3, cmd, out);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(StateOf(worker_).grants.size(), 1u);
  EXPECT_EQ(StateOf(worker_).grants[0].value, 42);
  EXPECT_TRUE(StateOf(worker_).stale);
  EXPECT_TRUE(e_.state().grants_by_type.Contains(t.value, worker_.value));
  ASSERT_EQ(out.grants.size(), 1u);
  EXPECT_EQ(out.grants[0], (QualGrant{worker_, t, 42, TimeMs(kT0 + 3), GrantStatus::kGranted}));
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationGranted);
  EXPECT_EQ(out.events[0].owner, requester_);
  EXPECT_EQ(out.events[0].worker, worker_);
  EXPECT_EQ(out.events[0].qual_type, t);
}

TEST_F(QualGrants, AssociatingAgainChangesTheValue) {
  QualTypeId t = Create(Spec("regrant"));
  ASSERT_TRUE(Associate(t, worker_, 1).ok());
  ASSERT_TRUE(Associate(t, worker_, 9).ok());
  ASSERT_EQ(StateOf(worker_).grants.size(), 1u);
  EXPECT_EQ(StateOf(worker_).grants[0].value, 9);
}

TEST_F(QualGrants, GrantsStaySortedByType) {
  QualTypeId a = Create(Spec("a"));
  QualTypeId b = Create(Spec("b"));
  ASSERT_TRUE(Associate(b, worker_).ok());
  ASSERT_TRUE(Associate(a, worker_).ok());
  ASSERT_TRUE(Associate(system_qual::kMasters, worker_, 1, kBootstrapAdmin).ok());
  const std::vector<GrantSlot>& g = StateOf(worker_).grants;
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].type, system_qual::kMasters.value);
  EXPECT_EQ(g[1].type, a.value);
  EXPECT_EQ(g[2].type, b.value);
}

TEST_F(QualGrants, AssociateIsForTheOwnerOrAnAdminGrantingMastersOrAdult) {
  QualTypeId t = Create(Spec("own"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, AssociateQualificationWithWorker{t, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, kBootstrapAdmin, kT0, AssociateQualificationWithWorker{t, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       AssociateQualificationWithWorker{system_qual::kMasters, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, kBootstrapAdmin, kT0,
                       AssociateQualificationWithWorker{system_qual::kPercentApproved, worker_, 1},
                       ErrorCode::kInvalidArgument, "type"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, AssociateQualificationWithWorker{t, other_, 1},
                       ErrorCode::kNotFound, "worker"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       AssociateQualificationWithWorker{QualTypeId(77), worker_, 1},
                       ErrorCode::kNotFound, "type"));
}

TEST_F(QualGrants, AdminGrantsMastersAndTheEventGoesToTheAdmin) {
  Output out;
  const Command cmd = AssociateQualificationWithWorker{system_qual::kAdult, worker_, 1};
  ASSERT_TRUE(Apply(e_, kBootstrapAdmin, kT0, cmd, out).ok());
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].owner, kBootstrapAdmin);
  QualificationRequirement adult{
      system_qual::kAdult, Comparator::kExists, {}, {}, ActionsGuarded::kAccept};
  EXPECT_TRUE(MeetsRequirement(e_.state(), test::AccountOf(e_, worker_), adult));
}

TEST_F(QualGrants, DisassociateRevokesWithTheReason) {
  QualTypeId t = Create(Spec("revoke"));
  ASSERT_TRUE(Associate(t, worker_, 5).ok());
  Output out;
  const Command cmd = DisassociateQualificationFromWorker{t, worker_, "sloppy work"};
  ASSERT_TRUE(Apply(e_, requester_, kT0 + 9, cmd, out).ok());
  EXPECT_TRUE(StateOf(worker_).grants.empty());
  EXPECT_TRUE(e_.state().grants_by_type.empty());
  ASSERT_EQ(out.grants.size(), 1u);
  EXPECT_EQ(out.grants[0].status, GrantStatus::kRevoked);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kQualRevokeReason);
  EXPECT_EQ(out.payloads[0].id, worker_.value);
  EXPECT_EQ(out.payloads[0].aux, t.value);
  EXPECT_EQ(out.payloads[0].data, "sloppy work");
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationRevoked);
}

TEST_F(QualGrants, DisassociateNeedsAGrantAndAShortReason) {
  QualTypeId t = Create(Spec("none"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, DisassociateQualificationFromWorker{t, worker_, ""},
                       ErrorCode::kNotFound, "worker"));
  ASSERT_TRUE(Associate(t, worker_).ok());
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       DisassociateQualificationFromWorker{t, worker_, std::string(1025, 'r')},
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, DisassociateQualificationFromWorker{t, worker_, ""},
                       ErrorCode::kPermissionDenied, "type"));
}

// ---- GetQualificationScore ----

TEST_F(QualGrants, OwnerAndWorkerReadAGrantedScore) {
  QualTypeId t = Create(Spec("score"));
  ASSERT_TRUE(Associate(t, worker_, 77).ok());
  for (AccountId who : {requester_, worker_, kBootstrapAdmin}) {
    Result r = Score(t, worker_, who);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.get<QualificationView>().value, 77);
    EXPECT_EQ(r.get<QualificationView>().status, GrantStatus::kGranted);
  }
  EXPECT_TRUE(IsError(Score(t, worker_, other_), ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(IsError(Score(t, worker_, worker2_), ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(IsError(Score(t, worker2_, requester_), ErrorCode::kNotFound, "worker"));
}

TEST_F(QualGrants, SystemScoresAreComputedFromTheWorkersRecord) {
  Result approved = Score(system_qual::kPercentApproved, worker_, worker_);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved.get<QualificationView>().value, 100);
  Result rejected = Score(system_qual::kPercentRejected, worker_, worker_);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected.get<QualificationView>().value, 0);
  Result locale = Score(system_qual::kLocale, worker_, worker_);
  ASSERT_TRUE(locale.ok());
  EXPECT_EQ(locale.get<QualificationView>().locale, MakeLocale("US-NY"));
  EXPECT_TRUE(IsError(Score(system_qual::kMasters, worker_, worker_), ErrorCode::kNotFound));
}

}  // namespace
}  // namespace hitd::engine
