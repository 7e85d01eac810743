// The assignment lifecycle (engine/assignments.cc, engine/assignment_ops.cc): submit,
// return, approve (and override of a rejection), reject, read; the money each decision
// moves, to the cent; who may do what; the timestamps of every state.
#include <gtest/gtest.h>

#include <iterator>
#include <string>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptHit;
using test::AccountOf;
using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeHit;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;
using test::ViewAssignment;

constexpr int64_t kSec = 1000;
constexpr Cents kReward(137);
constexpr Cents kFee(27);  // 20% of 137 = 27.4, rounded half up
constexpr Cents kSlot = kReward + kFee;
constexpr Cents kDeposit(10'000);

struct Assignments : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", kDeposit);
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");

  AccountBalance Balance(AccountId who) {
    Result r = Apply(e, who, kT0, GetAccountBalance{});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.get<AccountBalance>() : AccountBalance{};
  }
  HitId ReopeningHit(uint32_t max_assignments) {
    HitTypeSpec t = BasicHitType(kReward);
    t.reject_reopens_slot = true;
    return MakeHitOf(e, requester, t, BasicHit(max_assignments));
  }
};

TEST_F(Assignments, ApprovePaysRewardToWorkerAndFeeToPlatformToTheCent) {
  HitId hit = MakeHit(e, requester, kReward, 2);
  ASSERT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot * 2, kSlot * 2, Cents(0)}));
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  Output out;
  const Command approve = ApproveAssignment{a, "good work"};
  ASSERT_TRUE(Apply(e, requester, kT0 + 2 * kSec, approve, out).ok());
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot * 2, kSlot, Cents(0)}));
  EXPECT_EQ(Balance(w1), (AccountBalance{kReward, Cents(0), Cents(0)}));
  Stats st = test::StatsAt(e);
  EXPECT_EQ(st.platform_revenue, kFee);
  EXPECT_EQ(st.imbalance, Cents(0));
  EXPECT_EQ(st.escrow, kSlot);
  EXPECT_EQ(AccountOf(e, w1).counters.approved, 1u);
  EXPECT_EQ(AccountOf(e, requester).spent, kSlot);
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kAssignmentApproved);
  EXPECT_EQ(out.events[0].amount, kReward);
  EXPECT_EQ(out.events[0].worker, w1);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kFeedback);
  EXPECT_EQ(ViewAssignment(e, w1, a).assignment.status, AssignmentStatus::kApproved);
  // Decided once: no second approval.
  EXPECT_TRUE(Rejected(e, requester, kT0 + 3 * kSec, ApproveAssignment{a, ""},
                       ErrorCode::kFailedPrecondition, "assignment_id"));
  e.CheckInvariants();
}

TEST_F(Assignments, RejectRefundsTheSlotAndRequiresFeedbackOfAtMost1024Bytes) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  EXPECT_TRUE(Rejected(e, requester, kT0 + 2 * kSec, RejectAssignment{a, ""},
                       ErrorCode::kInvalidArgument, "requester_feedback"));
  EXPECT_TRUE(Rejected(e, requester, kT0 + 2 * kSec, RejectAssignment{a, std::string(1025, 'f')},
                       ErrorCode::kInvalidArgument, "requester_feedback"));
  EXPECT_TRUE(Rejected(e, requester, kT0 + 2 * kSec, ApproveAssignment{a, std::string(1025, 'f')},
                       ErrorCode::kInvalidArgument, "requester_feedback"));
  test::Reject(e, requester, a, kT0 + 2 * kSec);
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit, Cents(0), Cents(0)}));
  EXPECT_EQ(Balance(w1).available, Cents(0));
  EXPECT_EQ(test::StatsAt(e).platform_revenue, Cents(0));
  EXPECT_EQ(AccountOf(e, w1).counters.rejected, 1u);
  EXPECT_EQ(test::ViewHit(e, requester, hit, kT0 + 2 * kSec).status, HitStatus::kReviewable);
  EXPECT_TRUE(Rejected(e, w2, kT0 + 3 * kSec, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  e.CheckInvariants();
}

TEST_F(Assignments, RejectThatReopensKeepsEscrowAndOffersTheSlotToAnotherWorker) {
  HitId hit = ReopeningHit(1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  test::Reject(e, requester, a, kT0 + 2 * kSec);
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot, kSlot, Cents(0)}));
  EXPECT_TRUE(ViewAssignment(e, requester, a).assignment.reopened);
  EXPECT_EQ(test::ViewHit(e, requester, hit, kT0 + 2 * kSec).status, HitStatus::kAssignable);
  // Not to the rejected worker, who still holds the HIT.
  EXPECT_TRUE(Rejected(e, w1, kT0 + 3 * kSec, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  EXPECT_TRUE(Rejected(e, w1, kT0 + 3 * kSec, Accept{hit}, ErrorCode::kAlreadyExists));
  AssignmentId b = test::TakeNext(e, w2, kT0 + 3 * kSec).assignment.id;
  test::Submit(e, w2, b, kT0 + 4 * kSec);
  test::Approve(e, requester, b, kT0 + 5 * kSec);
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot, Cents(0), Cents(0)}));
  EXPECT_EQ(Balance(w2).available, kReward);
  e.CheckInvariants();
}

