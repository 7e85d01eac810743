// Timers (engine/tick.cc): deadlines abandon assignments, HIT expiry refunds unfilled
// slots, auto-approval pays, timers that no longer apply do nothing, and the token window
// forgets request tokens. CheckInvariants holds after every step.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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
using test::EventTypes;
using test::kT0;
using test::MakeHit;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::ViewAssignment;
using test::ViewHit;

constexpr int64_t kSec = 1000;
constexpr int64_t kHour = 3600 * kSec;
constexpr int64_t kDay = 24 * kHour;
constexpr Cents kSlot(120);  // reward 100 + fee 20

struct Ticks : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");

  TickResult TickAt(int64_t now, Output* events = nullptr) {
    Output out;
    const Command tick = Tick{};
    Result r = Apply(e, AccountId(), now, tick, events != nullptr ? *events : out);
    EXPECT_TRUE(r.ok());
    e.CheckInvariants();
    return r.ok() ? r.get<TickResult>() : TickResult{};
  }
};

TEST_F(Ticks, APassedDeadlineAbandonsTheAssignmentAndFreesItsSlot) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  EXPECT_EQ(TickAt(kT0 + kHour - 1), TickResult{});
  Output out;
  EXPECT_EQ(TickAt(kT0 + kHour, &out).abandoned, 1u);
  EXPECT_EQ(EventTypes(out), std::vector<EventType>{EventType::kAssignmentAbandoned});
  AssignmentView v = ViewAssignment(e, requester, a, kT0 + kHour);
  EXPECT_EQ(v.assignment.status, AssignmentStatus::kAbandoned);
  EXPECT_EQ(v.assignment.decided, TimeMs(kT0 + kHour));
  EXPECT_EQ(AccountOf(e, w1).counters.abandoned, 1u);
  EXPECT_EQ(e.state().account_states[w1.value - 1].accepted_now, 0u);
  EXPECT_EQ(ViewHit(e, requester, hit, kT0 + kHour).status, HitStatus::kAssignable);
  EXPECT_EQ(AccountOf(e, requester).escrow, kSlot);  // the slot is open again, still paid for
  EXPECT_EQ(test::TakeNext(e, w2, kT0 + kHour).assignment.hit, hit);
  EXPECT_EQ(TickAt(kT0 + 2 * kHour - 1).abandoned, 0u);  // fired once; w2 still has time
}

TEST_F(Ticks, AnAssignmentSubmittedOrReturnedBeforeItsDeadlineIsNotAbandoned) {
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  AssignmentId submitted = AcceptHit(e, w1, hit, kT0);
  AssignmentId returned = AcceptHit(e, w2, hit, kT0);
  test::Submit(e, w1, submitted, kT0 + kSec);
  ASSERT_TRUE(Apply(e, w2, kT0 + kSec, ReturnAssignment{returned}).ok());
  AssignmentId retaken = AcceptHit(e, w2, hit, kT0 + 2 * kSec);  // a new deadline
  EXPECT_EQ(TickAt(kT0 + kHour).abandoned, 0u);
  EXPECT_EQ(ViewAssignment(e, w1, submitted).assignment.status, AssignmentStatus::kSubmitted);
  EXPECT_EQ(ViewAssignment(e, w2, returned).assignment.status, AssignmentStatus::kReturned);
  EXPECT_EQ(TickAt(kT0 + kHour + 2 * kSec).abandoned, 1u);
  EXPECT_EQ(ViewAssignment(e, w2, retaken).assignment.status, AssignmentStatus::kAbandoned);
}

TEST_F(Ticks, HitExpiryRefundsUnfilledSlotsButNotAcceptedOrSubmittedOnes) {
  HitId hit = MakeHit(e, requester, Cents(100), 4);
  AssignmentId accepted = AcceptHit(e, w1, hit, kT0);
  test::AcceptAndSubmit(e, w2, hit);
  const Cents available = AccountOf(e, requester).available;
  // The one-hour deadline passes long before the day's expiry: that slot is free again.
  TickResult before = TickAt(kT0 + kDay - 1);
  EXPECT_EQ(before.abandoned, 1u);
  EXPECT_EQ(before.expired, 0u);
  EXPECT_EQ(ViewAssignment(e, w1, accepted).assignment.status, AssignmentStatus::kAbandoned);
  EXPECT_EQ(AccountOf(e, requester).available, available);
  EXPECT_EQ(TickAt(kT0 + kDay).expired, 1u);
  EXPECT_EQ(AccountOf(e, requester).available, available + kSlot * 3);
  EXPECT_EQ(AccountOf(e, requester).escrow, kSlot);  // the submitted one awaits its decision
  EXPECT_EQ(ViewHit(e, requester, hit, kT0 + kDay).status, HitStatus::kReviewable);
}

