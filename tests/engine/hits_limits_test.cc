// CreateHit's validation (engine/hits.cc, CheckTypeSpec and CheckHitSpec): every limit
// of a HIT type and a HIT at its bounds, each refused with INVALID_ARGUMENT naming its
// field and changing nothing. The rest of hits.cc is tested in hits_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::DefaultFee;
using test::kT0;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;

using test::Basic;
using test::Mutation;
using test::With;

// A requester rich enough for the largest valid HIT of these tests.
struct CreateFixture : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(50'000'000));

  // Each mutation alone must fail as INVALID_ARGUMENT naming `field`, changing nothing.
  void ExpectInvalid(const std::string& field, const std::vector<Mutation>& bad) {
    for (size_t i = 0; i < bad.size(); ++i) {
      EXPECT_TRUE(Rejected(e, requester, kT0, With(bad[i]), ErrorCode::kInvalidArgument, field))
          << field << " case " << i;
    }
  }
  void ExpectValid(const std::string& field, const std::vector<Mutation>& good) {
    for (size_t i = 0; i < good.size(); ++i) {
      Result r = Apply(e, requester, kT0, With(good[i]));
      EXPECT_TRUE(r.ok()) << field << " case " << i << ": " << test::Describe(r);
    }
    e.CheckInvariants();
  }
};

using HitsLimits = CreateFixture;

TEST_F(HitsLimits, TitleIsOneTo128Characters) {
  ExpectInvalid("title", {[](CreateHit& c) { c.type.title = ""; },
                          [](CreateHit& c) { c.type.title = std::string(129, 't'); }});
  ExpectValid("title", {[](CreateHit& c) { c.type.title = "t"; },
                        [](CreateHit& c) { c.type.title = std::string(128, 't'); }});
}

// DESIGN and MTurk count the title in characters: 128 two-byte characters fit.
TEST_F(HitsLimits, TitleLimitCountsCharactersNotBytes) {
  std::string title;
  for (int i = 0; i < 128; ++i) title += "\xc3\xa9";  // U+00E9, two bytes in UTF-8
  ExpectValid("title", {[&](CreateHit& c) { c.type.title = title; }});
}

TEST_F(HitsLimits, DescriptionIsOneTo2000Characters) {
  ExpectInvalid("description", {[](CreateHit& c) { c.type.description = ""; },
                                [](CreateHit& c) { c.type.description = std::string(2001, 'd'); }});
  ExpectValid("description", {[](CreateHit& c) { c.type.description = "d"; },
                              [](CreateHit& c) { c.type.description = std::string(2000, 'd'); }});
}

TEST_F(HitsLimits, KeywordsAreAtMost1000Characters) {
  ExpectInvalid("keywords", {[](CreateHit& c) { c.type.keywords = std::string(1001, 'k'); }});
  ExpectValid("keywords", {[](CreateHit& c) { c.type.keywords = ""; },
                           [](CreateHit& c) { c.type.keywords = std::string(1000, 'k'); }});
}

TEST_F(HitsLimits, RewardIsOneCentToTenThousandDollars) {
  ExpectInvalid("reward_cents", {[](CreateHit& c) { c.type.reward = Cents(0); },
                                 [](CreateHit& c) { c.type.reward = Cents(-5); },
                                 [](CreateHit& c) { c.type.reward = Cents(1'000'001); }});
  ExpectValid("reward_cents", {[](CreateHit& c) { c.type.reward = Cents(1); },
                               [](CreateHit& c) { c.type.reward = Cents(1'000'000); }});
}

TEST_F(HitsLimits, AssignmentDurationIs30SecondsTo365Days) {
  ExpectInvalid("assignment_duration",
                {[](CreateHit& c) { c.type.assignment_duration = Seconds(30) - TimeMs(1); },
                 [](CreateHit& c) { c.type.assignment_duration = Days(365) + TimeMs(1); }});
  ExpectValid("assignment_duration",
              {[](CreateHit& c) { c.type.assignment_duration = Seconds(30); },
               [](CreateHit& c) { c.type.assignment_duration = Days(365); }});
}

TEST_F(HitsLimits, AutoApprovalDelayIsZeroTo30DaysAndDefaultsTo3Days) {
  ExpectInvalid("auto_approval_delay",
                {[](CreateHit& c) { c.type.auto_approval_delay = TimeMs(-1); },
                 [](CreateHit& c) { c.type.auto_approval_delay = Days(30) + TimeMs(1); }});
  ExpectValid("auto_approval_delay", {[](CreateHit& c) { c.type.auto_approval_delay = TimeMs(0); },
                                      [](CreateHit& c) { c.type.auto_approval_delay = Days(30); }});
  HitId hit = MakeHitOf(e, requester, BasicHitType(Cents(7)), BasicHit());
  EXPECT_EQ(test::ViewHit(e, requester, hit).type.auto_approval_delay, Days(3));
}

