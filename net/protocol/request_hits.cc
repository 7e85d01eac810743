// BuildOp and ReadOp (request_ops.h) for HIT types and HITs, with the HitTypeSpec,
// HitSpec and QualificationRequirement tables they nest.
#include <vector>

#include "net/protocol/request_ops.h"

namespace hitd::net::wire {

using engine::Error;
using engine::HitId;
using engine::HitTypeId;
using engine::TimeMs;

namespace {

// ---- nested tables ----

fb::Offset<schema::QualificationRequirement> BuildRequirement(
    fb::FlatBufferBuilder& fbb, const engine::QualificationRequirement& q) {
  auto ints = q.integer_values.empty() ? 0 : fbb.CreateVector(q.integer_values);
  fb::Offset<fb::Vector<uint64_t>> locales = 0;
  if (!q.locale_values.empty()) {
    std::vector<uint64_t> packed;
    packed.reserve(q.locale_values.size());
    for (const engine::Locale& l : q.locale_values) packed.push_back(store::codec::PackLocale(l));
    locales = fbb.CreateVector(packed);
  }
  schema::QualificationRequirementBuilder b(fbb);
  b.add_type_id(q.type.value);
  b.add_comparator(AsSchema<schema::Comparator>(q.comparator));
  b.add_integer_values(ints);
  b.add_locale_values(locales);
  b.add_guard(AsSchema<schema::ActionsGuarded>(q.guard));
  return b.Finish();
}

void ReadRequirement(const schema::QualificationRequirement& t, FieldReader& r,
                     engine::QualificationRequirement* out) {
  out->type = engine::QualTypeId(t.type_id());
  r.Enum(t.comparator(), "requirements.comparator", &out->comparator);
  r.Enum(t.guard(), "requirements.guard", &out->guard);
  out->integer_values.clear();
  if (r.Count(t.integer_values(), limits::kRequirementIntegerValuesMax,
              "requirements.integer_values") &&
      t.integer_values() != nullptr) {
    out->integer_values.assign(t.integer_values()->begin(), t.integer_values()->end());
  }
  // Locales are packed ulongs: Ids checks their count and alignment.
  std::vector<uint64_t> packed;
  r.Ids(t.locale_values(), limits::kRequirementLocaleValuesMax, "requirements.locale_values",
        &packed);
  out->locale_values.resize(packed.size());
  for (size_t i = 0; i < packed.size(); ++i) {
    r.Locale(packed[i], "requirements.locale_values", &out->locale_values[i]);
  }
}

fb::Offset<schema::HitTypeSpec> BuildTypeSpec(fb::FlatBufferBuilder& fbb,
                                              const engine::HitTypeSpec& spec) {
  auto title = BuildText(fbb, spec.title);
  auto description = BuildText(fbb, spec.description);
  auto keywords = BuildText(fbb, spec.keywords);
  fb::Offset<fb::Vector<fb::Offset<schema::QualificationRequirement>>> requirements = 0;
  if (!spec.requirements.empty()) {
    std::vector<fb::Offset<schema::QualificationRequirement>> offsets;
    offsets.reserve(spec.requirements.size());
    for (const auto& q : spec.requirements) offsets.push_back(BuildRequirement(fbb, q));
    requirements = fbb.CreateVector(offsets);
  }
  auto excluded = BuildIds(fbb, spec.excluded_types);
  schema::HitTypeSpecBuilder b(fbb);
  b.add_title(title);
  b.add_description(description);
  b.add_keywords(keywords);
  b.add_reward_cents(spec.reward.value);
  b.add_assignment_duration_ms(spec.assignment_duration.value);
  if (spec.auto_approval_delay) b.add_auto_approval_delay_ms(spec.auto_approval_delay->value);
  b.add_requirements(requirements);
  b.add_assignment_order(AsSchema<schema::AssignmentOrder>(spec.order));
  b.add_per_worker_cap(spec.per_worker_cap);
  b.add_excluded_types(excluded);
  b.add_reject_reopens_slot(spec.reject_reopens_slot);
  return b.Finish();
}

void ReadTypeSpec(const schema::HitTypeSpec& t, FieldReader& r, engine::HitTypeSpec* out) {
  r.Text(t.title(), kTitleBytes, "title", &out->title);
  r.Text(t.description(), kDescriptionBytes, "description", &out->description);
  r.Text(t.keywords(), kKeywordsBytes, "keywords", &out->keywords);
  out->reward = engine::Cents(t.reward_cents());
  out->assignment_duration = TimeMs(t.assignment_duration_ms());
  out->auto_approval_delay = OptionalTime(t.auto_approval_delay_ms());
  out->requirements.clear();
  if (r.Count(t.requirements(), limits::kRequirementsMax, "requirements") &&
      t.requirements() != nullptr) {
    out->requirements.resize(t.requirements()->size());
    for (fb::uoffset_t i = 0; i < t.requirements()->size(); ++i) {
      ReadRequirement(*t.requirements()->Get(i), r, &out->requirements[i]);
    }
  }
  r.Enum(t.assignment_order(), "assignment_order", &out->order);
  out->per_worker_cap = t.per_worker_cap();
  r.Ids(t.excluded_types(), limits::kExcludedTypesMax, "excluded_types", &out->excluded_types);
  out->reject_reopens_slot = t.reject_reopens_slot();
}

fb::Offset<schema::HitSpec> BuildHitSpec(fb::FlatBufferBuilder& fbb, const engine::HitSpec& spec) {
  auto question = BuildText(fbb, spec.question);
  auto annotation = BuildText(fbb, spec.requester_annotation);
  schema::HitSpecBuilder b(fbb);
  b.add_max_assignments(spec.max_assignments);
  b.add_lifetime_ms(spec.lifetime.value);
  b.add_question(question);
  b.add_requester_annotation(annotation);
  b.add_priority(spec.priority);
  return b.Finish();
}

// Field names: "question", or "hits.question" for an element of CreateHITs.
void ReadHitSpec(const schema::HitSpec& t, FieldReader& r, bool in_list, engine::HitSpec* out) {
  out->max_assignments = t.max_assignments();
  out->lifetime = TimeMs(t.lifetime_ms());
  r.Text(t.question(), limits::kQuestionMax, in_list ? "hits.question" : "question",
         &out->question);
  r.Text(t.requester_annotation(), limits::kAnnotationMax,
         in_list ? "hits.requester_annotation" : "requester_annotation",
         &out->requester_annotation);
  out->priority = t.priority();
}

}  // namespace

// ---- creation ----

fb::Offset<schema::CreateHITTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::CreateHitType& op) {
  return schema::CreateCreateHITTypeRequest(fbb, BuildTypeSpec(fbb, op.type));
}

