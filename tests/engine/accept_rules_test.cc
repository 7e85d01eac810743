// Who may take work (engine/accept.cc): the concurrency cap, the per-worker cap of a
// group, excluded HIT types, requester blocks, probation, and qualification
// requirements with their ActionsGuarded, for Accept, AcceptNext and PreviewHIT.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptHit;
using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::NextHit;
using test::Rejected;
using test::Requires;

constexpr int64_t kSec = 1000;
// kT0 is 2023-11-14T22:13:20Z; the next UTC day starts 1 h 46 min 40 s later.
constexpr int64_t kMidnight = 1'700'006'400'000;

struct MatchingRules : ::testing::Test {
  MatchingRules() : MatchingRules(EngineConfig{}) {}
  explicit MatchingRules(EngineConfig config) : e(config) {}

  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(1'000'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");

  HitId Make(const HitTypeSpec& t, uint32_t max_assignments = 1) {
    return MakeHitOf(e, requester, t, BasicHit(max_assignments));
  }
  HitTypeSpec Titled(std::string title, Cents reward = Cents(10)) {
    HitTypeSpec t = BasicHitType(reward);
    t.title = std::move(title);
    return t;
  }
  HitTypeId TypeOf(HitId hit) { return test::TypeOfHit(e, requester, hit); }
};

struct CappedRules : MatchingRules {
  static EngineConfig Config() {
    EngineConfig c;
    c.max_accepted_per_worker = 2;
    return c;
  }
  CappedRules() : MatchingRules(Config()) {}
};

TEST_F(CappedRules, TheConcurrencyCapIsResourceExhausted) {
  HitTypeSpec t = BasicHitType(Cents(10));
  HitId h1 = Make(t), h2 = Make(t), h3 = Make(t);
  AssignmentId a1 = AcceptHit(e, w1, h1);
  AcceptHit(e, w1, h2);
  EXPECT_TRUE(
      Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kResourceExhausted, "max_accepted_per_worker"));
  EXPECT_TRUE(
      Rejected(e, w1, kT0, Accept{h3}, ErrorCode::kResourceExhausted, "max_accepted_per_worker"));
  test::Submit(e, w1, a1, kT0 + kSec);  // submitted work does not count
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), h3);
  e.CheckInvariants();
}

// Past its deadline an assignment is abandoned whether or not a Tick has fired it (the
// engine refuses a submission or a return then): it no longer counts as held.
TEST_F(CappedRules, OverdueAssignmentsDoNotCountTowardTheCap) {
  HitTypeSpec t = BasicHitType(Cents(10));
  Make(t);
  Make(t);
  HitId third = Make(t);
  test::TakeNext(e, w1, kT0);
  test::TakeNext(e, w1, kT0);
  const int64_t overdue = kT0 + 3600 * kSec;  // both deadlines have passed, no Tick yet
  EXPECT_EQ(NextHit(e, w1, overdue), third);
}

TEST_F(MatchingRules, APerWorkerCapLimitsHowManyAWorkerTakesInTheGroup) {
  HitTypeSpec capped = Titled("capped", Cents(50));
  capped.per_worker_cap = 2;
  std::vector<HitId> hits;
  for (int i = 0; i < 4; ++i) hits.push_back(Make(capped));
  HitId other = Make(Titled("other"));
  AssignmentId a1 = test::TakeNext(e, w1).assignment.id;
  test::Submit(e, w1, a1, kT0);  // submitted still counts toward the cap
  AssignmentId a2 = test::TakeNext(e, w1).assignment.id;
  EXPECT_EQ(NextHit(e, w1), other);  // the capped group is skipped
  EXPECT_TRUE(
      Rejected(e, w1, kT0, Accept{hits[2]}, ErrorCode::kResourceExhausted, "per_worker_cap"));
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, ReturnAssignment{a2}).ok());  // a return frees it
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), hits[1]);
  EXPECT_EQ(NextHit(e, w2, kT0 + kSec), hits[2]);  // other workers are not capped by w1
}

