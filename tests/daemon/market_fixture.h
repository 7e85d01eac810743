// A small marketplace on the daemon under test, built over the wire: two requesters
// with money, three workers, a qualification type with a test that one worker passed,
// a HIT type that requires it, an open HIT type and one open HIT of it.
//
// MarketTest is a GoogleTest fixture on top of DaemonTest; each account has its own
// connected BlockingClient. Helpers build specs with valid defaults, so a test states
// only what it is about.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/daemon/daemon_fixture.h"

namespace hitd::daemon_test {

// A HIT type spec that passes validation: `reward` cents, ten minutes to work.
engine::HitTypeSpec TypeSpec(const std::string& title, int64_t reward_cents = 10,
                             std::vector<engine::QualificationRequirement> requirements = {});
// A HIT spec that passes validation: open an hour.
engine::HitSpec HitSpecOf(const std::string& question, uint32_t max_assignments = 1);
// Requires `type` >= `at_least`, guarding Accept only (the worker may still discover and
// preview).
engine::QualificationRequirement AtLeast(engine::QualTypeId type, int32_t at_least);

class MarketTest : public DaemonTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The test's answer for the skill type: scores 5 when `right`.
  static std::vector<engine::TestAnswer> SkillAnswers(bool right);
  static constexpr const char* kSkillTest = "<test><q id='q1'>2+2?</q></test>";

  // A HIT of `type` created by `requester` (asserts success).
  engine::HitId CreateHit(client::BlockingClient& requester, engine::HitTypeId type,
                          const std::string& question, uint32_t max_assignments = 1);
  engine::HitTypeId CreateType(client::BlockingClient& requester, engine::HitTypeSpec spec);
  engine::AccountBalance Balance(client::BlockingClient& account);

  TestAccount requester_;        // owns everything below
  TestAccount other_requester_;  // owns nothing here
  TestAccount worker_;           // holds skill_ = 5
  TestAccount other_worker_;     // holds nothing
  TestAccount third_worker_;     // holds nothing
  std::unique_ptr<client::BlockingClient> r_, r2_, w_, w2_, w3_;

  engine::QualTypeId skill_;          // requester_'s, with a test and an answer key
  engine::HitTypeId qualified_type_;  // requires skill_ >= 3 (guards Accept)
  engine::HitTypeId open_type_;       // no requirements
  engine::HitId open_hit_;            // of open_type_, 3 slots
  static constexpr int64_t kDeposit = 100'000;
};

}  // namespace hitd::daemon_test
