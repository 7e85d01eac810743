// Changing a HIT after creation (engine/hit_updates.cc, engine/hit_ops.cc): the HIT
// statuses GetHit reports, UpdateExpirationForHIT (early expiry and extension),
// UpdateHITReviewStatus, UpdateHITTypeOfHIT, CreateAdditionalAssignmentsForHIT and
// DeleteHIT, with their escrow movements and events.
#include <gtest/gtest.h>

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
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;
using test::ViewHit;

constexpr int64_t kSec = 1000;
constexpr Cents kCost(120);  // reward 100 + fee 20

struct HitUpdates : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");

  HitStatus StatusAt(HitId hit, int64_t now) { return ViewHit(e, requester, hit, now).status; }
  // Applies the command as the requester and returns its events (the command must succeed).
  std::vector<EventType> Events(const Command& c, int64_t now) {
    Output out;
    Result r = Apply(e, requester, now, c, out);
    EXPECT_TRUE(r.ok()) << test::Describe(r);
    return EventTypes(out);
  }
};

TEST_F(HitUpdates, GetHitReportsEveryStatusAlongTheLifecycle) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  HitView v = ViewHit(e, requester, hit);
  EXPECT_EQ(v.status, HitStatus::kAssignable);
  EXPECT_EQ(v.available, 1u);
  AssignmentId a = AcceptHit(e, w1, hit, kT0 + kSec);
  v = ViewHit(e, requester, hit, kT0 + kSec);
  EXPECT_EQ(v.status, HitStatus::kUnassignable);  // no free slot, work in progress
  EXPECT_EQ(v.available, 0u);
  EXPECT_EQ(v.pending, 1u);
  test::Submit(e, w1, a, kT0 + 2 * kSec);
  v = ViewHit(e, requester, hit, kT0 + 2 * kSec);
  EXPECT_EQ(v.status, HitStatus::kReviewable);
  EXPECT_EQ(v.pending, 0u);
  EXPECT_EQ(v.completed, 1u);
  ASSERT_TRUE(Apply(e, requester, kT0 + 3 * kSec, UpdateHitReviewStatus{hit, false}).ok());
  EXPECT_EQ(StatusAt(hit, kT0 + 3 * kSec), HitStatus::kReviewing);
  test::Approve(e, requester, a, kT0 + 4 * kSec);
  EXPECT_EQ(StatusAt(hit, kT0 + 4 * kSec), HitStatus::kReviewing);  // deciding keeps it
  ASSERT_TRUE(Apply(e, requester, kT0 + 5 * kSec, DeleteHit{hit}).ok());
  EXPECT_EQ(StatusAt(hit, kT0 + 5 * kSec), HitStatus::kDisposed);
  e.CheckInvariants();
}

