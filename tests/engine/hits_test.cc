// HIT creation (engine/hits.cc): find-or-create of HIT types,
// escrow, CreateHits as one all-or-nothing batch, GetHit's visibility, HITCreated events
// and the question payload. CreateHit's limits are in hits_limits_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
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

struct CreateFixture : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(1'000'000));
};

using HitTypes = CreateFixture;

TEST_F(HitTypes, SamePropertiesFindTheSameType) {
  Output out1, out2;
  const Command create = Basic();
  Result a = Apply(e, requester, kT0, create, out1);
  Result b = Apply(e, requester, kT0 + 5000, create, out2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.get<HitCreated>().type, b.get<HitCreated>().type);
  EXPECT_NE(a.get<HitCreated>().hit, b.get<HitCreated>().hit);
  EXPECT_EQ(out1.hit_types.size(), 1u);  // created once
  EXPECT_TRUE(out2.hit_types.empty());   // found
  Result t = Apply(e, requester, kT0, CreateHitType{Basic().type});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.get<HitTypeCreated>().type, a.get<HitCreated>().type);
  // An explicit 3-day auto-approval delay is the default's type.
  CreateHit explicit_delay = With([](CreateHit& c) { c.type.auto_approval_delay = Days(3); });
  EXPECT_EQ(Apply(e, requester, kT0, explicit_delay).get<HitCreated>().type,
            a.get<HitCreated>().type);
}

TEST_F(HitTypes, AnyDifferentPropertyMakesANewType) {
  HitTypeId base = Apply(e, requester, kT0, Basic()).get<HitCreated>().type;
  std::vector<Mutation> changes = {
      [](CreateHit& c) { c.type.title = "Another title"; },
      [](CreateHit& c) { c.type.description = "Another description"; },
      [](CreateHit& c) { c.type.keywords = "other"; },
      [](CreateHit& c) { c.type.reward = Cents(101); },
      [](CreateHit& c) { c.type.assignment_duration = Seconds(3601); },
      [](CreateHit& c) { c.type.auto_approval_delay = Days(1); },
      [](CreateHit& c) { c.type.order = AssignmentOrder::kRandom; },
      [](CreateHit& c) { c.type.per_worker_cap = 2; },
      [](CreateHit& c) { c.type.reject_reopens_slot = true; },
      [](CreateHit& c) {
        c.type.requirements = {test::Requires(system_qual::kAdult, ActionsGuarded::kAccept)};
      },
  };
  std::vector<HitTypeId> seen = {base};
  for (size_t i = 0; i < changes.size(); ++i) {
    Result r = Apply(e, requester, kT0, With(changes[i]));
    ASSERT_TRUE(r.ok()) << i;
    HitTypeId t = r.get<HitCreated>().type;
    EXPECT_EQ(std::count(seen.begin(), seen.end(), t), 0) << "change " << i;
    seen.push_back(t);
  }
  // The same properties under another requester are that requester's own type.
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  EXPECT_NE(Apply(e, other, kT0, Basic()).get<HitCreated>().type, base);
}

TEST_F(HitTypes, RequirementOrderDoesNotMatter) {
  QualTypeId q1 = test::MakeQualType(e, requester, "q1");
  QualTypeId q2 = test::MakeQualType(e, requester, "q2");
  auto reqs = [&](QualTypeId first, QualTypeId second, std::vector<int32_t> values) {
    return [=](CreateHit& c) {
      c.type.requirements = {
          test::Requires(first, ActionsGuarded::kAccept, Comparator::kIn, values),
          test::Requires(second, ActionsGuarded::kAccept, Comparator::kIn, values)};
    };
  };
  HitTypeId a = Apply(e, requester, kT0, With(reqs(q1, q2, {1, 2, 3}))).get<HitCreated>().type;
  HitTypeId b = Apply(e, requester, kT0, With(reqs(q2, q1, {3, 1, 2}))).get<HitCreated>().type;
  EXPECT_EQ(a, b);
}

// In [US, IN] and In [IN, US] are one requirement, as In [1, 2] and In [2, 1] are.
TEST_F(HitTypes, LocaleValueOrderDoesNotMatter) {
  auto locales = [](std::vector<Locale> values) {
    return [=](CreateHit& c) {
      QualificationRequirement q;
      q.type = system_qual::kLocale;
      q.comparator = Comparator::kIn;
      q.locale_values = values;
      c.type.requirements = {q};
    };
  };
  Locale us = test::kUS, in = test::MakeLocale("IN");
  HitTypeId a = Apply(e, requester, kT0, With(locales({us, in}))).get<HitCreated>().type;
  HitTypeId b = Apply(e, requester, kT0, With(locales({in, us}))).get<HitCreated>().type;
  EXPECT_EQ(a, b);
}

using HitsEscrow = CreateFixture;