TEST_F(Assignments, OverrideOfARejectionPaysFromAvailable) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  test::Reject(e, requester, a, kT0 + 2 * kSec);
  EXPECT_TRUE(Rejected(e, requester, kT0 + 3 * kSec, ApproveAssignment{a, ""},
                       ErrorCode::kFailedPrecondition, "assignment_id"));  // no override flag
  ASSERT_TRUE(Apply(e, requester, kT0 + 3 * kSec, ApproveAssignment{a, "sorry", true}).ok());
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot, Cents(0), Cents(0)}));
  EXPECT_EQ(Balance(w1).available, kReward);
  EXPECT_EQ(test::StatsAt(e).platform_revenue, kFee);
  EXPECT_EQ(AccountOf(e, w1).counters.rejected, 0u);
  EXPECT_EQ(AccountOf(e, w1).counters.approved, 1u);
  AssignmentView v = ViewAssignment(e, requester, a);
  EXPECT_EQ(v.assignment.status, AssignmentStatus::kApproved);
  EXPECT_EQ(v.assignment.decided, TimeMs(kT0 + 3 * kSec));
  e.CheckInvariants();
}

TEST_F(Assignments, OverrideWithoutAvailableFundsFails) {
  AccountId poor = MakeRequester(e, "poor", kSlot * 2);
  HitId hit = MakeHit(e, poor, kReward, 1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  MakeHit(e, poor, kReward, 1);  // takes the second slot's worth
  test::Reject(e, poor, a, kT0 + 2 * kSec);
  ASSERT_EQ(AccountOf(e, poor).available, kSlot);
  MakeHit(e, poor, kReward, 1);  // and the refund
  EXPECT_TRUE(Rejected(e, poor, kT0 + 3 * kSec, ApproveAssignment{a, "", true},
                       ErrorCode::kInsufficientFunds, "assignment_id"));
}

TEST_F(Assignments, OverrideOfAReopenedRejectionLeavesTheSlotsEscrowForTheNextWorker) {
  HitId hit = ReopeningHit(1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  test::Reject(e, requester, a, kT0 + 2 * kSec);
  ASSERT_TRUE(Apply(e, requester, kT0 + 3 * kSec, ApproveAssignment{a, "", true}).ok());
  EXPECT_EQ(Balance(requester), (AccountBalance{kDeposit - kSlot * 2, kSlot, Cents(0)}));
  EXPECT_EQ(Balance(w1).available, kReward);
  EXPECT_EQ(test::TakeNext(e, w2, kT0 + 4 * kSec).assignment.hit, hit);
  e.CheckInvariants();
}

TEST_F(Assignments, ReturnFreesTheSlotAndTheWorkerMayTakeItAgain) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  EXPECT_TRUE(Rejected(e, w2, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, ReturnAssignment{a}).ok());
  AssignmentView v = ViewAssignment(e, requester, a);
  EXPECT_EQ(v.assignment.status, AssignmentStatus::kReturned);
  EXPECT_EQ(v.assignment.decided, TimeMs(kT0 + kSec));
  EXPECT_EQ(AccountOf(e, w1).counters.returned, 1u);
  EXPECT_EQ(test::ViewHit(e, requester, hit, kT0 + kSec).status, HitStatus::kAssignable);
  EXPECT_EQ(AccountOf(e, requester).escrow, kSlot);  // the slot stays paid for
  EXPECT_TRUE(Rejected(e, w1, kT0 + kSec, ReturnAssignment{a}, ErrorCode::kFailedPrecondition));
  AssignmentView again = test::TakeNext(e, w1, kT0 + 2 * kSec);
  EXPECT_EQ(again.assignment.hit, hit);
  EXPECT_NE(again.assignment.id, a);
  e.CheckInvariants();
}

TEST_F(Assignments, SubmitMustComeBeforeTheDeadlineWithAnAnswer) {
  HitId hit = MakeHit(e, requester, kReward, 2);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  AssignmentId b = AcceptHit(e, w2, hit, kT0);
  const int64_t deadline = kT0 + 3600 * kSec;
  EXPECT_EQ(ViewAssignment(e, w1, a).assignment.deadline, TimeMs(deadline));
  EXPECT_TRUE(Rejected(e, w1, deadline, SubmitAssignment{a, "<answer/>"},
                       ErrorCode::kFailedPrecondition, "deadline"));
  EXPECT_TRUE(Rejected(e, w2, kT0, SubmitAssignment{b, ""}, ErrorCode::kInvalidArgument, "answer"));
  EXPECT_TRUE(Rejected(e, w2, kT0, SubmitAssignment{b, std::string(64 * 1024 + 1, 'a')},
                       ErrorCode::kInvalidArgument, "answer"));
  EXPECT_TRUE(Apply(e, w2, deadline - 1, SubmitAssignment{b, std::string(64 * 1024, 'a')}).ok());
  EXPECT_TRUE(Rejected(e, w2, deadline - 1, SubmitAssignment{b, "<again/>"},
                       ErrorCode::kFailedPrecondition, "assignment_id"));
}

TEST_F(Assignments, OnlyTheWorkerSubmitsOrReturnsItsAssignment) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  EXPECT_TRUE(Rejected(e, w2, kT0, SubmitAssignment{a, "<answer/>"}, ErrorCode::kNotFound,
                       "assignment_id"));
  EXPECT_TRUE(Rejected(e, w2, kT0, ReturnAssignment{a}, ErrorCode::kNotFound, "assignment_id"));
  EXPECT_TRUE(Rejected(e, w2, kT0, SubmitAndAcceptNext{a, "<answer/>"}, ErrorCode::kNotFound));
  EXPECT_TRUE(Rejected(e, requester, kT0, SubmitAssignment{a, "<answer/>"},
                       ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e, requester, kT0, ReturnAssignment{a}, ErrorCode::kPermissionDenied));
}

