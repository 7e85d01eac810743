// Whole-state checks (engine/invariants.h): a consistent engine passes them, and each
// kind of drift between an index and the records is named. Each test copies a small
// market's State, breaks one thing, and expects the check to say what.
#include "engine/invariants.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::kT0;

struct Invariants : ::testing::Test {
  Engine e;
  AccountId requester = test::MakeRequester(e, "acme", Cents(10'000));
  AccountId w1 = test::MakeWorker(e, "w1");
  AccountId w2 = test::MakeWorker(e, "w2");
  QualTypeId skill = test::MakeQualType(e, requester, "skill");
  HitId hit = test::MakeHit(e, requester, Cents(100), 3);

  void SetUp() override {
    test::Grant(e, requester, skill, w1, 5);
    test::AcceptHit(e, w1, hit);
    // w2 evaluates its eligibility cache against a requirement set.
    HitTypeSpec t = test::BasicHitType(Cents(50));
    t.requirements = {test::Requires(skill, ActionsGuarded::kAccept)};
    test::MakeHitOf(e, requester, t, test::BasicHit(1));
    test::NextHit(e, w2);
    test::MakeHit(e, requester, Cents(100), 1);  // a second HIT in the first group
  }

  static ::testing::AssertionResult Names(const std::string& violation, std::string_view what) {
    if (violation.find(what) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "violation: \"" << violation << "\"";
  }
};

TEST_F(Invariants, AConsistentEnginePasses) {
  EXPECT_EQ(FindRecordViolation(e.state()), "");
  EXPECT_EQ(FindIndexViolation(e.state()), "");
}

TEST_F(Invariants, SlotCountsThatDisagreeWithTheAssignmentsAreNamed) {
  State s = e.state();
  s.hits[hit.value - 1].accepted += 1;
  EXPECT_TRUE(Names(FindRecordViolation(s), "counts differ"));
}

TEST_F(Invariants, AGroupsSlotCountThatDriftedIsNamed) {
  State s = e.state();
  s.groups[0].slots_free += 1;
  EXPECT_TRUE(Names(FindIndexViolation(s), "slots_free"));
}

TEST_F(Invariants, AHitMissingFromItsGroupsOrderIsNamed) {
  State s = e.state();
  Group& g = s.groups[0];
  g.order.erase(g.order.begin() + g.begin);
  EXPECT_TRUE(Names(FindIndexViolation(s), "missing from its group's order"));
}

TEST_F(Invariants, AWorkerGroupCountThatDriftedIsNamed) {
  State s = e.state();
  s.worker_groups.Find(PairKey(w1.value, 1))->taken += 1;
  EXPECT_TRUE(Names(FindIndexViolation(s), "taken differs"));
}

TEST_F(Invariants, AMissingTimerIsNamed) {
  State s = e.state();
  s.timers.Clear();
  EXPECT_TRUE(Names(FindIndexViolation(s), "timer"));
}

TEST_F(Invariants, AnEligibilityCacheLeftUnrefreshedIsNamed) {
  State s = e.state();
  // w2 met no requirement set; a grant that did not mark the cache stale leaves it wrong.
  ASSERT_FALSE(s.account_states[w2.value - 1].stale);
  s.account_states[w2.value - 1].grants.push_back(GrantSlot{uint32_t(skill.value), 1, TimeMs()});
  s.grants_by_type.Insert(skill.value, w2.value);
  EXPECT_TRUE(Names(FindIndexViolation(s), "eligibility out of date"));
}

TEST_F(Invariants, UnsortedTokensAreNamed) {
  State s = e.state();
  s.token_order.emplace_back(TimeMs(kT0), "2|b");
  s.token_order.emplace_back(TimeMs(kT0), "2|a");
  s.tokens["2|a"] = TokenEntry{1, TimeMs(kT0), Result{Empty{}}};
  s.tokens["2|b"] = TokenEntry{1, TimeMs(kT0), Result{Empty{}}};
  EXPECT_TRUE(Names(FindIndexViolation(s), "token_order"));
}

}  // namespace
}  // namespace hitd::engine