TEST_F(HitsEscrow, CreateHitMovesMaxAssignmentsTimesRewardAndFeeToEscrow) {
  AccountId r = MakeRequester(e, "small", Cents(10'000));
  for (int64_t reward : {1, 2, 7, 8, 12, 13, 100, 999}) {
    const Account before = test::AccountOf(e, r);
    HitId hit = MakeHitOf(e, r, BasicHitType(Cents(reward)), BasicHit(3));
    const Cents cost = (Cents(reward) + DefaultFee(Cents(reward))) * 3;
    EXPECT_EQ(test::AccountOf(e, r).available, before.available - cost) << reward;
    EXPECT_EQ(test::AccountOf(e, r).escrow, before.escrow + cost) << reward;
    EXPECT_EQ(test::ViewHit(e, r, hit).hit.fee, DefaultFee(Cents(reward))) << reward;
  }
  e.CheckInvariants();
}

TEST_F(HitsEscrow, MastersRequirementAddsFivePercentToTheFeeRoundingHalfCentsUp) {
  // reward -> 25% fee: 100 -> 25, 6 -> 1.5 -> 2, 10 -> 2.5 -> 3, 2 -> 0.5 -> 1.
  for (auto [reward, fee] : {std::pair{100, 25}, {6, 2}, {10, 3}, {2, 1}}) {
    HitTypeSpec t = BasicHitType(Cents(reward));
    t.requirements = {test::Requires(system_qual::kMasters, ActionsGuarded::kAccept)};
    const Cents escrow = test::AccountOf(e, requester).escrow;
    HitId hit = MakeHitOf(e, requester, t, BasicHit(2));
    EXPECT_EQ(test::ViewHit(e, requester, hit).hit.fee, Cents(fee)) << reward;
    EXPECT_EQ(test::AccountOf(e, requester).escrow, escrow + Cents(2 * (reward + fee))) << reward;
  }
}

TEST_F(HitsEscrow, InsufficientFundsChangesNothingAndCreatesNoType) {
  AccountId r = MakeRequester(e, "small", Cents(359));  // 3 x (100 + 20) = 360
  CreateHit c = With([](CreateHit& c) { c.hit.max_assignments = 3; });
  EXPECT_TRUE(Rejected(e, r, kT0, c, ErrorCode::kInsufficientFunds, "max_assignments"));
  EXPECT_TRUE(e.state().hit_types.empty());
  EXPECT_TRUE(Rejected(e, r, kT0, CreateHits{HitTypeId(1), {BasicHit()}}, ErrorCode::kNotFound));
  ASSERT_TRUE(Apply(e, kBootstrapAdmin, kT0, Deposit{r, Cents(1)}).ok());
  ASSERT_TRUE(Apply(e, r, kT0, c).ok());  // exactly enough
  EXPECT_EQ(test::AccountOf(e, r).available, Cents(0));
  EXPECT_EQ(test::AccountOf(e, r).escrow, Cents(360));
  e.CheckInvariants();
}

using HitsBatch = CreateFixture;

TEST_F(HitsBatch, CreateHitsCreatesEveryHitOfTheTypeAndEscrowsTheSum) {
  HitTypeId type = Apply(e, requester, kT0, CreateHitType{Basic().type}).get<HitTypeCreated>().type;
  Output out;
  const Command batch = CreateHits{type, {BasicHit(1), BasicHit(2), BasicHit(3)}};
  Result r = Apply(e, requester, kT0, batch, out);
  ASSERT_TRUE(r.ok()) << test::Describe(r);
  const HitsCreated& created = r.get<HitsCreated>();
  EXPECT_EQ(created.type, type);
  EXPECT_EQ(created.hits, (std::vector<HitId>{HitId(1), HitId(2), HitId(3)}));
  EXPECT_EQ(test::AccountOf(e, requester).escrow, Cents(6 * 120));
  EXPECT_EQ(out.events.size(), 3u);
  e.CheckInvariants();
}

TEST_F(HitsBatch, OneBadHitRefusesTheWholeBatch) {
  HitTypeId type = Apply(e, requester, kT0, CreateHitType{Basic().type}).get<HitTypeCreated>().type;
  HitSpec bad = BasicHit();
  bad.question = "";
  EXPECT_TRUE(Rejected(e, requester, kT0, CreateHits{type, {BasicHit(), bad, BasicHit()}},
                       ErrorCode::kInvalidArgument, "question"));
  EXPECT_TRUE(
      Rejected(e, requester, kT0, CreateHits{type, {}}, ErrorCode::kInvalidArgument, "hits"));
  EXPECT_TRUE(Rejected(e, requester, kT0, CreateHits{type, std::vector<HitSpec>(1001, BasicHit())},
                       ErrorCode::kInvalidArgument, "hits"));
  // Funds for the first two HITs only: the batch needs all three.
  AccountId poor = MakeRequester(e, "poor", Cents(2 * 120));
  HitTypeId poor_type = Apply(e, poor, kT0, CreateHitType{Basic().type}).get<HitTypeCreated>().type;
  EXPECT_TRUE(Rejected(e, poor, kT0, CreateHits{poor_type, {BasicHit(), BasicHit(), BasicHit()}},
                       ErrorCode::kInsufficientFunds));
  // Another requester's type is not found.
  EXPECT_TRUE(
      Rejected(e, poor, kT0, CreateHits{type, {BasicHit()}}, ErrorCode::kNotFound, "hit_type_id"));
  EXPECT_TRUE(e.state().hits.empty());
}

TEST_F(HitsBatch, CreateHitWithHitTypeUsesTheRequestersOwnType) {
  HitTypeId type = Apply(e, requester, kT0, CreateHitType{Basic().type}).get<HitTypeCreated>().type;
  Result r = Apply(e, requester, kT0, CreateHitWithHitType{type, BasicHit(2)});
  ASSERT_TRUE(r.ok()) << test::Describe(r);
  EXPECT_EQ(r.get<HitCreated>().type, type);
  EXPECT_EQ(test::AccountOf(e, requester).escrow, Cents(240));
  AccountId other = MakeRequester(e, "other", Cents(1000));
  EXPECT_TRUE(Rejected(e, other, kT0, CreateHitWithHitType{type, BasicHit()}, ErrorCode::kNotFound,
                       "hit_type_id"));
  HitSpec bad = BasicHit();
  bad.lifetime = TimeMs(0);
  EXPECT_TRUE(Rejected(e, requester, kT0, CreateHitWithHitType{type, bad},
                       ErrorCode::kInvalidArgument, "lifetime"));
}

using HitsRead = CreateFixture;

TEST_F(HitsRead, GetHitShowsTheHitToItsRequesterOnly) {
  HitId hit = MakeHitOf(e, requester, BasicHitType(Cents(100)), BasicHit(2));
  Result mine = Apply(e, requester, kT0, GetHit{hit});
  ASSERT_TRUE(mine.ok());
  const HitView& v = mine.get<HitView>();
  EXPECT_EQ(v.hit.id, hit);
  EXPECT_EQ(v.hit.requester, requester);
  EXPECT_EQ(v.hit.expires, TimeMs(kT0) + Days(1));
  EXPECT_EQ(v.status, HitStatus::kAssignable);
  EXPECT_EQ(v.available, 2u);
  EXPECT_EQ(v.type.title, "Label one image");
  AccountId other = MakeRequester(e, "other");
  AccountId worker = MakeWorker(e, "w1");
  EXPECT_TRUE(Rejected(e, other, kT0, GetHit{hit}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, worker, kT0, GetHit{hit}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, requester, kT0, GetHit{HitId(99)}, ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Apply(e, kBootstrapAdmin, kT0, GetHit{hit}).ok());
}

TEST_F(HitsRead, EachHitEmitsHitCreatedWithGapFreeSequenceNumbers) {
  HitTypeId type = Apply(e, requester, kT0, CreateHitType{Basic().type}).get<HitTypeCreated>().type;
  uint64_t seq = e.state().last_event_seq;
  Output out;
  const Command batch = CreateHits{type, {BasicHit(), BasicHit()}};
  const Command one = Basic();
  ASSERT_TRUE(Apply(e, requester, kT0, batch, out).ok());
  ASSERT_TRUE(Apply(e, requester, kT0 + 1, one, out).ok());
  ASSERT_EQ(out.events.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out.events[i].seq, seq + 1 + i);
    EXPECT_EQ(out.events[i].type, EventType::kHitCreated);
    EXPECT_EQ(out.events[i].owner, requester);
    EXPECT_EQ(out.events[i].hit, HitId(i + 1));
  }
  EXPECT_EQ(out.events[2].time, TimeMs(kT0 + 1));
  EXPECT_EQ(e.state().last_event_seq, seq + 3);
}

TEST_F(HitsRead, TheQuestionIsAPayloadOfTheOutputNotKeptInState) {
  const Command command = With([](CreateHit& c) {
    c.hit.question = std::string(1000, 'Q');
    c.hit.requester_annotation = "batch-7";
  });
  const CreateHit& c = std::get<CreateHit>(command);
  Output out;
  Result r = Apply(e, requester, kT0, command, out);
  ASSERT_TRUE(r.ok());
  HitId hit = r.get<HitCreated>().hit;
  ASSERT_EQ(out.payloads.size(), 2u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kQuestion);
  EXPECT_EQ(out.payloads[0].id, hit.value);
  EXPECT_EQ(out.payloads[0].data, c.hit.question);
  // A view into the command, not a copy the engine keeps.
  EXPECT_EQ(out.payloads[0].data.data(), c.hit.question.data());
  EXPECT_EQ(out.payloads[1].kind, PayloadKind::kAnnotation);
  EXPECT_EQ(out.payloads[1].data, "batch-7");
  ASSERT_FALSE(out.hits.empty());
  EXPECT_EQ(out.hits.back().id, hit);
  // Without an annotation, only the question.
  Output out2;
  const Command plain = Basic();
  ASSERT_TRUE(Apply(e, requester, kT0, plain, out2).ok());
  ASSERT_EQ(out2.payloads.size(), 1u);
  EXPECT_EQ(out2.payloads[0].kind, PayloadKind::kQuestion);
}

}  // namespace
}  // namespace hitd::engine
