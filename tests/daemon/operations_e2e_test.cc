// Every operation end to end through the client library: a marketplace is built, worked
// and settled over loopback TCP, checking each answer's content along the way. A
// recorder notes which engine::Command and net::DaemonCommand alternatives got an ok
// answer; the test fails naming any operation that never did (Tick excepted: it is
// internal and never on the wire), so a new operation cannot go untested here.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <variant>

#include "net/protocol/operation_names.h"
#include "net/protocol/request_codec.h"
#include "tests/daemon/market_fixture.h"

namespace hitd::daemon_test {
namespace {

using engine::Cents;
using engine::Command;
using engine::ErrorCode;

class Recorder {
 public:
  client::Answer Call(client::BlockingClient& c, const Command& command) {
    client::Answer a = c.Call(command);
    Note(a, command.index(), net::NameOf(net::RequestBodyOf(command)), engine_ok_);
    return a;
  }
  client::Answer Call(client::BlockingClient& c, const net::DaemonCommand& command) {
    client::Answer a = c.Call(command);
    Note(a, command.index(), net::NameOf(net::RequestBodyOf(command)), daemon_ok_);
    return a;
  }
  void NoteDaemon(const client::Answer& a, size_t index) {
    Note(a, index, "subscription", daemon_ok_);
  }

  void ExpectEveryOperationCovered() const {
    for (size_t i = 0; i < std::variant_size_v<Command>; ++i) {
      if (i == Command(engine::Tick{}).index()) continue;
      EXPECT_TRUE(engine_ok_.contains(i))
          << "no ok answer for engine::Command alternative " << i << " (" << NameAt(i) << ")";
    }
    for (size_t i = 0; i < std::variant_size_v<net::DaemonCommand>; ++i) {
      EXPECT_TRUE(daemon_ok_.contains(i))
          << "no ok answer for net::DaemonCommand alternative " << i;
    }
  }