TEST_F(Ticks, ExpiryKeepsEscrowForWorkStillInProgress) {
  HitTypeSpec t = BasicHitType(Cents(100));
  t.assignment_duration = Days(2);  // outlives the HIT
  HitId hit = MakeHitOf(e, requester, t, BasicHit(3));
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  AssignmentId b = AcceptHit(e, w2, hit, kT0);
  Output out;
  EXPECT_EQ(TickAt(kT0 + kDay, &out).expired, 1u);
  EXPECT_EQ(EventTypes(out), std::vector<EventType>{EventType::kHitExpired});
  EXPECT_EQ(AccountOf(e, requester).escrow, kSlot * 2);
  EXPECT_EQ(ViewHit(e, requester, hit, kT0 + kDay).status, HitStatus::kUnassignable);
  // After expiry, a returned slot is refunded instead of reopened; a submitted one is paid.
  ASSERT_TRUE(Apply(e, w2, kT0 + kDay + kSec, ReturnAssignment{b}).ok());
  EXPECT_EQ(AccountOf(e, requester).escrow, kSlot);
  test::Submit(e, w1, a, kT0 + kDay + 2 * kSec);
  test::Approve(e, requester, a, kT0 + kDay + 3 * kSec);
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
  EXPECT_EQ(AccountOf(e, w1).available, Cents(100));
  e.CheckInvariants();
}

TEST_F(Ticks, AnExtendedHitIsNotExpiredByItsOldTimer) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  ASSERT_TRUE(Apply(e, requester, kT0, UpdateExpirationForHit{hit, TimeMs(kT0 + 3 * kDay)}).ok());
  EXPECT_EQ(TickAt(kT0 + kDay).expired, 0u);
  EXPECT_EQ(ViewHit(e, requester, hit, kT0 + kDay).status, HitStatus::kAssignable);
  EXPECT_EQ(TickAt(kT0 + 3 * kDay).expired, 1u);
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
}

TEST_F(Ticks, AnEarlyExpiredHitIsNotExpiredAgainByItsTimer) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  ASSERT_TRUE(Apply(e, requester, kT0 + kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  const uint64_t seq = e.state().last_event_seq;
  EXPECT_EQ(TickAt(kT0 + kDay).expired, 0u);
  EXPECT_EQ(e.state().last_event_seq, seq);
}

TEST_F(Ticks, AutoApprovalPaysAfterTheDelay) {
  HitTypeSpec t = BasicHitType(Cents(100));
  t.auto_approval_delay = Days(1);
  HitId hit = MakeHitOf(e, requester, t, BasicHit(1));
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  test::Submit(e, w1, a, kT0 + kSec);
  const int64_t due = kT0 + kSec + kDay;
  EXPECT_EQ(TickAt(due - 1).auto_approved, 0u);
  Output out;
  EXPECT_EQ(TickAt(due, &out).auto_approved, 1u);
  EXPECT_EQ(EventTypes(out), std::vector<EventType>{EventType::kAssignmentApproved});
  AssignmentView v = ViewAssignment(e, w1, a, due);
  EXPECT_EQ(v.assignment.status, AssignmentStatus::kApproved);
  EXPECT_EQ(v.assignment.decided, TimeMs(due));
  EXPECT_EQ(AccountOf(e, w1).available, Cents(100));
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
  EXPECT_EQ(test::StatsAt(e, due).platform_revenue, Cents(20));
}

TEST_F(Ticks, AZeroAutoApprovalDelayApprovesAtTheNextTick) {
  HitTypeSpec t = BasicHitType(Cents(100));
  t.auto_approval_delay = TimeMs(0);
  HitId hit = MakeHitOf(e, requester, t, BasicHit(1));
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  EXPECT_EQ(TickAt(kT0 + 1000).auto_approved, 1u);
  EXPECT_EQ(ViewAssignment(e, w1, a).assignment.status, AssignmentStatus::kApproved);
}

TEST_F(Ticks, AnAssignmentDecidedBeforeItsAutoApprovalIsLeftAsDecided) {
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  AssignmentId rejected = test::AcceptAndSubmit(e, w1, hit);
  AssignmentId approved = test::AcceptAndSubmit(e, w2, hit);
  test::Reject(e, requester, rejected, kT0 + 2 * kSec);
  test::Approve(e, requester, approved, kT0 + 2 * kSec);
  const Cents revenue = test::StatsAt(e).platform_revenue;
  EXPECT_EQ(TickAt(kT0 + 4 * kDay).auto_approved, 0u);
  EXPECT_EQ(ViewAssignment(e, w1, rejected).assignment.status, AssignmentStatus::kRejected);
  EXPECT_EQ(AccountOf(e, w1).available, Cents(0));
  EXPECT_EQ(test::StatsAt(e).platform_revenue, revenue);
}

// A timer that is due has happened, whether or not a Tick has fired it yet: the engine
// already refuses a submission at the deadline. A return after the deadline must not turn
// the abandonment into a return (PercentAssignmentsAbandoned is a system qualification).
TEST_F(Ticks, AReturnAfterTheDeadlineStillCountsAsAnAbandonment) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  Result late = Apply(e, w1, kT0 + kHour + kSec, ReturnAssignment{a});
  TickAt(kT0 + kHour + 2 * kSec);
  EXPECT_EQ(ViewAssignment(e, w1, a).assignment.status, AssignmentStatus::kAbandoned)
      << "the return answered " << test::Describe(late);
  EXPECT_EQ(AccountOf(e, w1).counters.abandoned, 1u);
  EXPECT_EQ(AccountOf(e, w1).counters.returned, 0u);
}

