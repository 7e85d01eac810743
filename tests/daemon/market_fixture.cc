#include "tests/daemon/market_fixture.h"

namespace hitd::daemon_test {

engine::HitTypeSpec TypeSpec(const std::string& title, int64_t reward_cents,
                             std::vector<engine::QualificationRequirement> requirements) {
  engine::HitTypeSpec spec;
  spec.title = title;
  spec.description = "A task for the daemon tests";
  spec.keywords = "test,daemon";
  spec.reward = engine::Cents(reward_cents);
  spec.assignment_duration = engine::Seconds(600);
  spec.requirements = std::move(requirements);
  return spec;
}

engine::HitSpec HitSpecOf(const std::string& question, uint32_t max_assignments) {
  engine::HitSpec spec;
  spec.max_assignments = max_assignments;
  spec.lifetime = engine::Seconds(3600);
  spec.question = question;
  return spec;
}

engine::QualificationRequirement AtLeast(engine::QualTypeId type, int32_t at_least) {
  engine::QualificationRequirement q;
  q.type = type;
  q.comparator = engine::Comparator::kGreaterThanOrEqualTo;
  q.integer_values = {at_least};
  q.guard = engine::ActionsGuarded::kAccept;
  return q;
}

std::vector<engine::TestAnswer> MarketTest::SkillAnswers(bool right) {
  return {engine::TestAnswer{"q1", right ? "4" : "5"}};
}

void MarketTest::SetUp() {
  DaemonTest::SetUp();
  if (HasFatalFailure()) return;
  requester_ = CreateAccount(engine::Role::kRequester, "req-one", engine::Cents(kDeposit));
  other_requester_ = CreateAccount(engine::Role::kRequester, "req-two", engine::Cents(kDeposit));
  worker_ = CreateAccount(engine::Role::kWorker, "work-one");
  other_worker_ = CreateAccount(engine::Role::kWorker, "work-two");
  third_worker_ =
      CreateAccount(engine::Role::kWorker, "work-three", engine::Cents(0), Country("IN"));
  r_ = Connect(requester_);
  r2_ = Connect(other_requester_);
  w_ = Connect(worker_);
  w2_ = Connect(other_worker_);
  w3_ = Connect(third_worker_);

  engine::CreateQualificationType skill;
  skill.spec.name = "Arithmetic";
  skill.spec.description = "Adds small numbers";
  skill.spec.keywords = "math";
  skill.spec.test = kSkillTest;
  skill.spec.answer_key = {engine::AnswerKeyItem{"q1", "4", 5}};
  skill.spec.test_duration = engine::Seconds(300);
  const client::Answer made = r_->Call(engine::Command(skill));
  ASSERT_TRUE(Ok(made)) << "CreateQualificationType";
  skill_ = made.reply<engine::QualTypeCreated>().type;

  const client::Answer granted =
      w_->Call(engine::Command(engine::RequestQualification{skill_, SkillAnswers(true)}));
  ASSERT_TRUE(Ok(granted)) << "RequestQualification";
  ASSERT_EQ(granted.reply<engine::QualRequestResult>().granted_value, 5);

  qualified_type_ = CreateType(*r_, TypeSpec("Add numbers", 20, {AtLeast(skill_, 3)}));
  open_type_ = CreateType(*r_, TypeSpec("Tag photos", 10));
  open_hit_ = CreateHit(*r_, open_type_, "<question>tag</question>", 3);
}

void MarketTest::TearDown() {
  for (auto* c : {&r_, &r2_, &w_, &w2_, &w3_}) {
    if (*c) (*c)->Close();
    c->reset();
  }
  DaemonTest::TearDown();
}

engine::HitTypeId MarketTest::CreateType(client::BlockingClient& requester,
                                         engine::HitTypeSpec spec) {
  const client::Answer a = requester.Call(engine::Command(engine::CreateHitType{std::move(spec)}));
  EXPECT_TRUE(Ok(a)) << "CreateHITType";
  return a.ok() ? a.reply<engine::HitTypeCreated>().type : engine::HitTypeId();
}

engine::HitId MarketTest::CreateHit(client::BlockingClient& requester, engine::HitTypeId type,
                                    const std::string& question, uint32_t max_assignments) {
  const client::Answer a = requester.Call(
      engine::Command(engine::CreateHitWithHitType{type, HitSpecOf(question, max_assignments)}));
  EXPECT_TRUE(Ok(a)) << "CreateHITWithHITType";
  return a.ok() ? a.reply<engine::HitCreated>().hit : engine::HitId();
}

engine::AccountBalance MarketTest::Balance(client::BlockingClient& account) {
  const client::Answer a = account.Call(engine::Command(engine::GetAccountBalance{}));
  EXPECT_TRUE(Ok(a)) << "GetAccountBalance";
  return a.ok() ? a.reply<engine::AccountBalance>() : engine::AccountBalance{};
}

}  // namespace hitd::daemon_test
