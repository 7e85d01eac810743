// Build and Read for the records that hold scalars only (and AccountProfile's name).
//
// Builders add fields largest first (8-byte, then 4-byte, then 1-byte) so that a table
// needs no padding between its fields. A field equal to its default is not written.
#include "engine/store/codec_internal.h"

namespace hitd::store::codec {

using engine::AccountId;
using engine::AssignmentId;
using engine::BonusId;
using engine::Cents;
using engine::HitId;
using engine::HitTypeId;
using engine::QualRequestId;
using engine::QualTypeId;
using engine::TimeMs;

fb::Offset<schema::Account> Build(fb::FlatBufferBuilder& fbb, const engine::Account& a) {
  schema::AccountBuilder b(fbb);
  b.add_id(a.id.value);
  b.add_locale(PackLocale(a.locale));
  b.add_created_ms(a.created.value);
  b.add_available_cents(a.available.value);
  b.add_escrow_cents(a.escrow.value);
  b.add_withdrawn_cents(a.withdrawn.value);
  b.add_earned_cents(a.earned.value);
  b.add_spent_cents(a.spent.value);
  b.add_accepted(a.counters.accepted);
  b.add_submitted(a.counters.submitted);
  b.add_approved(a.counters.approved);
  b.add_rejected(a.counters.rejected);
  b.add_returned(a.counters.returned);
  b.add_abandoned(a.counters.abandoned);
  b.add_accepts_day(a.accepts_day);
  b.add_accepts_today(a.accepts_today);
  b.add_role(ToSchema<schema::Role>(a.role));
  b.add_status(ToSchema<schema::AccountStatus>(a.status));
  return b.Finish();
}

bool Read(const schema::Account& t, engine::Account& out) {
  if (t.id() == 0) return false;
  out.id = AccountId(t.id());
  if (!ToEngine(t.role(), out.role)) return false;
  if (!ToEngine(t.status(), out.status)) return false;
  if (!UnpackLocale(t.locale(), out.locale)) return false;
  out.created = TimeMs(t.created_ms());
  out.available = Cents(t.available_cents());
  out.escrow = Cents(t.escrow_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  out.earned = Cents(t.earned_cents());
  out.spent = Cents(t.spent_cents());
  out.counters.accepted = t.accepted();
  out.counters.submitted = t.submitted();
  out.counters.approved = t.approved();
  out.counters.rejected = t.rejected();
  out.counters.returned = t.returned();
  out.counters.abandoned = t.abandoned();
  out.accepts_day = t.accepts_day();
  out.accepts_today = t.accepts_today();
  return true;
}

fb::Offset<schema::AccountProfile> Build(fb::FlatBufferBuilder& fbb,
                                         const engine::AccountProfile& p) {
  fb::Offset<fb::String> name = BuildString(fbb, p.name);
  schema::AccountProfileBuilder b(fbb);
  b.add_id(p.id.value);
  b.add_name(name);
  return b.Finish();
}

bool Read(const schema::AccountProfile& t, engine::AccountProfile& out) {
  if (t.id() == 0) return false;
  out.id = AccountId(t.id());
  ReadString(t.name(), out.name);
  return true;
}

fb::Offset<schema::QualGrant> Build(fb::FlatBufferBuilder& fbb, const engine::QualGrant& g) {
  schema::QualGrantBuilder b(fbb);
  b.add_worker_id(g.worker.value);
  b.add_type_id(g.type.value);
  b.add_granted_ms(g.granted.value);
  b.add_value(g.value);
  b.add_status(ToSchema<schema::GrantStatus>(g.status));
  return b.Finish();
}

bool Read(const schema::QualGrant& t, engine::QualGrant& out) {
  if (t.worker_id() == 0 || t.type_id() == 0) return false;
  out.worker = AccountId(t.worker_id());
  out.type = QualTypeId(t.type_id());
  out.value = t.value();
  out.granted = TimeMs(t.granted_ms());
  return ToEngine(t.status(), out.status);
}

fb::Offset<schema::QualRequest> Build(fb::FlatBufferBuilder& fbb, const engine::QualRequest& r) {
  schema::QualRequestBuilder b(fbb);
  b.add_id(r.id.value);
  b.add_worker_id(r.worker.value);
  b.add_type_id(r.type.value);
  b.add_submitted_ms(r.submitted.value);
  b.add_decided_ms(r.decided.value);
  b.add_score(r.score);
  b.add_status(ToSchema<schema::QualRequestStatus>(r.status));
  b.add_scored(r.scored);
  return b.Finish();
}

bool Read(const schema::QualRequest& t, engine::QualRequest& out) {
  if (t.id() == 0) return false;
  out.id = QualRequestId(t.id());
  out.worker = AccountId(t.worker_id());
  out.type = QualTypeId(t.type_id());
  if (!ToEngine(t.status(), out.status)) return false;
  out.submitted = TimeMs(t.submitted_ms());
  out.decided = TimeMs(t.decided_ms());
  out.score = t.score();
  out.scored = t.scored();
  return true;
}

fb::Offset<schema::Hit> Build(fb::FlatBufferBuilder& fbb, const engine::Hit& h) {
  schema::HitBuilder b(fbb);
  b.add_id(h.id.value);
  b.add_type_id(h.type.value);
  b.add_requester_id(h.requester.value);
  b.add_created_ms(h.created.value);
  b.add_expires_ms(h.expires.value);
  b.add_reward_cents(h.reward.value);
  b.add_fee_cents(h.fee.value);
  b.add_max_assignments(h.max_assignments);
  b.add_priority(h.priority);
  b.add_free(h.free);
  b.add_accepted(h.accepted);
  b.add_submitted(h.submitted);
  b.add_approved(h.approved);
  b.add_rejected(h.rejected);
  b.add_rejected_closed(h.rejected_closed);
  b.add_unslotted(h.unslotted);
  b.add_returned(h.returned);
  b.add_abandoned(h.abandoned);
  b.add_expired(h.expired);
  b.add_reviewing(h.reviewing);
  b.add_disposed(h.disposed);
  b.add_reviewable_announced(h.reviewable_announced);
  return b.Finish();
}

bool Read(const schema::Hit& t, engine::Hit& out) {
  if (t.id() == 0) return false;
  out.id = HitId(t.id());
  out.type = HitTypeId(t.type_id());
  out.requester = AccountId(t.requester_id());
  out.created = TimeMs(t.created_ms());
  out.expires = TimeMs(t.expires_ms());
  out.reward = Cents(t.reward_cents());
  out.fee = Cents(t.fee_cents());
  out.max_assignments = t.max_assignments();
  out.priority = t.priority();
  out.free = t.free();
  out.accepted = t.accepted();
  out.submitted = t.submitted();
  out.approved = t.approved();
  out.rejected = t.rejected();
  out.rejected_closed = t.rejected_closed();
  out.unslotted = t.unslotted();
  out.returned = t.returned();
  out.abandoned = t.abandoned();
  out.expired = t.expired();
  out.reviewing = t.reviewing();
  out.disposed = t.disposed();
  out.reviewable_announced = t.reviewable_announced();
  return true;
}

fb::Offset<schema::Assignment> Build(fb::FlatBufferBuilder& fbb, const engine::Assignment& a) {
  schema::AssignmentBuilder b(fbb);
  b.add_id(a.id.value);
  b.add_hit_id(a.hit.value);
  b.add_worker_id(a.worker.value);
  b.add_accepted_ms(a.accepted.value);
  b.add_deadline_ms(a.deadline.value);
  b.add_submitted_ms(a.submitted.value);
  b.add_auto_approval_ms(a.auto_approval.value);
  b.add_decided_ms(a.decided.value);
  b.add_status(ToSchema<schema::AssignmentStatus>(a.status));
  b.add_reopened(a.reopened);
  return b.Finish();
}

bool Read(const schema::Assignment& t, engine::Assignment& out) {
  if (t.id() == 0) return false;
  out.id = AssignmentId(t.id());
  out.hit = HitId(t.hit_id());
  out.worker = AccountId(t.worker_id());
  if (!ToEngine(t.status(), out.status)) return false;
  out.reopened = t.reopened();
  out.accepted = TimeMs(t.accepted_ms());
  out.deadline = TimeMs(t.deadline_ms());
  out.submitted = TimeMs(t.submitted_ms());
  out.auto_approval = TimeMs(t.auto_approval_ms());
  out.decided = TimeMs(t.decided_ms());
  return true;
}

fb::Offset<schema::Bonus> Build(fb::FlatBufferBuilder& fbb, const engine::Bonus& bonus) {
  schema::BonusBuilder b(fbb);
  b.add_id(bonus.id.value);
  b.add_requester_id(bonus.requester.value);
  b.add_worker_id(bonus.worker.value);
  b.add_assignment_id(bonus.assignment.value);
  b.add_hit_id(bonus.hit.value);
  b.add_amount_cents(bonus.amount.value);
  b.add_fee_cents(bonus.fee.value);
  b.add_paid_ms(bonus.paid.value);
  return b.Finish();
}

bool Read(const schema::Bonus& t, engine::Bonus& out) {
  if (t.id() == 0) return false;
  out.id = BonusId(t.id());
  out.requester = AccountId(t.requester_id());
  out.worker = AccountId(t.worker_id());
  out.assignment = AssignmentId(t.assignment_id());
  out.hit = HitId(t.hit_id());
  out.amount = Cents(t.amount_cents());
  out.fee = Cents(t.fee_cents());
  out.paid = TimeMs(t.paid_ms());
  return true;
}

fb::Offset<schema::WorkerBlock> Build(fb::FlatBufferBuilder& fbb, const engine::WorkerBlock& wb) {
  schema::WorkerBlockBuilder b(fbb);
  b.add_requester_id(wb.requester.value);
  b.add_worker_id(wb.worker.value);
  b.add_created_ms(wb.created.value);
  b.add_active(wb.active);
  return b.Finish();
}

bool Read(const schema::WorkerBlock& t, engine::WorkerBlock& out) {
  if (t.requester_id() == 0 || t.worker_id() == 0) return false;
  out.requester = AccountId(t.requester_id());
  out.worker = AccountId(t.worker_id());
  out.created = TimeMs(t.created_ms());
  out.active = t.active();
  return true;
}

fb::Offset<schema::Event> Build(fb::FlatBufferBuilder& fbb, const engine::Event& e) {
  schema::EventBuilder b(fbb);
  b.add_seq(e.seq);
  b.add_time_ms(e.time.value);
  b.add_owner_id(e.owner.value);
  b.add_hit_id(e.hit.value);
  b.add_assignment_id(e.assignment.value);
  b.add_worker_id(e.worker.value);
  b.add_qual_type_id(e.qual_type.value);
  b.add_amount_cents(e.amount.value);
  b.add_type(ToSchema<schema::EventType>(e.type));
  return b.Finish();
}

bool Read(const schema::Event& t, engine::Event& out) {
  if (t.seq() == 0) return false;
  out.seq = t.seq();
  if (!ToEngine(t.type(), out.type)) return false;
  out.time = TimeMs(t.time_ms());
  out.owner = AccountId(t.owner_id());
  out.hit = HitId(t.hit_id());
  out.assignment = AssignmentId(t.assignment_id());
  out.worker = AccountId(t.worker_id());
  out.qual_type = QualTypeId(t.qual_type_id());
  out.amount = Cents(t.amount_cents());
  return true;
}

fb::Offset<schema::EngineMeta> Build(fb::FlatBufferBuilder& fbb, const engine::EngineMeta& m) {
  schema::EngineMetaBuilder b(fbb);
  b.add_last_event_seq(m.last_event_seq);
  b.add_notifications(m.notifications);
  b.add_deposits_cents(m.deposits.value);
  b.add_requester_available_cents(m.requester_available.value);
  b.add_escrow_cents(m.escrow.value);
  b.add_worker_available_cents(m.worker_available.value);
  b.add_withdrawn_cents(m.withdrawn.value);
  b.add_platform_revenue_cents(m.platform_revenue.value);
  return b.Finish();
}

bool Read(const schema::EngineMeta& t, engine::EngineMeta& out) {
  out.last_event_seq = t.last_event_seq();
  out.notifications = t.notifications();
  out.deposits = Cents(t.deposits_cents());
  out.requester_available = Cents(t.requester_available_cents());
  out.escrow = Cents(t.escrow_cents());
  out.worker_available = Cents(t.worker_available_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  out.platform_revenue = Cents(t.platform_revenue_cents());
  return true;
}

}  // namespace hitd::store::codec
