// BuildOp and ReadOp (request_ops.h) for assignments, as the requester reviews them and
// as the worker finds, takes and submits them; and the WorkFilter they share.
#include "net/protocol/request_ops.h"

namespace hitd::net::wire {

using engine::AccountId;
using engine::AssignmentId;
using engine::Error;
using engine::HitId;
using engine::HitTypeId;
using engine::TimeMs;

// The schema's enums have the engine's numbers, and end where the engine's end.
static_assert(AsInt(engine::GroupSort::kRewardDesc) == AsInt(schema::GroupSort::RewardDesc));
static_assert(AsInt(engine::GroupSort::kNewestFirst) == AsInt(schema::GroupSort::NewestFirst));
static_assert(AsInt(engine::GroupSort::kMostAvailable) == AsInt(schema::GroupSort::MostAvailable));
static_assert(AsInt(engine::GroupSort::kMostAvailable) == AsInt(schema::GroupSort::MAX));

// ---- the filter ----

fb::Offset<schema::WorkFilter> BuildFilter(fb::FlatBufferBuilder& fbb,
                                           const engine::WorkFilter& f) {
  if (!f.type && !f.requester && f.min_reward.value == 0 && f.keyword.empty()) return 0;
  auto keyword = BuildText(fbb, f.keyword);
  return schema::CreateWorkFilter(fbb, f.type.value, f.requester.value, f.min_reward.value,
                                  keyword);
}

void ReadFilter(const schema::WorkFilter* t, FieldReader& r, engine::WorkFilter* out) {
  *out = engine::WorkFilter{};
  if (t == nullptr) return;
  out->type = HitTypeId(t->hit_type_id());
  out->requester = AccountId(t->requester_id());
  out->min_reward = engine::Cents(t->min_reward_cents());
  r.Text(t->keyword(), limits::kKeywordsMax, "keyword", &out->keyword);
}

// ---- the requester's review ----

fb::Offset<schema::ListAssignmentsForHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::ListAssignmentsForHit& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  auto statuses = BuildEnums<schema::AssignmentStatus>(fbb, op.statuses);
  schema::ListAssignmentsForHITRequestBuilder b(fbb);
  b.add_hit_id(op.hit.value);
  b.add_max_results(op.page.max_results);
  b.add_next_token(next_token);
  b.add_assignment_statuses(statuses);
  if (op.accepted_after) b.add_accepted_after_ms(op.accepted_after->value);
  if (op.accepted_before) b.add_accepted_before_ms(op.accepted_before->value);
  return b.Finish();
}

Error ReadOp(const schema::ListAssignmentsForHITRequest& t, engine::ListAssignmentsForHit* out) {
  FieldReader r;
  out->hit = HitId(t.hit_id());
  r.Page(t.max_results(), t.next_token(), &out->page);
  r.Enums(t.assignment_statuses(), kStatusFilterMax, "assignment_statuses", &out->statuses);
  out->accepted_after = OptionalTime(t.accepted_after_ms());
  out->accepted_before = OptionalTime(t.accepted_before_ms());
  return r.error();
}

fb::Offset<schema::GetAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::GetAssignment& op) {
  return schema::CreateGetAssignmentRequest(fbb, op.assignment.value);
}

Error ReadOp(const schema::GetAssignmentRequest& t, engine::GetAssignment* out) {
  out->assignment = AssignmentId(t.assignment_id());
  return {};
}

fb::Offset<schema::ApproveAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ApproveAssignment& op) {
  auto feedback = BuildText(fbb, op.feedback);
  return schema::CreateApproveAssignmentRequest(fbb, op.assignment.value, feedback,
                                                op.override_rejection);
}

Error ReadOp(const schema::ApproveAssignmentRequest& t, engine::ApproveAssignment* out) {
  FieldReader r;
  out->assignment = AssignmentId(t.assignment_id());
  r.Text(t.requester_feedback(), limits::kFeedbackMax, "requester_feedback", &out->feedback);
  out->override_rejection = t.override_rejection();
  return r.error();
}

fb::Offset<schema::RejectAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::RejectAssignment& op) {
  auto feedback = BuildText(fbb, op.feedback);
  return schema::CreateRejectAssignmentRequest(fbb, op.assignment.value, feedback);
}