TEST_F(HitUpdates, ExpiredWithWorkInProgressIsUnassignableThenReviewable) {
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  AssignmentId a = AcceptHit(e, w1, hit, kT0 + kSec);
  EXPECT_EQ(StatusAt(hit, kT0 + kSec), HitStatus::kAssignable);
  ASSERT_TRUE(Apply(e, requester, kT0 + 2 * kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  EXPECT_EQ(StatusAt(hit, kT0 + 2 * kSec), HitStatus::kUnassignable);
  test::Submit(e, w1, a, kT0 + 3 * kSec);  // the assignment's own deadline still holds
  EXPECT_EQ(StatusAt(hit, kT0 + 3 * kSec), HitStatus::kReviewable);
  e.CheckInvariants();
}

TEST_F(HitUpdates, EarlyExpiryRefundsOnlyTheFreeSlots) {
  HitId hit = MakeHit(e, requester, Cents(100), 3);
  AcceptHit(e, w1, hit, kT0 + kSec);
  test::AcceptAndSubmit(e, w2, hit);
  const Cents available = AccountOf(e, requester).available;
  ASSERT_EQ(AccountOf(e, requester).escrow, kCost * 3);
  const int64_t now = kT0 + 10 * kSec;
  EXPECT_EQ(Events(UpdateExpirationForHit{hit, TimeMs(now)}, now),
            std::vector<EventType>{EventType::kHitExpired});  // work pending: not Reviewable
  EXPECT_EQ(AccountOf(e, requester).available, available + kCost);
  EXPECT_EQ(AccountOf(e, requester).escrow, kCost * 2);  // the accepted and the submitted
  HitView v = ViewHit(e, requester, hit, now);
  EXPECT_EQ(v.hit.expires, TimeMs(now));
  EXPECT_EQ(v.available, 0u);
  AccountId w3 = MakeWorker(e, "w3");
  EXPECT_TRUE(Rejected(e, w3, now, Accept{hit}, ErrorCode::kFailedPrecondition, "hit_id"));
  EXPECT_TRUE(Rejected(e, w3, now, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  // Expiring an expired HIT again is a no-op.
  const test::Snapshot before = test::Snap(e);
  EXPECT_TRUE(Apply(e, requester, now + kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  EXPECT_TRUE(test::Snap(e) == before);
  e.CheckInvariants();
}

TEST_F(HitUpdates, ExpiryWithNothingPendingMakesTheHitReviewable) {
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  EXPECT_EQ(Events(UpdateExpirationForHit{hit, TimeMs(kT0)}, kT0 + kSec),
            (std::vector<EventType>{EventType::kHitExpired, EventType::kHitReviewable}));
  EXPECT_EQ(StatusAt(hit, kT0 + kSec), HitStatus::kReviewable);
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
  EXPECT_EQ(AccountOf(e, requester).available, Cents(10'000));
}

TEST_F(HitUpdates, ExtendingAnExpiredHitEscrowsItsUnfilledSlotsAgain) {
  HitId hit = MakeHit(e, requester, Cents(100), 3);
  test::AcceptAndSubmit(e, w1, hit);
  ASSERT_TRUE(Apply(e, requester, kT0 + 2 * kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  ASSERT_EQ(AccountOf(e, requester).escrow, kCost);
  const Cents available = AccountOf(e, requester).available;
  const int64_t now = kT0 + 3 * kSec;
  EXPECT_EQ(Events(UpdateExpirationForHit{hit, TimeMs(now) + Days(2)}, now),
            std::vector<EventType>{EventType::kHitExtended});
  EXPECT_EQ(AccountOf(e, requester).escrow, kCost * 3);
  EXPECT_EQ(AccountOf(e, requester).available, available - kCost * 2);
  HitView v = ViewHit(e, requester, hit, now);
  EXPECT_EQ(v.status, HitStatus::kAssignable);
  EXPECT_EQ(v.available, 2u);
  EXPECT_EQ(v.hit.expires, TimeMs(now) + Days(2));
  EXPECT_EQ(test::TakeNext(e, w2, now).assignment.hit, hit);
  e.CheckInvariants();
}

TEST_F(HitUpdates, ExtendingAnExpiredHitWithoutFundsFails) {
  AccountId poor = MakeRequester(e, "poor", kCost * 4);
  HitId hit = MakeHit(e, poor, Cents(100), 3);
  ASSERT_TRUE(Apply(e, poor, kT0 + kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  MakeHit(e, poor, Cents(100), 2);  // leaves 2 x 120 available; the extension needs 3 x 120
  ASSERT_EQ(AccountOf(e, poor).available, kCost * 2);
  EXPECT_TRUE(Rejected(e, poor, kT0 + 2 * kSec, UpdateExpirationForHit{hit, TimeMs(kT0) + Days(1)},
                       ErrorCode::kInsufficientFunds, "expire_at"));
  e.CheckInvariants();
}

TEST_F(HitUpdates, ExtensionIsBoundedByTheLifetimeLimitAndOnlyTheOwnerMayChangeExpiry) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  EXPECT_TRUE(Rejected(e, requester, kT0,
                       UpdateExpirationForHit{hit, TimeMs(kT0) + Days(365) + TimeMs(1)},
                       ErrorCode::kInvalidArgument, "expire_at"));
  AccountId other = MakeRequester(e, "other", Cents(1000));
  EXPECT_TRUE(Rejected(e, other, kT0, UpdateExpirationForHit{hit, TimeMs(0)}, ErrorCode::kNotFound,
                       "hit_id"));
  EXPECT_TRUE(Rejected(e, w1, kT0, UpdateExpirationForHit{hit, TimeMs(0)},
                       ErrorCode::kPermissionDenied, "role"));
  // Moving an open HIT's expiry earlier (still in the future) is no extension.
  EXPECT_TRUE(Events(UpdateExpirationForHit{hit, TimeMs(kT0) + Seconds(60)}, kT0).empty());
  EXPECT_EQ(ViewHit(e, requester, hit).hit.expires, TimeMs(kT0) + Seconds(60));
}

TEST_F(HitUpdates, ReviewStatusGoesToReviewingAndBackOnlyFromTheRightStatus) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  EXPECT_TRUE(Rejected(e, requester, kT0, UpdateHitReviewStatus{hit, false},
                       ErrorCode::kFailedPrecondition, "hit_id"));  // Assignable
  test::AcceptAndSubmit(e, w1, hit);
  const int64_t now = kT0 + 2 * kSec;
  EXPECT_TRUE(Rejected(e, requester, now, UpdateHitReviewStatus{hit, true},
                       ErrorCode::kFailedPrecondition, "hit_id"));  // not Reviewing yet
  ASSERT_TRUE(Apply(e, requester, now, UpdateHitReviewStatus{hit, false}).ok());
  EXPECT_EQ(StatusAt(hit, now), HitStatus::kReviewing);
  EXPECT_TRUE(Rejected(e, requester, now, UpdateHitReviewStatus{hit, false},
                       ErrorCode::kFailedPrecondition, "hit_id"));  // already Reviewing
  Result listed = Apply(e, requester, now, ListReviewableHits{{}, {}, HitStatus::kReviewing});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed.get<HitList>().hits.size(), 1u);
  ASSERT_TRUE(Apply(e, requester, now, UpdateHitReviewStatus{hit, true}).ok());
  EXPECT_EQ(StatusAt(hit, now), HitStatus::kReviewable);
  AccountId other = MakeRequester(e, "other");
  EXPECT_TRUE(Rejected(e, other, now, UpdateHitReviewStatus{hit, false}, ErrorCode::kNotFound));
}

TEST_F(HitUpdates, UpdateHitTypeMovesTheHitToTheOtherGroupAndEscrowsTheDifference) {
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  HitTypeId old_type = test::TypeOfHit(e, requester, hit);
  Result t = Apply(e, requester, kT0, CreateHitType{BasicHitType(Cents(200))});
  HitTypeId new_type = t.get<HitTypeCreated>().type;
  const Cents available = AccountOf(e, requester).available;
  ASSERT_TRUE(Apply(e, requester, kT0 + kSec, UpdateHitTypeOfHit{hit, new_type}).ok());
  // Both free slots now cost 200 + 40 instead of 100 + 20.
  EXPECT_EQ(AccountOf(e, requester).available, available - Cents(2 * 120));
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(2 * 240));
  HitView v = ViewHit(e, requester, hit, kT0 + kSec);
  EXPECT_EQ(v.hit.type, new_type);
  EXPECT_EQ(v.hit.reward, Cents(200));
  EXPECT_EQ(v.hit.fee, Cents(40));
  WorkFilter old_group, new_group;
  old_group.type = old_type;
  new_group.type = new_type;
  EXPECT_EQ(test::NextHit(e, w1, kT0 + 2 * kSec, old_group), HitId());
  AssignmentView a = test::TakeNext(e, w1, kT0 + 2 * kSec, new_group);
  EXPECT_EQ(a.assignment.hit, hit);
  EXPECT_EQ(a.reward, Cents(200));
  // Returned work holds nothing: back to the cheaper type, both slots refunded 120 each.
  ASSERT_TRUE(Apply(e, w1, kT0 + 3 * kSec, ReturnAssignment{a.assignment.id}).ok());
  const Cents before = AccountOf(e, requester).available;
  ASSERT_TRUE(Apply(e, requester, kT0 + 5 * kSec, UpdateHitTypeOfHit{hit, old_type}).ok());
  EXPECT_EQ(AccountOf(e, requester).available, before + Cents(2 * 120));
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(2 * 120));
  e.CheckInvariants();
}

// Work taken is paid at the reward the worker saw, and overriding a rejection repays it
// at that reward: a HIT with decided work keeps its type.
TEST_F(HitUpdates, UpdateHitTypeRefusesAHitWithDecidedWork) {
  HitId hit = MakeHit(e, requester, Cents(10), 2);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  test::Reject(e, requester, a, kT0 + 2 * kSec);
  HitTypeId dear =
      Apply(e, requester, kT0, CreateHitType{BasicHitType(Cents(5000))}).get<HitTypeCreated>().type;
  EXPECT_TRUE(Rejected(e, requester, kT0 + 3 * kSec, UpdateHitTypeOfHit{hit, dear},
                       ErrorCode::kFailedPrecondition, "hit_id"));
  ASSERT_TRUE(Apply(e, requester, kT0 + 4 * kSec, ApproveAssignment{a, "", true}).ok());
  EXPECT_EQ(AccountOf(e, w1).available, Cents(10));
  e.CheckInvariants();
}

// A worker accepted and did the work for the reward the HIT offered then. Moving the HIT
// to a cheaper type (MTurk does not let a type change alter a HIT's payment at all) must
// not cut the pay of work already accepted or submitted: either the move is refused, or
// that work keeps its reward.
TEST_F(HitUpdates, UpdateHitTypeDoesNotCutThePayOfWorkAlreadyTaken) {
  HitId hit = MakeHit(e, requester, Cents(200), 2);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  HitTypeId cheap =
      Apply(e, requester, kT0, CreateHitType{BasicHitType(Cents(100))}).get<HitTypeCreated>().type;
  Result moved = Apply(e, requester, kT0 + 2 * kSec, UpdateHitTypeOfHit{hit, cheap});
  test::Approve(e, requester, a, kT0 + 3 * kSec);
  EXPECT_EQ(AccountOf(e, w1).available, Cents(200))
      << "the move answered " << test::Describe(moved);
  e.CheckInvariants();
}

TEST_F(HitUpdates, UpdateHitTypeNeedsFundsAndTheRequestersOwnType) {
  AccountId poor = MakeRequester(e, "poor", kCost);
  HitId hit = MakeHit(e, poor, Cents(100), 1);
  HitTypeId dear =
      Apply(e, poor, kT0, CreateHitType{BasicHitType(Cents(101))}).get<HitTypeCreated>().type;
  EXPECT_TRUE(Rejected(e, poor, kT0, UpdateHitTypeOfHit{hit, dear}, ErrorCode::kInsufficientFunds,
                       "hit_type_id"));
  HitTypeId others =
      Apply(e, requester, kT0, CreateHitType{BasicHitType(Cents(50))}).get<HitTypeCreated>().type;
  EXPECT_TRUE(
      Rejected(e, poor, kT0, UpdateHitTypeOfHit{hit, others}, ErrorCode::kNotFound, "hit_type_id"));
}

TEST_F(HitUpdates, AdditionalAssignmentsAreEscrowedAndReopenTheHit) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  test::AcceptAndSubmit(e, w1, hit);
  const int64_t now = kT0 + 2 * kSec;
  ASSERT_EQ(StatusAt(hit, now), HitStatus::kReviewable);
  const Cents available = AccountOf(e, requester).available;
  EXPECT_EQ(Events(CreateAdditionalAssignmentsForHit{hit, 2}, now),
            std::vector<EventType>{EventType::kHitExtended});
  EXPECT_EQ(AccountOf(e, requester).available, available - kCost * 2);
  EXPECT_EQ(AccountOf(e, requester).escrow, kCost * 3);
  HitView v = ViewHit(e, requester, hit, now);
  EXPECT_EQ(v.status, HitStatus::kAssignable);
  EXPECT_EQ(v.hit.max_assignments, 3u);
  EXPECT_EQ(v.available, 2u);
  EXPECT_EQ(test::TakeNext(e, w2, now).assignment.hit, hit);
  e.CheckInvariants();
}

// With MTurk's fee schedule on, a HIT of 10 or more assignments pays the extra 20%. MTurk
// refuses to extend a HIT from fewer than 10 assignments to 10 or more, so that the extra
// cannot be dodged; here it must be refused or charged on every slot.
TEST(HitUpdatesLargeHitFee, ExtendingPastTheThresholdDoesNotDodgeTheExtraFee) {
  EngineConfig config;
  config.fees.large_hit_extra_enabled = true;
  Engine e(config);
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  HitId hit = MakeHit(e, requester, Cents(100), 9);
  ASSERT_EQ(AccountOf(e, requester).escrow, Cents(9 * 120));
  Result r = Apply(e, requester, kT0, CreateAdditionalAssignmentsForHit{hit, 1});
  if (r.ok()) {
    EXPECT_EQ(ViewHit(e, requester, hit).hit.fee, Cents(40));
    EXPECT_EQ(AccountOf(e, requester).escrow, Cents(10 * 140));
  }
  AccountId big_requester = MakeRequester(e, "big", Cents(10'000));
  MakeHit(e, big_requester, Cents(100), 10);  // created at 10: the extra applies
  EXPECT_EQ(AccountOf(e, big_requester).escrow, Cents(10 * 140));
  e.CheckInvariants();
}

TEST_F(HitUpdates, AdditionalAssignmentsNeedACountFundsAndALiveHit) {
  AccountId poor = MakeRequester(e, "poor", kCost * 2);
  HitId hit = MakeHit(e, poor, Cents(100), 1);
  const char* field = "number_of_additional_assignments";
  EXPECT_TRUE(Rejected(e, poor, kT0, CreateAdditionalAssignmentsForHit{hit, 0},
                       ErrorCode::kInvalidArgument, field));
  EXPECT_TRUE(Rejected(e, poor, kT0, CreateAdditionalAssignmentsForHit{hit, 1'000'000},
                       ErrorCode::kInvalidArgument, field));  // 1,000,001 in all
  EXPECT_TRUE(Rejected(e, poor, kT0, CreateAdditionalAssignmentsForHit{hit, 2},
                       ErrorCode::kInsufficientFunds, field));
  ASSERT_TRUE(Apply(e, poor, kT0 + kSec, UpdateExpirationForHit{hit, TimeMs(0)}).ok());
  EXPECT_TRUE(Rejected(e, poor, kT0 + kSec, CreateAdditionalAssignmentsForHit{hit, 1},
                       ErrorCode::kFailedPrecondition, "hit_id"));
}

TEST_F(HitUpdates, DeleteHitOnlyWhenNothingIsOpenPendingOrUndecided) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  EXPECT_TRUE(Rejected(e, requester, kT0, DeleteHit{hit}, ErrorCode::kFailedPrecondition));
  AssignmentId a = AcceptHit(e, w1, hit, kT0 + kSec);  // Unassignable
  EXPECT_TRUE(Rejected(e, requester, kT0 + kSec, DeleteHit{hit}, ErrorCode::kFailedPrecondition));
  test::Submit(e, w1, a, kT0 + 2 * kSec);  // Reviewable, but undecided
  EXPECT_TRUE(
      Rejected(e, requester, kT0 + 2 * kSec, DeleteHit{hit}, ErrorCode::kFailedPrecondition));
  test::Approve(e, requester, a, kT0 + 3 * kSec);
  EXPECT_EQ(Events(DeleteHit{hit}, kT0 + 4 * kSec),
            std::vector<EventType>{EventType::kHitDisposed});
  EXPECT_EQ(StatusAt(hit, kT0 + 4 * kSec), HitStatus::kDisposed);
  EXPECT_TRUE(Rejected(e, requester, kT0 + 5 * kSec, DeleteHit{hit}, ErrorCode::kNotFound));
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
  e.CheckInvariants();
}

TEST_F(HitUpdates, DeletingAnExpiredHitRefundsSlotsItsTimerHasNotYetRefunded) {
  HitId hit = MakeHit(e, requester, Cents(100), 3);
  AssignmentId a = test::AcceptAndSubmit(e, w1, hit);
  test::Approve(e, requester, a, kT0 + 2 * kSec);
  const int64_t late = kT0 + Days(2).value;  // past expiry, no Tick yet
  ASSERT_EQ(StatusAt(hit, late), HitStatus::kReviewable);
  EXPECT_EQ(Events(DeleteHit{hit}, late),
            (std::vector<EventType>{EventType::kHitExpired, EventType::kHitReviewable,
                                    EventType::kHitDisposed}));
  EXPECT_EQ(AccountOf(e, requester).escrow, Cents(0));
  EXPECT_EQ(AccountOf(e, requester).available, Cents(10'000) - kCost);
  e.CheckInvariants();
}

TEST_F(HitUpdates, HitReviewableIsAnnouncedOncePerReviewablePeriod) {
  HitId hit = MakeHit(e, requester, Cents(100), 1);
  AssignmentId a = AcceptHit(e, w1, hit, kT0);
  Output out;
  const Command submit = SubmitAssignment{a, "<answer/>"};
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, submit, out).ok());
  EXPECT_EQ(EventTypes(out),
            (std::vector<EventType>{EventType::kAssignmentSubmitted, EventType::kHitReviewable}));
  EXPECT_EQ(Events(ApproveAssignment{a, ""}, kT0 + 2 * kSec),
            std::vector<EventType>{EventType::kAssignmentApproved});  // not announced twice
  // Reopened by more assignments, then done again: a new Reviewable period.
  Events(CreateAdditionalAssignmentsForHit{hit, 1}, kT0 + 3 * kSec);
  AssignmentId b = AcceptHit(e, w2, hit, kT0 + 4 * kSec);
  Output again;
  const Command submit2 = SubmitAssignment{b, "<answer/>"};
  ASSERT_TRUE(Apply(e, w2, kT0 + 5 * kSec, submit2, again).ok());
  EXPECT_EQ(EventTypes(again),
            (std::vector<EventType>{EventType::kAssignmentSubmitted, EventType::kHitReviewable}));
}

}  // namespace
}  // namespace hitd::engine