TEST_F(HitsLimits, MaxAssignmentsIsOneToAMillion) {
  ExpectInvalid("max_assignments", {[](CreateHit& c) { c.hit.max_assignments = 0; },
                                    [](CreateHit& c) { c.hit.max_assignments = 1'000'001; }});
  ExpectValid("max_assignments", {[](CreateHit& c) { c.hit.max_assignments = 1; },
                                  [](CreateHit& c) {
                                    c.type.reward = Cents(1);
                                    c.hit.max_assignments = 1'000'000;
                                  }});
}

TEST_F(HitsLimits, LifetimeIs30SecondsTo365Days) {
  ExpectInvalid("lifetime", {[](CreateHit& c) { c.hit.lifetime = Seconds(30) - TimeMs(1); },
                             [](CreateHit& c) { c.hit.lifetime = Days(365) + TimeMs(1); },
                             [](CreateHit& c) { c.hit.lifetime = TimeMs(-1); }});
  ExpectValid("lifetime", {[](CreateHit& c) { c.hit.lifetime = Seconds(30); },
                           [](CreateHit& c) { c.hit.lifetime = Days(365); }});
}

TEST_F(HitsLimits, QuestionIsOneByteTo64KiB) {
  ExpectInvalid("question", {[](CreateHit& c) { c.hit.question = ""; },
                             [](CreateHit& c) { c.hit.question = std::string(65537, 'q'); }});
  ExpectValid("question", {[](CreateHit& c) { c.hit.question = "q"; },
                           [](CreateHit& c) { c.hit.question = std::string(65536, 'q'); }});
}

TEST_F(HitsLimits, AnnotationIsAtMost255Bytes) {
  ExpectInvalid("requester_annotation",
                {[](CreateHit& c) { c.hit.requester_annotation = std::string(256, 'a'); }});
  ExpectValid("requester_annotation",
              {[](CreateHit& c) { c.hit.requester_annotation = std::string(255, 'a'); }});
}

TEST_F(HitsLimits, PriorityIsZeroToAMillion) {
  ExpectInvalid("priority", {[](CreateHit& c) { c.hit.priority = -1; },
                             [](CreateHit& c) { c.hit.priority = 1'000'001; }});
  ExpectValid("priority", {[](CreateHit& c) { c.hit.priority = 0; },
                           [](CreateHit& c) { c.hit.priority = 1'000'000; }});
}

TEST_F(HitsLimits, OnlyARequesterCreatesHits) {
  AccountId worker = MakeWorker(e, "w1");
  EXPECT_TRUE(Rejected(e, worker, kT0, Basic(), ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e, kBootstrapAdmin, kT0, Basic(), ErrorCode::kPermissionDenied, "role"));
}

TEST_F(HitsLimits, TypeReferencesAreCheckedToo) {
  HitTypeId own = Apply(e, requester, kT0, Basic()).get<HitCreated>().type;
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  HitTypeId theirs = Apply(e, other, kT0, Basic()).get<HitCreated>().type;
  EXPECT_TRUE(Rejected(e, requester, kT0,
                       With([&](CreateHit& c) { c.type.excluded_types = {theirs}; }),
                       ErrorCode::kNotFound, "excluded_types"));
  EXPECT_TRUE(Rejected(e, requester, kT0, With([&](CreateHit& c) {
                         c.type.excluded_types = {own, own};
                       }),
                       ErrorCode::kInvalidArgument, "excluded_types"));
  EXPECT_TRUE(Rejected(e, requester, kT0, With([](CreateHit& c) {
                         c.type.requirements.assign(
                             11, test::Requires(system_qual::kAdult, ActionsGuarded::kAccept));
                       }),
                       ErrorCode::kInvalidArgument, "requirements"));
  EXPECT_TRUE(Rejected(e, requester, kT0,
                       With([](CreateHit& c) { c.type.order = static_cast<AssignmentOrder>(9); }),
                       ErrorCode::kInvalidArgument, "assignment_order"));
  EXPECT_TRUE(
      Apply(e, requester, kT0, With([&](CreateHit& c) { c.type.excluded_types = {own}; })).ok());
}

}  // namespace
}  // namespace hitd::engine
