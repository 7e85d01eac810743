// Samples of every reply, record and session value (samples.h): every field differs
// from its default.
#include "tests/net/samples.h"

namespace hitd::net::testing {

using namespace engine;

Account SampleAccount() {
  Account a;
  a.id = AccountId(5);
  a.role = Role::kRequester;
  a.status = AccountStatus::kSuspended;
  a.locale = SampleLocale();
  a.created = TimeMs(1'700'000'000'000);
  a.available = Cents(1);
  a.escrow = Cents(2);
  a.withdrawn = Cents(3);
  a.earned = Cents(4);
  a.spent = Cents(5);
  a.counters = WorkerCounters{6, 7, 8, 9, 10, 11};
  a.accepts_day = 19'000;
  a.accepts_today = 12;
  return a;
}

Hit SampleHit() {
  Hit h;
  h.id = HitId(100);
  h.type = HitTypeId(101);
  h.requester = AccountId(102);
  h.created = TimeMs(1000);
  h.expires = TimeMs(2000);
  h.reward = Cents(25);
  h.fee = Cents(5);
  h.max_assignments = 30;
  h.priority = 4;
  h.free = 1;
  h.accepted = 2;
  h.submitted = 3;
  h.approved = 4;
  h.rejected = 5;
  h.rejected_closed = 6;
  h.unslotted = 7;
  h.returned = 8;
  h.abandoned = 9;
  h.expired = true;
  h.reviewing = true;
  h.disposed = true;
  h.reviewable_announced = true;
  return h;
}

HitType SampleHitType() {
  const HitTypeSpec spec = SampleHitTypeSpec();
  HitType t;
  t.id = HitTypeId(101);
  t.requester = AccountId(102);
  t.title = spec.title;
  t.description = spec.description;
  t.keywords = spec.keywords;
  t.reward = spec.reward;
  t.assignment_duration = spec.assignment_duration;
  t.auto_approval_delay = *spec.auto_approval_delay;
  t.requirements = spec.requirements;
  t.order = AssignmentOrder::kRandom;
  t.per_worker_cap = 3;
  t.excluded_types = spec.excluded_types;
  t.reject_reopens_slot = true;
  t.created = TimeMs(900);
  return t;
}

Assignment SampleAssignment(uint64_t id) {
  Assignment a;
  a.id = AssignmentId(id);
  a.hit = HitId(100);
  a.worker = AccountId(103);
  a.status = AssignmentStatus::kRejected;
  a.reopened = true;
  a.accepted = TimeMs(1100);
  a.deadline = TimeMs(1700);
  a.submitted = TimeMs(1200);
  a.auto_approval = TimeMs(1300);
  a.decided = TimeMs(1250);
  return a;
}

QualType SampleQualType() {
  QualType t;
  t.id = QualTypeId(200);
  t.owner = AccountId(102);
  t.name = "English";
  t.description = "Reads English";
  t.keywords = "language";
  t.status = QualTypeStatus::kInactive;
  t.has_test = true;
  t.answer_key = {AnswerKeyItem{"q1", "a", 5}};
  t.test_duration = Seconds(300);
  t.retry_allowed = true;
  t.retry_delay = Days(1);
  t.auto_granted = true;
  t.auto_granted_value = 9;
  t.created = TimeMs(800);
  return t;
}

QualRequest SampleQualRequest() {
  return QualRequest{QualRequestId(300),
                     AccountId(103),
                     QualTypeId(200),
                     QualRequestStatus::kApproved,
                     TimeMs(1400),
                     TimeMs(1500),
                     8,
                     true};
}

Event SampleEvent(uint64_t seq) {
  return Event{seq,
               EventType::kAssignmentApproved,
               TimeMs(1600),
               AccountId(102),
               HitId(100),
               AssignmentId(400),
               AccountId(103),
               QualTypeId(200),
               Cents(25 + 1)};
}

Empty Sample(Tag<Empty>) { return {}; }
AccountView Sample(Tag<AccountView>) { return AccountView{SampleAccount(), "alice"}; }
AccountBalance Sample(Tag<AccountBalance>) { return AccountBalance{Cents(1), Cents(2), Cents(3)}; }
Stats Sample(Tag<Stats>) {
  return Stats{1,         2,         3,         4,         5,         6,         7,
               8,         9,         10,        11,        12,        Cents(13), Cents(14),
               Cents(15), Cents(16), Cents(17), Cents(18), Cents(-19)};
}
HitView Sample(Tag<HitView>) {
  return HitView{SampleHit(), HitStatus::kReviewing, 1, 2, 3, SampleHitType()};
}
HitList Sample(Tag<HitList>) { return HitList{{Sample(Tag<HitView>{})}, "17"}; }
HitTypeCreated Sample(Tag<HitTypeCreated>) { return HitTypeCreated{HitTypeId(101)}; }
HitCreated Sample(Tag<HitCreated>) { return HitCreated{HitId(100), HitTypeId(101)}; }
HitsCreated Sample(Tag<HitsCreated>) {
  return HitsCreated{{HitId(100), HitId(104)}, HitTypeId(101)};
}
AssignmentView Sample(Tag<AssignmentView>) {
  return AssignmentView{SampleAssignment(400), HitTypeId(101), AccountId(102), Cents(25)};
}
AssignmentList Sample(Tag<AssignmentList>) {
  return AssignmentList{{Sample(Tag<AssignmentView>{})}, "9"};
}
SubmitAndAcceptNextResult Sample(Tag<SubmitAndAcceptNextResult>) {
  AssignmentView next = Sample(Tag<AssignmentView>{});
  next.assignment = SampleAssignment(401);
  return SubmitAndAcceptNextResult{Sample(Tag<AssignmentView>{}), next};
}
BonusSent Sample(Tag<BonusSent>) { return BonusSent{BonusId(500), Cents(20)}; }
BonusList Sample(Tag<BonusList>) {
  return BonusList{{Bonus{BonusId(500), AccountId(102), AccountId(103), AssignmentId(400),
                          HitId(100), Cents(100), Cents(20), TimeMs(1800)}},
                   "3"};
}
BlockList Sample(Tag<BlockList>) {
  return BlockList{{WorkerBlock{AccountId(102), AccountId(103), TimeMs(1900), false}}, "4"};
}
NotifyResult Sample(Tag<NotifyResult>) {
  return NotifyResult{{NotifyFailure{AccountId(103), ErrorCode::kNotFound}}};
}
QualTypeCreated Sample(Tag<QualTypeCreated>) { return QualTypeCreated{QualTypeId(200)}; }
QualTypeView Sample(Tag<QualTypeView>) { return QualTypeView{SampleQualType(), true}; }
QualTypeList Sample(Tag<QualTypeList>) { return QualTypeList{{Sample(Tag<QualTypeView>{})}, "5"}; }
QualificationView Sample(Tag<QualificationView>) {
  return QualificationView{QualTypeId(200), AccountId(103), 95,
                           SampleLocale(),  TimeMs(1450),   GrantStatus::kRevoked};
}
QualificationList Sample(Tag<QualificationList>) {
  return QualificationList{{Sample(Tag<QualificationView>{})}, "6"};
}
QualRequestList Sample(Tag<QualRequestList>) { return QualRequestList{{SampleQualRequest()}, "7"}; }
QualRequestResult Sample(Tag<QualRequestResult>) {
  return QualRequestResult{SampleQualRequest(), 5};
}
HitGroupList Sample(Tag<HitGroupList>) {
  return HitGroupList{{HitGroupView{SampleHitType(), 1, 2, true, true}}, "8"};
}
Dashboard Sample(Tag<Dashboard>) {
  return Dashboard{Cents(1), Cents(2), Cents(3), Cents(4), WorkerCounters{5, 6, 7, 8, 9, 10},
                   11,       87,       12};
}
Withdrawal Sample(Tag<Withdrawal>) { return Withdrawal{Cents(1), Cents(2)}; }
TickResult Sample(Tag<TickResult>) { return TickResult{1, 2, 3, 4}; }
Error Sample(Tag<Error>) { return Error{ErrorCode::kNotFound, "hit_id"}; }

Subscribed Sample(Tag<Subscribed>) { return Subscribed{SubscriptionKind::kWork, 42}; }
BackupDone Sample(Tag<BackupDone>) { return BackupDone{"/var/backups/hitd-1", 1 << 20}; }
Hello Sample(Tag<Hello>) { return Hello{7, "alice", AccountId(5), "hitctl/0.1"}; }
Welcome Sample(Tag<Welcome>) { return Welcome{AccountId(5), Role::kAdmin, 2, 1 << 20, "hitd/0.1"}; }
WorkAvailable Sample(Tag<WorkAvailable>) {
  return WorkAvailable{HitTypeId(101), AccountId(102), Cents(25), 4, "Label images"};
}

}  // namespace hitd::net::testing