TEST_F(MatchingRules, AWorkerOfAnExcludedTypeMayNotTakeTheExcludingOne) {
  HitId arm_a = Make(Titled("arm A"));
  HitTypeSpec b = Titled("arm B", Cents(20));
  b.excluded_types = {TypeOf(arm_a)};
  HitId arm_b = Make(b, 2);
  AssignmentId a = AcceptHit(e, w1, arm_a);
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{arm_b}, ErrorCode::kPermissionDenied, "excluded_types"));
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  EXPECT_EQ(NextHit(e, w2), arm_b);  // never took arm A
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, ReturnAssignment{a}).ok());
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), arm_b);  // it holds nothing of arm A now
}

// DESIGN: the exclusion keeps any worker from seeing two arms of one study. Arm A was
// created before arm B, so only B can name A; a worker who did B first must still be
// kept from A.
TEST_F(MatchingRules, ExclusionKeepsAWorkerFromBothArmsWhicheverComesFirst) {
  HitId arm_a = Make(Titled("arm A"));
  HitTypeSpec b = Titled("arm B", Cents(20));
  b.excluded_types = {TypeOf(arm_a)};
  HitId arm_b = Make(b);
  AcceptHit(e, w1, arm_b);
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{arm_a}, ErrorCode::kPermissionDenied, "excluded_types"));
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
}

TEST_F(MatchingRules, ARequesterBlockHidesItsHitsFromTheWorker) {
  HitId mine = Make(Titled("mine", Cents(50)));
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  HitId theirs = MakeHitOf(e, other, BasicHitType(Cents(10)), BasicHit(2));
  ASSERT_TRUE(Apply(e, requester, kT0, CreateWorkerBlock{w1, "spam answers"}).ok());
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{mine}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, w1, kT0, PreviewHit{mine}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_EQ(NextHit(e, w1), theirs);
  EXPECT_EQ(NextHit(e, w2), mine);  // only w1 is blocked
  ASSERT_TRUE(Apply(e, requester, kT0, DeleteWorkerBlock{w1, ""}).ok());
  HitId again = Make(Titled("mine", Cents(50)));
  EXPECT_EQ(NextHit(e, w1), again);
}

struct ProbationRules : MatchingRules {
  static EngineConfig Config() {
    EngineConfig c;
    c.probation_approvals = 1;
    c.probation_daily_accepts = 2;
    return c;
  }
  ProbationRules() : MatchingRules(Config()) {}
};

TEST_F(ProbationRules, AWorkerOnProbationTakesAFewHitsPerUtcDay) {
  std::vector<HitId> hits;
  for (int i = 0; i < 8; ++i) hits.push_back(Make(BasicHitType(Cents(10))));
  AssignmentId first = test::TakeNext(e, w1, kT0).assignment.id;
  test::Submit(e, w1, first, kT0);  // submitted, not yet approved: still on probation
  NextHit(e, w1, kT0);
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kResourceExhausted, "probation"));
  EXPECT_TRUE(
      Rejected(e, w1, kMidnight - 1, Accept{hits[5]}, ErrorCode::kResourceExhausted, "probation"));
  EXPECT_EQ(NextHit(e, w1, kMidnight), hits[2]);  // a new UTC day
  EXPECT_EQ(NextHit(e, w1, kMidnight), hits[3]);
  EXPECT_EQ(NextHit(e, w1, kMidnight), HitId());
  // One approval ends probation.
  test::Approve(e, requester, first, kMidnight);
  EXPECT_EQ(NextHit(e, w1, kMidnight), hits[4]);
  EXPECT_EQ(NextHit(e, w1, kMidnight), hits[5]);
}