// At the auto-approval time the submission is approved (DESIGN): a rejection that
// arrives after it, before the Tick, must not take the worker's pay back.
TEST_F(Ticks, ARejectionAfterTheAutoApprovalTimeDoesNotTakeThePayBack) {
  HitTypeSpec t = BasicHitType(Cents(100));
  t.auto_approval_delay = Days(1);
  HitId hit = MakeHitOf(e, requester, t, BasicHit(1));
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  test::Submit(e, w1, a, kT0 + kSec);
  const int64_t due = kT0 + kSec + kDay;
  Result late = Apply(e, requester, due + kSec, RejectAssignment{a, "too late"});
  TickAt(due + 2 * kSec);
  EXPECT_EQ(ViewAssignment(e, w1, a).assignment.status, AssignmentStatus::kApproved)
      << "the rejection answered " << test::Describe(late);
  EXPECT_EQ(AccountOf(e, w1).available, Cents(100));
  EXPECT_EQ(AccountOf(e, w1).counters.rejected, 0u);
}

TEST_F(Ticks, TheTokenWindowForgetsTokens) {
  EngineConfig config;
  config.token_window = TimeMs(kHour);
  Engine e2(config);
  AccountId r = MakeRequester(e2, "acme", Cents(10'000));
  const Command create = CreateHit{BasicHitType(Cents(100)), BasicHit(1)};
  Output out;
  auto apply = [&](int64_t now) {
    Context ctx{r, TimeMs(now), "req-1", 42};
    return e2.Apply(ctx, create, out);
  };
  Result first = apply(kT0);
  ASSERT_TRUE(first.ok());
  Output tick;
  const Command t = Tick{};
  Result kept = e2.Apply(Context{AccountId(), TimeMs(kT0 + kHour - 1)}, t, tick);
  EXPECT_EQ(kept.get<TickResult>().tokens_forgotten, 0u);
  EXPECT_EQ(apply(kT0 + kHour - 1), first);  // still a repeat
  Result forgot = e2.Apply(Context{AccountId(), TimeMs(kT0 + kHour)}, t, tick);
  EXPECT_EQ(forgot.get<TickResult>().tokens_forgotten, 1u);
  Result fresh = apply(kT0 + kHour);
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh.get<HitCreated>().hit, first.get<HitCreated>().hit);
  e2.CheckInvariants();
}

TEST_F(Ticks, InvariantsHoldThroughABusyDay) {
  HitTypeSpec t = BasicHitType(Cents(37));
  t.auto_approval_delay = Seconds(7200);
  t.reject_reopens_slot = true;
  std::vector<AccountId> workers;
  for (int i = 0; i < 6; ++i) workers.push_back(MakeWorker(e, "x" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) MakeHitOf(e, requester, t, BasicHit(3));
  int64_t now = kT0;
  for (int round = 0; round < 30; ++round) {
    now += 20 * 60 * kSec;
    for (size_t i = 0; i < workers.size(); ++i) {
      Result r = Apply(e, workers[i], now, AcceptNext{});
      if (!r.ok()) continue;
      AssignmentId a = r.get<AssignmentView>().assignment.id;
      if ((round + i) % 4 == 0) continue;  // left to be abandoned
      if ((round + i) % 4 == 1) {
        ASSERT_TRUE(Apply(e, workers[i], now, ReturnAssignment{a}).ok());
        continue;
      }
      test::Submit(e, workers[i], a, now + kSec);
      if ((round + i) % 4 == 2) test::Reject(e, requester, a, now + 2 * kSec);
    }
    e.CheckInvariants();
    TickAt(now + 3 * kSec);
  }
  TickAt(now + 5 * kDay);
  Stats st = test::StatsAt(e, now + 5 * kDay);
  EXPECT_EQ(st.imbalance, Cents(0));
  EXPECT_EQ(st.escrow, Cents(0));  // every HIT expired, every assignment decided
  EXPECT_EQ(st.assignments_accepted + st.assignments_submitted, 0u);
}

}  // namespace
}  // namespace hitd::engine