Error ReadOp(const schema::CreateHITTypeRequest& t, engine::CreateHitType* out) {
  FieldReader r;
  if (r.Require(t.hit_type(), "hit_type")) ReadTypeSpec(*t.hit_type(), r, &out->type);
  return r.error();
}

fb::Offset<schema::CreateHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::CreateHit& op) {
  auto type = BuildTypeSpec(fbb, op.type);
  auto hit = BuildHitSpec(fbb, op.hit);
  return schema::CreateCreateHITRequest(fbb, type, hit);
}

Error ReadOp(const schema::CreateHITRequest& t, engine::CreateHit* out) {
  FieldReader r;
  if (r.Require(t.hit_type(), "hit_type")) ReadTypeSpec(*t.hit_type(), r, &out->type);
  if (r.Require(t.hit(), "hit")) ReadHitSpec(*t.hit(), r, false, &out->hit);
  return r.error();
}

fb::Offset<schema::CreateHITWithHITTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::CreateHitWithHitType& op) {
  auto hit = BuildHitSpec(fbb, op.hit);
  return schema::CreateCreateHITWithHITTypeRequest(fbb, op.type.value, hit);
}

Error ReadOp(const schema::CreateHITWithHITTypeRequest& t, engine::CreateHitWithHitType* out) {
  FieldReader r;
  out->type = HitTypeId(t.hit_type_id());
  if (r.Require(t.hit(), "hit")) ReadHitSpec(*t.hit(), r, false, &out->hit);
  return r.error();
}

fb::Offset<schema::CreateHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::CreateHits& op) {
  std::vector<fb::Offset<schema::HitSpec>> hits;
  hits.reserve(op.hits.size());
  for (const engine::HitSpec& spec : op.hits) hits.push_back(BuildHitSpec(fbb, spec));
  auto vector = hits.empty() ? 0 : fbb.CreateVector(hits);
  return schema::CreateCreateHITsRequest(fbb, op.type.value, vector);
}