TEST_F(Assignments, OnlyTheHitsRequesterApprovesOrRejects) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  AccountId other = MakeRequester(e, "other", kDeposit);
  const int64_t now = kT0 + 2 * kSec;
  EXPECT_TRUE(
      Rejected(e, other, now, ApproveAssignment{a, ""}, ErrorCode::kNotFound, "assignment_id"));
  EXPECT_TRUE(
      Rejected(e, other, now, RejectAssignment{a, "no"}, ErrorCode::kNotFound, "assignment_id"));
  EXPECT_TRUE(Rejected(e, w1, now, ApproveAssignment{a, ""}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e, w1, now, RejectAssignment{a, "no"}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(
      Rejected(e, requester, now, ApproveAssignment{AssignmentId(99), ""}, ErrorCode::kNotFound));
}

TEST_F(Assignments, AnAcceptedAssignmentCannotBeDecided) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  EXPECT_TRUE(Rejected(e, requester, kT0, ApproveAssignment{a, ""}, ErrorCode::kFailedPrecondition,
                       "assignment_id"));
  EXPECT_TRUE(Rejected(e, requester, kT0, RejectAssignment{a, "no"}, ErrorCode::kFailedPrecondition,
                       "assignment_id"));
}

TEST_F(Assignments, GetAssignmentIsVisibleToItsWorkerAndTheHitsRequesterOnly) {
  HitId hit = MakeHit(e, requester, kReward, 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  AssignmentView v = ViewAssignment(e, w1, a);
  EXPECT_EQ(v.assignment.worker, w1);
  EXPECT_EQ(v.requester, requester);
  EXPECT_EQ(v.reward, kReward);
  EXPECT_EQ(ViewAssignment(e, requester, a), v);
  EXPECT_EQ(ViewAssignment(e, kBootstrapAdmin, a), v);
  AccountId other = MakeRequester(e, "other");
  EXPECT_TRUE(Rejected(e, w2, kT0, GetAssignment{a}, ErrorCode::kNotFound, "assignment_id"));
  EXPECT_TRUE(Rejected(e, other, kT0, GetAssignment{a}, ErrorCode::kNotFound, "assignment_id"));
  EXPECT_TRUE(Rejected(e, w1, kT0, GetAssignment{AssignmentId(42)}, ErrorCode::kNotFound));
}

TEST_F(Assignments, SubmitAndAcceptNextTakesTheNextHitOfTheSameGroupOrNone) {
  HitId h1 = MakeHit(e, requester, kReward, 1);
  HitId h2 = MakeHit(e, requester, kReward, 1);
  MakeHit(e, requester, Cents(500), 1);  // better paid, but another group
  WorkFilter same;
  same.type = test::TypeOfHit(e, requester, h1);
  AssignmentView first = test::TakeNext(e, w1, kT0, same);
  ASSERT_EQ(first.assignment.hit, h1);
  Result r = Apply(e, w1, kT0 + kSec, SubmitAndAcceptNext{first.assignment.id, "<answer/>"});
  ASSERT_TRUE(r.ok()) << test::Describe(r);
  const SubmitAndAcceptNextResult& res = r.get<SubmitAndAcceptNextResult>();
  EXPECT_EQ(res.submitted.assignment.status, AssignmentStatus::kSubmitted);
  ASSERT_TRUE(res.next.has_value());
  EXPECT_EQ(res.next->assignment.hit, h2);
  EXPECT_EQ(res.next->assignment.status, AssignmentStatus::kAccepted);
  Result last = Apply(e, w1, kT0 + 2 * kSec, SubmitAndAcceptNext{res.next->assignment.id, "<a/>"});
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(last.get<SubmitAndAcceptNextResult>().next.has_value());
  EXPECT_EQ(ViewAssignment(e, w1, res.next->assignment.id).assignment.status,
            AssignmentStatus::kSubmitted);
  e.CheckInvariants();
}

TEST_F(Assignments, EveryStateKeepsItsTimestampsAndTheHitCountsIt) {
  HitTypeSpec t = BasicHitType(kReward);
  t.auto_approval_delay = Days(2);
  HitId hit = MakeHitOf(e, requester, t, BasicHit(4));
  AssignmentId approved = AcceptHit(e, w1, hit, kT0 + 1 * kSec);
  AssignmentId rejected = AcceptHit(e, w2, hit, kT0 + 2 * kSec);
  AccountId w3 = MakeWorker(e, "w3");
  AssignmentId returned = AcceptHit(e, w3, hit, kT0 + 3 * kSec);
  AccountId w4 = MakeWorker(e, "w4");
  AssignmentId abandoned = AcceptHit(e, w4, hit, kT0 + 4 * kSec);
  test::Submit(e, w1, approved, kT0 + 10 * kSec);
  test::Submit(e, w2, rejected, kT0 + 11 * kSec);
  ASSERT_TRUE(Apply(e, w3, kT0 + 12 * kSec, ReturnAssignment{returned}).ok());
  test::Approve(e, requester, approved, kT0 + 20 * kSec);
  test::Reject(e, requester, rejected, kT0 + 21 * kSec);
  const int64_t tick = kT0 + 4 * kSec + 3600 * kSec;
  ASSERT_TRUE(Apply(e, AccountId(), tick, Tick{}).ok());
  struct Want {
    AssignmentId id;
    AssignmentStatus status;
    int64_t accepted, submitted, decided;
  };
  for (const Want& w : {Want{approved, AssignmentStatus::kApproved, 1, 10, kT0 + 20 * kSec},
                        Want{rejected, AssignmentStatus::kRejected, 2, 11, kT0 + 21 * kSec},
                        Want{returned, AssignmentStatus::kReturned, 3, 0, kT0 + 12 * kSec},
                        Want{abandoned, AssignmentStatus::kAbandoned, 4, 0, tick}}) {
    const Assignment a = ViewAssignment(e, requester, w.id).assignment;
    EXPECT_EQ(a.status, w.status) << w.id.value;
    EXPECT_EQ(a.accepted, TimeMs(kT0 + w.accepted * kSec)) << w.id.value;
    EXPECT_EQ(a.deadline, a.accepted + Seconds(3600)) << w.id.value;
    if (w.submitted != 0) {
      EXPECT_EQ(a.submitted, TimeMs(kT0 + w.submitted * kSec)) << w.id.value;
      EXPECT_EQ(a.auto_approval, a.submitted + Days(2)) << w.id.value;
    } else {
      EXPECT_EQ(a.submitted, TimeMs(0)) << w.id.value;
    }
    EXPECT_EQ(a.decided, TimeMs(w.decided)) << w.id.value;
  }
  // The HIT counts each outcome.
  const Hit h = test::ViewHit(e, requester, hit, tick).hit;
  EXPECT_EQ(h.approved, 1u);
  EXPECT_EQ(h.rejected, 1u);
  EXPECT_EQ(h.returned, 1u);
  EXPECT_EQ(h.abandoned, 1u);
  EXPECT_EQ(h.accepted + h.submitted, 0u);
  e.CheckInvariants();
}

TEST_F(Assignments, LifecycleEventsNameTheRequesterHitAssignmentAndWorker) {
  HitId hit = MakeHit(e, requester, kReward, 2);
  const Command accept = Accept{hit};
  Output out;
  ASSERT_TRUE(Apply(e, w1, kT0, accept, out).ok());
  const AssignmentId a(1);
  const Command submit = SubmitAssignment{a, "<answer/>"};
  const Command reject = RejectAssignment{a, "wrong"};
  const Command accept2 = Accept{hit};
  const Command give_back = ReturnAssignment{AssignmentId(2)};
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, submit, out).ok());
  ASSERT_TRUE(Apply(e, requester, kT0 + 2 * kSec, reject, out).ok());
  ASSERT_TRUE(Apply(e, w2, kT0 + 3 * kSec, accept2, out).ok());
  ASSERT_TRUE(Apply(e, w2, kT0 + 4 * kSec, give_back, out).ok());
  const EventType want[] = {EventType::kAssignmentAccepted, EventType::kAssignmentSubmitted,
                            EventType::kAssignmentRejected, EventType::kAssignmentAccepted,
                            EventType::kAssignmentReturned};
  ASSERT_EQ(out.events.size(), std::size(want));
  for (size_t i = 0; i < out.events.size(); ++i) {
    const Event& ev = out.events[i];
    EXPECT_EQ(ev.type, want[i]) << i;
    EXPECT_EQ(ev.owner, requester) << i;
    EXPECT_EQ(ev.hit, hit) << i;
    EXPECT_EQ(ev.assignment, AssignmentId(i < 3 ? 1 : 2)) << i;
    EXPECT_EQ(ev.worker, i < 3 ? w1 : w2) << i;
    if (i > 0) {
      EXPECT_EQ(ev.seq, out.events[i - 1].seq + 1) << i;
    }
  }
}

}  // namespace
}  // namespace hitd::engine