TEST_F(MatchingRules, AWorkerLackingARequiredQualificationDoesNotGetTheGroup) {
  QualTypeId q = test::MakeQualType(e, requester, "skill");
  HitTypeSpec t = Titled("qualified", Cents(50));
  t.requirements = {Requires(q, ActionsGuarded::kAccept, Comparator::kGreaterThanOrEqualTo, {50})};
  HitId gated = Make(t, 3);
  HitId open = Make(Titled("open"));
  test::Grant(e, requester, q, w1, 80);
  test::Grant(e, requester, q, w2, 40);
  EXPECT_EQ(NextHit(e, w1), gated);
  EXPECT_EQ(NextHit(e, w2), open);  // 40 < 50: only the open group
  EXPECT_TRUE(Rejected(e, w2, kT0, Accept{gated}, ErrorCode::kPermissionDenied, "requirements"));
  EXPECT_TRUE(Apply(e, w2, kT0, PreviewHit{gated}).ok());  // Accept guards only accepting
  test::Grant(e, requester, q, w2, 50);                    // a new value counts at once
  EXPECT_EQ(NextHit(e, w2), gated);
  AccountId w3 = MakeWorker(e, "w3");
  EXPECT_TRUE(Rejected(e, w3, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  ASSERT_TRUE(Apply(e, requester, kT0, DisassociateQualificationFromWorker{q, w1, ""}).ok());
  HitId gated2 = Make(t, 1);
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{gated2}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
}

TEST_F(MatchingRules, GuardsDecideWhatAnUnqualifiedWorkerMaySee) {
  QualTypeId q = test::MakeQualType(e, requester, "skill");
  HitTypeSpec hidden = Titled("hidden");
  hidden.requirements = {Requires(q, ActionsGuarded::kDiscoverPreviewAndAccept)};
  HitTypeSpec no_preview = Titled("no preview");
  no_preview.requirements = {Requires(q, ActionsGuarded::kPreviewAndAccept)};
  HitId h_hidden = Make(hidden);
  HitId h_no_preview = Make(no_preview);
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{h_hidden}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, w1, kT0, PreviewHit{h_hidden}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{h_no_preview}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(
      Rejected(e, w1, kT0, PreviewHit{h_no_preview}, ErrorCode::kPermissionDenied, "requirements"));
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  test::Grant(e, requester, q, w1, 1);
  EXPECT_TRUE(Apply(e, w1, kT0, PreviewHit{h_hidden}).ok());
  EXPECT_EQ(NextHit(e, w1), h_hidden);  // same reward: the older type
  EXPECT_EQ(NextHit(e, w1), h_no_preview);
}

// Requirements on the worker's record follow its counters as they change.
TEST_F(MatchingRules, ApprovalRateRequirementsFollowTheWorkersDecisions) {
  HitTypeSpec t = Titled("trusted", Cents(50));
  t.requirements = {Requires(system_qual::kPercentApproved, ActionsGuarded::kAccept,
                             Comparator::kGreaterThanOrEqualTo, {75})};
  std::vector<HitId> trusted;
  for (int i = 0; i < 3; ++i) trusted.push_back(Make(t));
  std::vector<HitId> plain;
  for (int i = 0; i < 4; ++i) plain.push_back(Make(Titled("plain")));
  AssignmentId a = test::TakeNext(e, w1).assignment.id;  // no decisions yet: 100%
  ASSERT_EQ(e.state().assignments[a.value - 1].hit, trusted[0]);
  test::Submit(e, w1, a);
  test::Reject(e, requester, a);  // 0%
  EXPECT_TRUE(Rejected(e, w1, kT0, Accept{trusted[1]}, ErrorCode::kPermissionDenied));
  for (int i = 0; i < 3; ++i) {  // three approvals out of four decisions: 75%
    AssignmentView v = test::TakeNext(e, w1);
    EXPECT_EQ(v.assignment.hit, plain[i]);
    test::Submit(e, w1, v.assignment.id);
    test::Approve(e, requester, v.assignment.id);
  }
  EXPECT_EQ(NextHit(e, w1), trusted[1]);
}

TEST_F(MatchingRules, AcceptNamesAnOpenHitTheWorkerMaySee) {
  HitId hit = Make(BasicHitType(Cents(10)), 1);
  AcceptHit(e, w1, hit);
  EXPECT_TRUE(Rejected(e, w2, kT0, Accept{hit}, ErrorCode::kFailedPrecondition, "hit_id"));
  EXPECT_TRUE(Rejected(e, w2, kT0, Accept{HitId(99)}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, requester, kT0, Accept{hit}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e, requester, kT0, AcceptNext{}, ErrorCode::kPermissionDenied, "role"));
}

}  // namespace
}  // namespace hitd::engine
