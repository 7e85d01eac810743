// Samples of every operation (samples.h): every field differs from its default.
#include <string>

#include "tests/net/samples.h"

namespace hitd::net::testing {

using namespace engine;

namespace {
Page SamplePage() { return Page{50, "40"}; }
}  // namespace

Locale SampleLocale() { return Locale{{'U', 'S'}, {'N', 'Y', 0}}; }

HitTypeSpec SampleHitTypeSpec() {
  QualificationRequirement q;
  q.type = QualTypeId(3);
  q.comparator = Comparator::kIn;
  q.integer_values = {1, 2};
  q.locale_values = {SampleLocale(), Locale{{'I', 'N'}, {0, 0, 0}}};
  q.guard = ActionsGuarded::kPreviewAndAccept;
  HitTypeSpec spec;
  spec.title = "Label images \xe2\x9c\x93";  // a check mark: not only ASCII
  spec.description = "Draw a box around every cat";
  spec.keywords = "images,label";
  spec.reward = Cents(25);
  spec.assignment_duration = Seconds(600);
  spec.auto_approval_delay = Days(1);
  spec.requirements = {q};
  spec.order = AssignmentOrder::kPriority;
  spec.per_worker_cap = 5;
  spec.excluded_types = {HitTypeId(2), HitTypeId(9)};
  spec.reject_reopens_slot = true;
  return spec;
}

HitSpec SampleHitSpec(int n) {
  return HitSpec{3, Seconds(3600 + n), "<question n='" + std::to_string(n) + "'/>",
                 "batch " + std::to_string(n), 9 + n};
}

QualTypeSpec SampleQualTypeSpec() {
  QualTypeSpec spec;
  spec.name = "English";
  spec.description = "Reads English";
  spec.keywords = "language";
  spec.status = QualTypeStatus::kInactive;
  spec.test = "<test/>";
  spec.answer_key = {AnswerKeyItem{"q1", "a", 5}, AnswerKeyItem{"q2", "b", 3}};
  spec.test_duration = Seconds(300);
  spec.retry_delay = Days(1);
  spec.auto_granted = true;
  spec.auto_granted_value = 7;
  return spec;
}

WorkFilter SampleFilter() { return WorkFilter{HitTypeId(7), AccountId(8), Cents(10), "images"}; }

CreateAccount Sample(Tag<CreateAccount>) {
  return CreateAccount{Role::kRequester, "alice", SampleLocale(), std::string(32, 'k')};
}
Deposit Sample(Tag<Deposit>) { return Deposit{AccountId(7), Cents(12345)}; }
SuspendAccount Sample(Tag<SuspendAccount>) { return SuspendAccount{AccountId(8), "spam"}; }
ReactivateAccount Sample(Tag<ReactivateAccount>) { return ReactivateAccount{AccountId(9)}; }
RotateSecret Sample(Tag<RotateSecret>) {
  return RotateSecret{AccountId(10), std::string(32, '\x01')};
}
GetAccount Sample(Tag<GetAccount>) { return GetAccount{AccountId(11)}; }
GetStats Sample(Tag<GetStats>) { return {}; }

CreateHitType Sample(Tag<CreateHitType>) { return CreateHitType{SampleHitTypeSpec()}; }
CreateHit Sample(Tag<CreateHit>) { return CreateHit{SampleHitTypeSpec(), SampleHitSpec(1)}; }
CreateHitWithHitType Sample(Tag<CreateHitWithHitType>) {
  return CreateHitWithHitType{HitTypeId(4), SampleHitSpec(2)};
}
CreateHits Sample(Tag<CreateHits>) {
  return CreateHits{HitTypeId(5), {SampleHitSpec(3), SampleHitSpec(4)}};
}
GetHit Sample(Tag<GetHit>) { return GetHit{HitId(12)}; }
ListHits Sample(Tag<ListHits>) {
  return ListHits{SamplePage(), HitStatus::kReviewable, HitTypeId(6), TimeMs(1000), TimeMs(2000)};
}
ListReviewableHits Sample(Tag<ListReviewableHits>) {
  return ListReviewableHits{SamplePage(), HitTypeId(6), HitStatus::kReviewing};
}
UpdateExpirationForHit Sample(Tag<UpdateExpirationForHit>) {
  return UpdateExpirationForHit{HitId(13), TimeMs(5000)};
}
UpdateHitReviewStatus Sample(Tag<UpdateHitReviewStatus>) {
  return UpdateHitReviewStatus{HitId(14), true};
}
UpdateHitTypeOfHit Sample(Tag<UpdateHitTypeOfHit>) {
  return UpdateHitTypeOfHit{HitId(15), HitTypeId(16)};
}
CreateAdditionalAssignmentsForHit Sample(Tag<CreateAdditionalAssignmentsForHit>) {
  return CreateAdditionalAssignmentsForHit{HitId(17), 4};
}
DeleteHit Sample(Tag<DeleteHit>) { return DeleteHit{HitId(18)}; }

ListAssignmentsForHit Sample(Tag<ListAssignmentsForHit>) {
  return ListAssignmentsForHit{HitId(19),
                               SamplePage(),
                               {AssignmentStatus::kSubmitted, AssignmentStatus::kApproved},
                               TimeMs(100),
                               TimeMs(200)};
}
GetAssignment Sample(Tag<GetAssignment>) { return GetAssignment{AssignmentId(20)}; }
ApproveAssignment Sample(Tag<ApproveAssignment>) {
  return ApproveAssignment{AssignmentId(21), "good work", true};
}
RejectAssignment Sample(Tag<RejectAssignment>) {
  return RejectAssignment{AssignmentId(22), "no answer"};
}
SendBonus Sample(Tag<SendBonus>) {
  return SendBonus{AccountId(23), AssignmentId(24), Cents(100), "extra care"};
}
ListBonusPayments Sample(Tag<ListBonusPayments>) {
  return ListBonusPayments{HitId(25), AssignmentId(26), SamplePage()};
}
GetAccountBalance Sample(Tag<GetAccountBalance>) { return {}; }
CreateWorkerBlock Sample(Tag<CreateWorkerBlock>) {
  return CreateWorkerBlock{AccountId(27), "fraud"};
}
DeleteWorkerBlock Sample(Tag<DeleteWorkerBlock>) {
  return DeleteWorkerBlock{AccountId(28), "appeal"};
}
ListWorkerBlocks Sample(Tag<ListWorkerBlocks>) { return ListWorkerBlocks{SamplePage()}; }
NotifyWorkers Sample(Tag<NotifyWorkers>) {
  return NotifyWorkers{"New HITs", "A batch is up", {AccountId(29), AccountId(30)}};
}

CreateQualificationType Sample(Tag<CreateQualificationType>) {
  return CreateQualificationType{SampleQualTypeSpec()};
}
GetQualificationType Sample(Tag<GetQualificationType>) {
  return GetQualificationType{QualTypeId(31)};
}
UpdateQualificationType Sample(Tag<UpdateQualificationType>) {
  UpdateQualificationType u;
  u.type = QualTypeId(32);
  u.description = "Reads English well";
  u.status = QualTypeStatus::kActive;
  u.test = "<test v='2'/>";
  u.answer_key = std::vector<AnswerKeyItem>{AnswerKeyItem{"q3", "c", 2}};
  u.test_duration = Seconds(60);
  u.retry_delay = std::optional<TimeMs>(Seconds(5));
  u.auto_granted = true;
  u.auto_granted_value = 3;
  return u;
}
DeleteQualificationType Sample(Tag<DeleteQualificationType>) {
  return DeleteQualificationType{QualTypeId(33)};
}
ListQualificationTypes Sample(Tag<ListQualificationTypes>) {
  return ListQualificationTypes{SamplePage(), "eng", true, true};
}
AssociateQualificationWithWorker Sample(Tag<AssociateQualificationWithWorker>) {
  return AssociateQualificationWithWorker{QualTypeId(34), AccountId(35), 42};
}
DisassociateQualificationFromWorker Sample(Tag<DisassociateQualificationFromWorker>) {
  return DisassociateQualificationFromWorker{QualTypeId(36), AccountId(37), "cheating"};
}
GetQualificationScore Sample(Tag<GetQualificationScore>) {
  return GetQualificationScore{QualTypeId(38), AccountId(39)};
}
ListWorkersWithQualificationType Sample(Tag<ListWorkersWithQualificationType>) {
  return ListWorkersWithQualificationType{QualTypeId(40), SamplePage()};
}
ListQualificationRequests Sample(Tag<ListQualificationRequests>) {
  return ListQualificationRequests{QualTypeId(41), SamplePage()};
}
AcceptQualificationRequest Sample(Tag<AcceptQualificationRequest>) {
  return AcceptQualificationRequest{QualRequestId(42), 77};
}
RejectQualificationRequest Sample(Tag<RejectQualificationRequest>) {
  return RejectQualificationRequest{QualRequestId(43), "wrong answers"};
}

RequestQualification Sample(Tag<RequestQualification>) {
  return RequestQualification{QualTypeId(44), {TestAnswer{"q1", "a"}, TestAnswer{"q2", "b"}}};
}
ListMyQualifications Sample(Tag<ListMyQualifications>) {
  return ListMyQualifications{SamplePage()};
}
ListHitGroups Sample(Tag<ListHitGroups>) {
  return ListHitGroups{SampleFilter(), GroupSort::kNewestFirst, SamplePage()};
}
PreviewHit Sample(Tag<PreviewHit>) { return PreviewHit{HitId(45)}; }
Accept Sample(Tag<Accept>) { return Accept{HitId(46)}; }
AcceptNext Sample(Tag<AcceptNext>) { return AcceptNext{SampleFilter()}; }
ReturnAssignment Sample(Tag<ReturnAssignment>) { return ReturnAssignment{AssignmentId(47)}; }
SubmitAssignment Sample(Tag<SubmitAssignment>) {
  return SubmitAssignment{AssignmentId(48), "<answer>cat</answer>"};
}
SubmitAndAcceptNext Sample(Tag<SubmitAndAcceptNext>) {
  return SubmitAndAcceptNext{AssignmentId(49), "<answer>dog</answer>"};
}
ListMyAssignments Sample(Tag<ListMyAssignments>) {
  return ListMyAssignments{SamplePage(), {AssignmentStatus::kAccepted}, TimeMs(300), TimeMs(400)};
}
GetDashboard Sample(Tag<GetDashboard>) { return {}; }
Withdraw Sample(Tag<Withdraw>) { return Withdraw{Cents(500), WithdrawMethod::kBankTransfer}; }
Tick Sample(Tag<Tick>) { return {}; }

SubscribeEvents Sample(Tag<SubscribeEvents>) { return SubscribeEvents{99}; }
SubscribeWork Sample(Tag<SubscribeWork>) { return SubscribeWork{SampleFilter()}; }
Unsubscribe Sample(Tag<Unsubscribe>) { return Unsubscribe{SubscriptionKind::kWork}; }
Backup Sample(Tag<Backup>) { return Backup{"/var/backups/hitd-1"}; }

}  // namespace hitd::net::testing