 private:
  static std::string_view NameAt(size_t index) {
    const auto names = net::OperationNames();
    return index < names.size() ? names[index].name : "?";
  }
  static void Note(const client::Answer& a, size_t index, std::string_view name,
                   std::set<size_t>& ok) {
    EXPECT_TRUE(Ok(a)) << name;
    if (a.ok()) ok.insert(index);
  }
  std::set<size_t> engine_ok_;
  std::set<size_t> daemon_ok_;
};

using OperationsEndToEnd = MarketTest;

engine::TimeMs WallClockNow() {
  return engine::TimeMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

const net::Attachment* FindAttachment(const client::Answer& a, engine::PayloadKind kind) {
  auto it = std::find_if(a.attachments.begin(), a.attachments.end(),
                         [&](const net::Attachment& x) { return x.kind == kind; });
  return it == a.attachments.end() ? nullptr : &*it;
}

TEST_F(OperationsEndToEnd, EveryOperationAnswersOkThroughTheClientLibrary) {
  Recorder rec;
  client::BlockingClient& admin = this->admin();

  // ---- admin: accounts and money ----
  const client::Secret newcomer_secret = client::NewSecret();
  const client::SecretHash newcomer_hash = client::HashSecret(newcomer_secret);
  engine::CreateAccount create{engine::Role::kRequester, "newcomer", Country("US"),
                               std::string(newcomer_hash.begin(), newcomer_hash.end())};
  const client::Answer created = rec.Call(admin, Command(create));
  ASSERT_TRUE(created.ok());
  const engine::AccountId newcomer = created.reply<engine::AccountView>().account.id;
  EXPECT_EQ(created.reply<engine::AccountView>().name, "newcomer");
  const client::Answer deposited = rec.Call(admin, Command(engine::Deposit{newcomer, Cents(500)}));
  EXPECT_EQ(deposited.reply<engine::AccountBalance>().available, Cents(500));
  EXPECT_EQ(rec.Call(admin, Command(engine::GetAccount{newcomer}))
                .reply<engine::AccountView>()
                .account.role,
            engine::Role::kRequester);
  EXPECT_EQ(rec.Call(admin, Command(engine::GetStats{})).reply<engine::Stats>().imbalance,
            Cents(0));
  rec.Call(admin, Command(engine::SuspendAccount{third_worker_.id, "checking"}));
  EXPECT_TRUE(Fails(w3_->Call(Command(engine::GetDashboard{})), ErrorCode::kPermissionDenied))
      << "a suspended account may do nothing";
  rec.Call(admin, Command(engine::ReactivateAccount{third_worker_.id}));
  EXPECT_TRUE(Ok(w3_->Call(Command(engine::GetDashboard{}))));
  const client::Secret rotated = client::NewSecret();
  const client::SecretHash rotated_hash = client::HashSecret(rotated);
  rec.Call(admin, Command(engine::RotateSecret{
                      newcomer, std::string(rotated_hash.begin(), rotated_hash.end())}));
  {
    client::Credentials old_creds{"newcomer", newcomer, newcomer_secret, {}};
    client::BlockingClient old_client(OptionsFor(old_creds));
    EXPECT_EQ(old_client.Connect().code, ErrorCode::kUnauthenticated) << "the old secret is void";
    client::Credentials new_creds{"newcomer", newcomer, rotated, {}};
    client::BlockingClient new_client(OptionsFor(new_creds));
    EXPECT_EQ(new_client.Connect().code, ErrorCode::kOk) << "the new secret works";
  }
  const std::string backup_dir = (data_dir() / "backup").string();
  const client::Answer backup = rec.Call(admin, net::DaemonCommand(net::Backup{backup_dir}));
  ASSERT_TRUE(backup.ok());
  EXPECT_GT(std::get<net::BackupDone>(std::get<net::DaemonReply>(backup.answer)).bytes, 0u);

  // ---- requester: subscriptions, qualification types, HIT types and HITs ----
  rec.NoteDaemon(r_->SubscribeEvents(1, [](std::span<const engine::Event>) {}), 0);
  rec.NoteDaemon(
      w_->SubscribeWork(engine::WorkFilter{}, [](std::span<const net::WorkAvailable>) {}), 1);
  engine::CreateQualificationType vetted;
  vetted.spec.name = "Vetted";
  vetted.spec.description = "Reviewed by hand";
  const engine::QualTypeId vetted_type =
      rec.Call(*r_, Command(vetted)).reply<engine::QualTypeCreated>().type;
  const client::Answer skill_view = rec.Call(*w2_, Command(engine::GetQualificationType{skill_}));
  const net::Attachment* test = FindAttachment(skill_view, engine::PayloadKind::kQualTest);
  ASSERT_NE(test, nullptr) << "GetQualificationType carries the test";
  EXPECT_EQ(test->data, kSkillTest);
  EXPECT_TRUE(skill_view.reply<engine::QualTypeView>().type.answer_key.empty())
      << "a worker never sees the answer key";
  engine::UpdateQualificationType update;
  update.type = vetted_type;
  update.description = "Reviewed by a person";
  rec.Call(*r_, Command(update));
  EXPECT_FALSE(rec.Call(*w2_, Command(engine::ListQualificationTypes{{10, ""}, "Vetted"}))
                   .reply<engine::QualTypeList>()
                   .types.empty());
  const client::Answer created_hit = rec.Call(
      *r_, Command(engine::CreateHit{TypeSpec("Sort receipts", 15), HitSpecOf("<q>sort</q>", 2)}));
  const engine::HitId receipts = created_hit.reply<engine::HitCreated>().hit;
  const engine::HitTypeId receipts_type = created_hit.reply<engine::HitCreated>().type;
  const client::Answer typed = rec.Call(*r_, Command(engine::CreateHitType{TypeSpec("Spare", 12)}));
  const engine::HitTypeId spare_type = typed.reply<engine::HitTypeCreated>().type;
  const engine::HitId add =
      rec.Call(*r_, Command(engine::CreateHitWithHitType{qualified_type_, HitSpecOf("<q>1+1</q>")}))
          .reply<engine::HitCreated>()
          .hit;
  const client::Answer batch =
      rec.Call(*r_, Command(engine::CreateHits{
                        qualified_type_, {HitSpecOf("<q>2+2</q>"), HitSpecOf("<q>3+3</q>")}}));
  ASSERT_EQ(batch.reply<engine::HitsCreated>().hits.size(), 2u);
  const engine::HitId movable = batch.reply<engine::HitsCreated>().hits[1];
  const client::Answer got = rec.Call(*r_, Command(engine::GetHit{add}));
  ASSERT_NE(FindAttachment(got, engine::PayloadKind::kQuestion), nullptr) << "GetHIT: question";
  EXPECT_EQ(FindAttachment(got, engine::PayloadKind::kQuestion)->data, "<q>1+1</q>");
  EXPECT_EQ(got.reply<engine::HitView>().status, engine::HitStatus::kAssignable);
  EXPECT_EQ(rec.Call(*r_, Command(engine::ListHits{{100, ""}, {}, {}, {}, {}}))
                .reply<engine::HitList>()
                .hits.size(),
            5u);

  // ---- workers: qualifications ----
  const client::Answer asked =
      rec.Call(*w2_, Command(engine::RequestQualification{vetted_type, {}}));
  EXPECT_EQ(asked.reply<engine::QualRequestResult>().request.status,
            engine::QualRequestStatus::kPending);
  rec.Call(*w3_, Command(engine::RequestQualification{vetted_type, {}}));
  const client::Answer tested =
      rec.Call(*w3_, Command(engine::RequestQualification{skill_, SkillAnswers(false)}));
  EXPECT_EQ(tested.reply<engine::QualRequestResult>().granted_value, 0) << "scored: wrong answer";
  const client::Answer pending =
      rec.Call(*r_, Command(engine::ListQualificationRequests{vetted_type, {10, ""}}));
  ASSERT_EQ(pending.reply<engine::QualRequestList>().requests.size(), 2u);
  const auto& requests = pending.reply<engine::QualRequestList>().requests;
  const bool first_is_w2 = requests[0].worker == other_worker_.id;
  const engine::QualRequestId of_w2 = requests[first_is_w2 ? 0 : 1].id;
  const engine::QualRequestId of_w3 = requests[first_is_w2 ? 1 : 0].id;
  rec.Call(*r_, Command(engine::AcceptQualificationRequest{of_w2, 2}));
  rec.Call(*r_, Command(engine::RejectQualificationRequest{of_w3, "not yet"}));
  rec.Call(*r_, Command(engine::AssociateQualificationWithWorker{skill_, other_worker_.id, 4}));
  EXPECT_EQ(rec.Call(*r_, Command(engine::GetQualificationScore{skill_, other_worker_.id}))
                .reply<engine::QualificationView>()
                .value,
            4);
  EXPECT_EQ(rec.Call(*r_, Command(engine::ListWorkersWithQualificationType{skill_, {10, ""}}))
                .reply<engine::QualificationList>()
                .qualifications.size(),
            3u)
      << "worker_ (5), other_worker_ (4) and third_worker_ (0, scored)";
  rec.Call(*r_, Command(engine::DisassociateQualificationFromWorker{vetted_type, other_worker_.id,
                                                                    "expired"}));
  EXPECT_FALSE(rec.Call(*w_, Command(engine::ListMyQualifications{{10, ""}}))
                   .reply<engine::QualificationList>()
                   .qualifications.empty());

  // ---- worker: discover, preview, accept, return, submit ----
  const client::Answer groups =
      rec.Call(*w_, Command(engine::ListHitGroups{{}, engine::GroupSort::kRewardDesc, {10, ""}}));
  EXPECT_GE(groups.reply<engine::HitGroupList>().groups.size(), 3u);
  const client::Answer preview = rec.Call(*w_, Command(engine::PreviewHit{add}));
  const net::Attachment* question = FindAttachment(preview, engine::PayloadKind::kQuestion);
  ASSERT_NE(question, nullptr) << "PreviewHIT carries the question";
  EXPECT_EQ(question->data, "<q>1+1</q>");
  EXPECT_EQ(question->id, add.value);
  const client::Answer accepted = rec.Call(*w_, Command(engine::Accept{add}));
  ASSERT_NE(FindAttachment(accepted, engine::PayloadKind::kQuestion), nullptr);
  rec.Call(
      *w_,
      Command(engine::ReturnAssignment{accepted.reply<engine::AssignmentView>().assignment.id}));
  engine::WorkFilter in_group;
  in_group.type = qualified_type_;
  const client::Answer next = rec.Call(*w_, Command(engine::AcceptNext{in_group}));
  EXPECT_NE(FindAttachment(next, engine::PayloadKind::kQuestion), nullptr) << "AcceptNext";
  const engine::AssignmentId first = next.reply<engine::AssignmentView>().assignment.id;
  const client::Answer chained =
      rec.Call(*w_, Command(engine::SubmitAndAcceptNext{first, "<answer>2</answer>"}));
  ASSERT_TRUE(chained.reply<engine::SubmitAndAcceptNextResult>().next.has_value());
  const net::Attachment* next_question = FindAttachment(chained, engine::PayloadKind::kQuestion);
  ASSERT_NE(next_question, nullptr) << "SubmitAndAcceptNext carries the next HIT's question";
  EXPECT_EQ(next_question->id,
            chained.reply<engine::SubmitAndAcceptNextResult>().next->assignment.hit.value);
  const engine::AssignmentId second =
      chained.reply<engine::SubmitAndAcceptNextResult>().next->assignment.id;
  rec.Call(*w_, Command(engine::SubmitAssignment{second, "<answer>4</answer>"}));
  EXPECT_EQ(rec.Call(*w_, Command(engine::ListMyAssignments{{10, ""}, {}, {}, {}}))
                .reply<engine::AssignmentList>()
                .assignments.size(),
            3u);

  // ---- requester: review, pay, block, notify ----
  const client::Answer listed =
      rec.Call(*r_, Command(engine::ListAssignmentsForHit{add, {10, ""}, {}, {}, {}}));
  EXPECT_EQ(listed.reply<engine::AssignmentList>().assignments.size(), 2u)
      << "the returned assignment is visible too";
  const client::Answer one = rec.Call(*r_, Command(engine::GetAssignment{first}));
  const net::Attachment* answer = FindAttachment(one, engine::PayloadKind::kAnswer);
  ASSERT_NE(answer, nullptr) << "GetAssignment carries the answer";
  EXPECT_EQ(answer->data, "<answer>2</answer>");
  EXPECT_NE(FindAttachment(listed, engine::PayloadKind::kAnswer), nullptr)
      << "ListAssignmentsForHIT carries the answers";
  rec.Call(*r_, Command(engine::ApproveAssignment{first, "thanks", false}));
  const client::Answer decided = rec.Call(*w_, Command(engine::GetAssignment{first}));
  const net::Attachment* feedback = FindAttachment(decided, engine::PayloadKind::kFeedback);
  ASSERT_NE(feedback, nullptr) << "GetAssignment carries the requester's feedback";
  EXPECT_EQ(feedback->data, "thanks");
  rec.Call(*r_, Command(engine::RejectAssignment{second, "wrong sum"}));
  rec.Call(*r_, Command(engine::SendBonus{worker_.id, first, Cents(30), "fast"}));
  EXPECT_EQ(rec.Call(*r_, Command(engine::ListBonusPayments{{}, first, {10, ""}}))
                .reply<engine::BonusList>()
                .bonuses.size(),
            1u);
  rec.Call(*r_, Command(engine::CreateWorkerBlock{third_worker_.id, "spam"}));
  EXPECT_EQ(rec.Call(*r_, Command(engine::ListWorkerBlocks{{10, ""}}))
                .reply<engine::BlockList>()
                .blocks.size(),
            1u);
  rec.Call(*r_, Command(engine::DeleteWorkerBlock{third_worker_.id, "sorry"}));
  EXPECT_TRUE(rec.Call(*r_, Command(engine::NotifyWorkers{"hello", "more work soon", {worker_.id}}))
                  .reply<engine::NotifyResult>()
                  .failures.empty());
  rec.Call(*r_, Command(engine::CreateAdditionalAssignmentsForHit{receipts, 1}));
  rec.Call(*r_, Command(engine::UpdateHitTypeOfHit{movable, spare_type}));
  rec.Call(*r_,
           Command(engine::UpdateExpirationForHit{receipts, WallClockNow() - engine::Seconds(1)}));
  EXPECT_FALSE(rec.Call(*r_, Command(engine::ListReviewableHits{
                                 {10, ""}, receipts_type, engine::HitStatus::kReviewable}))
                   .reply<engine::HitList>()
                   .hits.empty());
  rec.Call(*r_, Command(engine::UpdateHitReviewStatus{receipts, false}));
  rec.Call(*r_, Command(engine::DeleteHit{receipts}));
  rec.Call(*r_, Command(engine::DeleteQualificationType{vetted_type}));
  const client::Answer balance = rec.Call(*r_, Command(engine::GetAccountBalance{}));
  EXPECT_LT(balance.reply<engine::AccountBalance>().available, Cents(kDeposit));

  // ---- worker: earnings ----
  const client::Answer dashboard = rec.Call(*w_, Command(engine::GetDashboard{}));
  EXPECT_EQ(dashboard.reply<engine::Dashboard>().earned, Cents(20 + 30)) << "reward + bonus";
  EXPECT_EQ(dashboard.reply<engine::Dashboard>().counters.approved, 1u);
  const client::Answer withdrawn =
      rec.Call(*w_, Command(engine::Withdraw{Cents(50), engine::WithdrawMethod::kGiftCertificate}));
  EXPECT_EQ(withdrawn.reply<engine::Withdrawal>().withdrawn, Cents(50));
  rec.Call(*w_, net::DaemonCommand(net::Unsubscribe{net::SubscriptionKind::kWork}));

  EXPECT_EQ(Stats().imbalance, Cents(0)) << "money is conserved to the cent";
  rec.ExpectEveryOperationCovered();
}

}  // namespace
}  // namespace hitd::daemon_test
