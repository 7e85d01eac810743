// Build and Read (reply_values.h) for the single-value read replies: Stats, HitView,
// QualificationView, Dashboard; and the daemon's Subscribed and BackupDone.
#include "net/protocol/reply_values.h"

namespace hitd::net::wire {

using engine::AccountId;
using engine::Cents;
using engine::QualTypeId;
using engine::TimeMs;

// The schema's HitStatus has the engine's numbers, and ends where the engine's ends.
static_assert(AsInt(engine::HitStatus::kAssignable) == AsInt(schema::HitStatus::Assignable));
static_assert(AsInt(engine::HitStatus::kUnassignable) == AsInt(schema::HitStatus::Unassignable));
static_assert(AsInt(engine::HitStatus::kReviewable) == AsInt(schema::HitStatus::Reviewable));
static_assert(AsInt(engine::HitStatus::kReviewing) == AsInt(schema::HitStatus::Reviewing));
static_assert(AsInt(engine::HitStatus::kDisposed) == AsInt(schema::HitStatus::Disposed));
static_assert(AsInt(engine::HitStatus::kDisposed) == AsInt(schema::HitStatus::MAX));

fb::Offset<schema::Stats> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Stats& v) {
  schema::StatsBuilder b(fbb);
  b.add_requesters(v.requesters);
  b.add_workers(v.workers);
  b.add_admins(v.admins);
  b.add_hit_types(v.hit_types);
  b.add_hits(v.hits);
  b.add_hits_assignable(v.hits_assignable);
  b.add_slots_free(v.slots_free);
  b.add_assignments(v.assignments);
  b.add_assignments_accepted(v.assignments_accepted);
  b.add_assignments_submitted(v.assignments_submitted);
  b.add_events(v.events);
  b.add_tokens(v.tokens);
  b.add_deposits_cents(v.deposits.value);
  b.add_requester_available_cents(v.requester_available.value);
  b.add_escrow_cents(v.escrow.value);
  b.add_worker_available_cents(v.worker_available.value);
  b.add_withdrawn_cents(v.withdrawn.value);
  b.add_platform_revenue_cents(v.platform_revenue.value);
  b.add_imbalance_cents(v.imbalance.value);
  return b.Finish();
}

bool ReadValue(const schema::Stats& t, engine::Stats& out) {
  out.requesters = t.requesters();
  out.workers = t.workers();
  out.admins = t.admins();
  out.hit_types = t.hit_types();
  out.hits = t.hits();
  out.hits_assignable = t.hits_assignable();
  out.slots_free = t.slots_free();
  out.assignments = t.assignments();
  out.assignments_accepted = t.assignments_accepted();
  out.assignments_submitted = t.assignments_submitted();
  out.events = t.events();
  out.tokens = t.tokens();
  out.deposits = Cents(t.deposits_cents());
  out.requester_available = Cents(t.requester_available_cents());
  out.escrow = Cents(t.escrow_cents());
  out.worker_available = Cents(t.worker_available_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  out.platform_revenue = Cents(t.platform_revenue_cents());
  out.imbalance = Cents(t.imbalance_cents());
  return true;
}

fb::Offset<schema::HitView> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitView& v) {
  auto hit = store::codec::Build(fbb, v.hit);
  auto type = store::codec::Build(fbb, v.type);
  schema::HitViewBuilder b(fbb);
  b.add_hit(hit);
  b.add_status(AsSchema<schema::HitStatus>(v.status));
  b.add_available(v.available);
  b.add_pending(v.pending);
  b.add_completed(v.completed);
  b.add_hit_type(type);
  return b.Finish();
}

bool ReadValue(const schema::HitView& t, engine::HitView& out) {
  // hit and hit_type are required: the verifier checked that they are there.
  if (!store::codec::Read(*t.hit(), out.hit)) return false;
  if (!AsEngine(t.status(), &out.status)) return false;
  out.available = t.available();
  out.pending = t.pending();
  out.completed = t.completed();
  return store::codec::Read(*t.hit_type(), out.type);
}

fb::Offset<schema::QualificationView> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualificationView& v) {
  schema::QualificationViewBuilder b(fbb);
  b.add_type_id(v.type.value);
  b.add_worker_id(v.worker.value);
  b.add_value(v.value);
  b.add_locale(store::codec::PackLocale(v.locale));
  b.add_granted_ms(v.granted.value);
  b.add_status(AsSchema<schema::GrantStatus>(v.status));
  return b.Finish();
}

bool ReadValue(const schema::QualificationView& t, engine::QualificationView& out) {
  out.type = QualTypeId(t.type_id());
  out.worker = AccountId(t.worker_id());
  out.value = t.value();
  if (!store::codec::UnpackLocale(t.locale(), out.locale)) return false;
  out.granted = TimeMs(t.granted_ms());
  return AsEngine(t.status(), &out.status);
}

fb::Offset<schema::Dashboard> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Dashboard& v) {
  schema::DashboardBuilder b(fbb);
  b.add_available_cents(v.available.value);
  b.add_withdrawn_cents(v.withdrawn.value);
  b.add_earned_cents(v.earned.value);
  b.add_pending_cents(v.pending.value);
  b.add_accepted(v.counters.accepted);
  b.add_submitted(v.counters.submitted);
  b.add_approved(v.counters.approved);
  b.add_rejected(v.counters.rejected);
  b.add_returned(v.counters.returned);
  b.add_abandoned(v.counters.abandoned);
  b.add_accepted_now(v.accepted_now);
  b.add_percent_approved(v.percent_approved);
  b.add_percent_rejected(v.percent_rejected);
  return b.Finish();
}

bool ReadValue(const schema::Dashboard& t, engine::Dashboard& out) {
  out.available = Cents(t.available_cents());
  out.withdrawn = Cents(t.withdrawn_cents());
  out.earned = Cents(t.earned_cents());
  out.pending = Cents(t.pending_cents());
  out.counters.accepted = t.accepted();
  out.counters.submitted = t.submitted();
  out.counters.approved = t.approved();
  out.counters.rejected = t.rejected();
  out.counters.returned = t.returned();
  out.counters.abandoned = t.abandoned();
  out.accepted_now = t.accepted_now();
  out.percent_approved = t.percent_approved();
  out.percent_rejected = t.percent_rejected();
  return true;
}

fb::Offset<schema::Subscribed> BuildValue(fb::FlatBufferBuilder& fbb, const Subscribed& v) {
  return schema::CreateSubscribed(fbb, AsSchema<schema::SubscriptionKind>(v.kind), v.next_seq);
}

bool ReadValue(const schema::Subscribed& t, Subscribed& out) {
  out.next_seq = t.next_seq();
  return AsEngine(t.kind(), &out.kind);
}

fb::Offset<schema::BackupDone> BuildValue(fb::FlatBufferBuilder& fbb, const BackupDone& v) {
  auto dir = BuildText(fbb, v.dir);
  return schema::CreateBackupDone(fbb, dir, v.bytes);
}

bool ReadValue(const schema::BackupDone& t, BackupDone& out) {
  store::codec::ReadString(t.dir(), out.dir);
  out.bytes = t.bytes();
  return true;
}

}  // namespace hitd::net::wire