Error ReadOp(const schema::CreateHITsRequest& t, engine::CreateHits* out) {
  FieldReader r;
  out->type = HitTypeId(t.hit_type_id());
  out->hits.clear();
  if (r.Count(t.hits(), limits::kCreateHitsBatchMax, "hits") && t.hits() != nullptr) {
    out->hits.resize(t.hits()->size());
    for (fb::uoffset_t i = 0; i < t.hits()->size(); ++i) {
      ReadHitSpec(*t.hits()->Get(i), r, true, &out->hits[i]);
    }
  }
  return r.error();
}

// ---- reads ----

fb::Offset<schema::GetHITRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::GetHit& op) {
  return schema::CreateGetHITRequest(fbb, op.hit.value);
}

Error ReadOp(const schema::GetHITRequest& t, engine::GetHit* out) {
  out->hit = HitId(t.hit_id());
  return {};
}

fb::Offset<schema::ListHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                            const engine::ListHits& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  schema::ListHITsRequestBuilder b(fbb);
  b.add_max_results(op.page.max_results);
  b.add_next_token(next_token);
  if (op.status) b.add_status(AsSchema<schema::HitStatus>(*op.status));
  b.add_hit_type_id(op.type.value);
  if (op.created_after) b.add_created_after_ms(op.created_after->value);
  if (op.created_before) b.add_created_before_ms(op.created_before->value);
  return b.Finish();
}

Error ReadOp(const schema::ListHITsRequest& t, engine::ListHits* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  r.Enum(t.status(), "status", &out->status);
  out->type = HitTypeId(t.hit_type_id());
  out->created_after = OptionalTime(t.created_after_ms());
  out->created_before = OptionalTime(t.created_before_ms());
  return r.error();
}

fb::Offset<schema::ListReviewableHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                      const engine::ListReviewableHits& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListReviewableHITsRequest(
      fbb, op.page.max_results, next_token, op.type.value, AsSchema<schema::HitStatus>(op.status));
}

Error ReadOp(const schema::ListReviewableHITsRequest& t, engine::ListReviewableHits* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  out->type = HitTypeId(t.hit_type_id());
  r.Enum(t.status(), "status", &out->status);
  return r.error();
}

// ---- changes ----

fb::Offset<schema::UpdateExpirationForHITRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::UpdateExpirationForHit& op) {
  return schema::CreateUpdateExpirationForHITRequest(fbb, op.hit.value, op.expire_at.value);
}

Error ReadOp(const schema::UpdateExpirationForHITRequest& t, engine::UpdateExpirationForHit* out) {
  out->hit = HitId(t.hit_id());
  out->expire_at = TimeMs(t.expire_at_ms());
  return {};
}

fb::Offset<schema::UpdateHITReviewStatusRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::UpdateHitReviewStatus& op) {
  return schema::CreateUpdateHITReviewStatusRequest(fbb, op.hit.value, op.revert);
}

Error ReadOp(const schema::UpdateHITReviewStatusRequest& t, engine::UpdateHitReviewStatus* out) {
  out->hit = HitId(t.hit_id());
  out->revert = t.revert();
  return {};
}

fb::Offset<schema::UpdateHITTypeOfHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                      const engine::UpdateHitTypeOfHit& op) {
  return schema::CreateUpdateHITTypeOfHITRequest(fbb, op.hit.value, op.type.value);
}

Error ReadOp(const schema::UpdateHITTypeOfHITRequest& t, engine::UpdateHitTypeOfHit* out) {
  out->hit = HitId(t.hit_id());
  out->type = HitTypeId(t.hit_type_id());
  return {};
}

fb::Offset<schema::CreateAdditionalAssignmentsForHITRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::CreateAdditionalAssignmentsForHit& op) {
  return schema::CreateCreateAdditionalAssignmentsForHITRequest(fbb, op.hit.value, op.count);
}

Error ReadOp(const schema::CreateAdditionalAssignmentsForHITRequest& t,
             engine::CreateAdditionalAssignmentsForHit* out) {
  out->hit = HitId(t.hit_id());
  out->count = t.number_of_additional_assignments();
  return {};
}

fb::Offset<schema::DeleteHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::DeleteHit& op) {
  return schema::CreateDeleteHITRequest(fbb, op.hit.value);
}

Error ReadOp(const schema::DeleteHITRequest& t, engine::DeleteHit* out) {
  out->hit = HitId(t.hit_id());
  return {};
}

}  // namespace hitd::net::wire