Error ReadOp(const schema::RejectAssignmentRequest& t, engine::RejectAssignment* out) {
  FieldReader r;
  out->assignment = AssignmentId(t.assignment_id());
  r.Text(t.requester_feedback(), limits::kFeedbackMax, "requester_feedback", &out->feedback);
  return r.error();
}

// ---- the worker ----

fb::Offset<schema::ListHITGroupsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::ListHitGroups& op) {
  auto filter = BuildFilter(fbb, op.filter);
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListHITGroupsRequest(fbb, filter, AsSchema<schema::GroupSort>(op.sort),
                                            op.page.max_results, next_token);
}

Error ReadOp(const schema::ListHITGroupsRequest& t, engine::ListHitGroups* out) {
  FieldReader r;
  ReadFilter(t.filter(), r, &out->filter);
  r.Enum(t.sort(), "sort", &out->sort);
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

fb::Offset<schema::PreviewHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::PreviewHit& op) {
  return schema::CreatePreviewHITRequest(fbb, op.hit.value);
}

Error ReadOp(const schema::PreviewHITRequest& t, engine::PreviewHit* out) {
  out->hit = HitId(t.hit_id());
  return {};
}

fb::Offset<schema::AcceptRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::Accept& op) {
  return schema::CreateAcceptRequest(fbb, op.hit.value);
}

Error ReadOp(const schema::AcceptRequest& t, engine::Accept* out) {
  out->hit = HitId(t.hit_id());
  return {};
}

fb::Offset<schema::AcceptNextRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::AcceptNext& op) {
  return schema::CreateAcceptNextRequest(fbb, BuildFilter(fbb, op.filter));
}

Error ReadOp(const schema::AcceptNextRequest& t, engine::AcceptNext* out) {
  FieldReader r;
  ReadFilter(t.filter(), r, &out->filter);
  return r.error();
}

fb::Offset<schema::ReturnAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::ReturnAssignment& op) {
  return schema::CreateReturnAssignmentRequest(fbb, op.assignment.value);
}

Error ReadOp(const schema::ReturnAssignmentRequest& t, engine::ReturnAssignment* out) {
  out->assignment = AssignmentId(t.assignment_id());
  return {};
}

fb::Offset<schema::SubmitAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::SubmitAssignment& op) {
  auto answer = BuildText(fbb, op.answer);
  return schema::CreateSubmitAssignmentRequest(fbb, op.assignment.value, answer);
}

Error ReadOp(const schema::SubmitAssignmentRequest& t, engine::SubmitAssignment* out) {
  FieldReader r;
  out->assignment = AssignmentId(t.assignment_id());
  r.Text(t.answer(), limits::kAnswerMax, "answer", &out->answer);
  return r.error();
}

fb::Offset<schema::SubmitAndAcceptNextRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                       const engine::SubmitAndAcceptNext& op) {
  auto answer = BuildText(fbb, op.answer);
  return schema::CreateSubmitAndAcceptNextRequest(fbb, op.assignment.value, answer);
}

Error ReadOp(const schema::SubmitAndAcceptNextRequest& t, engine::SubmitAndAcceptNext* out) {
  FieldReader r;
  out->assignment = AssignmentId(t.assignment_id());
  r.Text(t.answer(), limits::kAnswerMax, "answer", &out->answer);
  return r.error();
}

fb::Offset<schema::ListMyAssignmentsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ListMyAssignments& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  auto statuses = BuildEnums<schema::AssignmentStatus>(fbb, op.statuses);
  schema::ListMyAssignmentsRequestBuilder b(fbb);
  b.add_max_results(op.page.max_results);
  b.add_next_token(next_token);
  b.add_assignment_statuses(statuses);
  if (op.accepted_after) b.add_accepted_after_ms(op.accepted_after->value);
  if (op.accepted_before) b.add_accepted_before_ms(op.accepted_before->value);
  return b.Finish();
}

Error ReadOp(const schema::ListMyAssignmentsRequest& t, engine::ListMyAssignments* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  r.Enums(t.assignment_statuses(), kStatusFilterMax, "assignment_statuses", &out->statuses);
  out->accepted_after = OptionalTime(t.accepted_after_ms());
  out->accepted_before = OptionalTime(t.accepted_before_ms());
  return r.error();
}

fb::Offset<schema::GetDashboardRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                const engine::GetDashboard&) {
  return schema::CreateGetDashboardRequest(fbb);
}

Error ReadOp(const schema::GetDashboardRequest&, engine::GetDashboard*) { return {}; }

}  // namespace hitd::net::wire
