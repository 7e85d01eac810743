// Build and Read for the records with strings and vectors: HitType (with its
// qualification requirements) and QualType (with its answer key). Neither is hot: they
// change when a requester edits a type, so their builders may use scratch vectors.
#include <vector>

#include "engine/store/codec_internal.h"

namespace hitd::store::codec {
namespace {

using engine::AccountId;
using engine::Cents;
using engine::HitTypeId;
using engine::QualTypeId;
using engine::TimeMs;

// A vector of ulong filled in place: `value(i)` gives element i.
template <typename ValueFn>
fb::Offset<fb::Vector<uint64_t>> BuildU64s(fb::FlatBufferBuilder& fbb, size_t n, ValueFn value) {
  if (n == 0) return 0;
  uint8_t* data = nullptr;
  fb::Offset<fb::Vector<uint64_t>> v(fbb.CreateUninitializedVector(n, sizeof(uint64_t), &data));
  for (size_t i = 0; i < n; ++i) fb::WriteScalar(data + i * sizeof(uint64_t), value(i));
  return v;
}

fb::Offset<schema::QualificationRequirement> BuildRequirement(
    fb::FlatBufferBuilder& fbb, const engine::QualificationRequirement& r) {
  fb::Offset<fb::Vector<int32_t>> ints =
      r.integer_values.empty() ? 0 : fbb.CreateVector(r.integer_values);
  fb::Offset<fb::Vector<uint64_t>> locales = BuildU64s(
      fbb, r.locale_values.size(), [&](size_t i) { return PackLocale(r.locale_values[i]); });
  schema::QualificationRequirementBuilder b(fbb);
  b.add_type_id(r.type.value);
  b.add_integer_values(ints);
  b.add_locale_values(locales);
  b.add_comparator(ToSchema<schema::Comparator>(r.comparator));
  b.add_guard(ToSchema<schema::ActionsGuarded>(r.guard));
  return b.Finish();
}

bool ReadRequirement(const schema::QualificationRequirement& t,
                     engine::QualificationRequirement& out) {
  out.type = QualTypeId(t.type_id());
  if (!ToEngine(t.comparator(), out.comparator)) return false;
  if (!ToEngine(t.guard(), out.guard)) return false;
  out.integer_values.clear();
  if (const fb::Vector<int32_t>* ints = t.integer_values()) {
    out.integer_values.assign(ints->begin(), ints->end());
  }
  out.locale_values.clear();
  if (!ElementsAligned(t.locale_values())) return false;
  if (const fb::Vector<uint64_t>* locales = t.locale_values()) {
    out.locale_values.resize(locales->size());
    for (fb::uoffset_t i = 0; i < locales->size(); ++i) {
      if (!UnpackLocale(locales->Get(i), out.locale_values[i])) return false;
    }
  }
  return true;
}

fb::Offset<schema::AnswerKeyItem> BuildAnswerKeyItem(fb::FlatBufferBuilder& fbb,
                                                     const engine::AnswerKeyItem& item) {
  fb::Offset<fb::String> question_id = BuildString(fbb, item.question_id);
  fb::Offset<fb::String> answer = BuildString(fbb, item.answer);
  schema::AnswerKeyItemBuilder b(fbb);
  b.add_question_id(question_id);
  b.add_answer(answer);
  b.add_score(item.score);
  return b.Finish();
}

}  // namespace

fb::Offset<schema::HitType> Build(fb::FlatBufferBuilder& fbb, const engine::HitType& t) {
  fb::Offset<fb::String> title = BuildString(fbb, t.title);
  fb::Offset<fb::String> description = BuildString(fbb, t.description);
  fb::Offset<fb::String> keywords = BuildString(fbb, t.keywords);
  fb::Offset<fb::Vector<fb::Offset<schema::QualificationRequirement>>> requirements = 0;
  if (!t.requirements.empty()) {
    std::vector<fb::Offset<schema::QualificationRequirement>> offsets;
    offsets.reserve(t.requirements.size());
    for (const engine::QualificationRequirement& r : t.requirements) {
      offsets.push_back(BuildRequirement(fbb, r));
    }
    requirements = fbb.CreateVector(offsets);
  }
  fb::Offset<fb::Vector<uint64_t>> excluded =
      BuildU64s(fbb, t.excluded_types.size(), [&](size_t i) { return t.excluded_types[i].value; });

  schema::HitTypeBuilder b(fbb);
  b.add_id(t.id.value);
  b.add_requester_id(t.requester.value);
  b.add_reward_cents(t.reward.value);
  b.add_assignment_duration_ms(t.assignment_duration.value);
  b.add_auto_approval_delay_ms(t.auto_approval_delay.value);
  b.add_created_ms(t.created.value);
  b.add_title(title);
  b.add_description(description);
  b.add_keywords(keywords);
  b.add_requirements(requirements);
  b.add_excluded_types(excluded);
  b.add_per_worker_cap(t.per_worker_cap);
  b.add_order(ToSchema<schema::AssignmentOrder>(t.order));
  b.add_reject_reopens_slot(t.reject_reopens_slot);
  return b.Finish();
}

bool Read(const schema::HitType& t, engine::HitType& out) {
  if (t.id() == 0) return false;
  out.id = HitTypeId(t.id());
  out.requester = AccountId(t.requester_id());
  ReadString(t.title(), out.title);
  ReadString(t.description(), out.description);
  ReadString(t.keywords(), out.keywords);
  out.reward = Cents(t.reward_cents());
  out.assignment_duration = TimeMs(t.assignment_duration_ms());
  out.auto_approval_delay = TimeMs(t.auto_approval_delay_ms());
  out.requirements.clear();
  if (const auto* requirements = t.requirements()) {
    out.requirements.resize(requirements->size());
    for (fb::uoffset_t i = 0; i < requirements->size(); ++i) {
      if (!ReadRequirement(*requirements->Get(i), out.requirements[i])) return false;
    }
  }
  if (!ToEngine(t.order(), out.order)) return false;
  out.per_worker_cap = t.per_worker_cap();
  out.excluded_types.clear();
  if (!ElementsAligned(t.excluded_types())) return false;
  if (const fb::Vector<uint64_t>* excluded = t.excluded_types()) {
    out.excluded_types.reserve(excluded->size());
    for (uint64_t id : *excluded) out.excluded_types.push_back(HitTypeId(id));
  }
  out.reject_reopens_slot = t.reject_reopens_slot();
  out.created = TimeMs(t.created_ms());
  return true;
}

fb::Offset<schema::QualType> Build(fb::FlatBufferBuilder& fbb, const engine::QualType& t) {
  fb::Offset<fb::String> name = BuildString(fbb, t.name);
  fb::Offset<fb::String> description = BuildString(fbb, t.description);
  fb::Offset<fb::String> keywords = BuildString(fbb, t.keywords);
  fb::Offset<fb::Vector<fb::Offset<schema::AnswerKeyItem>>> answer_key = 0;
  if (!t.answer_key.empty()) {
    std::vector<fb::Offset<schema::AnswerKeyItem>> offsets;
    offsets.reserve(t.answer_key.size());
    for (const engine::AnswerKeyItem& item : t.answer_key) {
      offsets.push_back(BuildAnswerKeyItem(fbb, item));
    }
    answer_key = fbb.CreateVector(offsets);
  }

  schema::QualTypeBuilder b(fbb);
  b.add_id(t.id.value);
  b.add_owner_id(t.owner.value);
  b.add_test_duration_ms(t.test_duration.value);
  b.add_retry_delay_ms(t.retry_delay.value);
  b.add_created_ms(t.created.value);
  b.add_name(name);
  b.add_description(description);
  b.add_keywords(keywords);
  b.add_answer_key(answer_key);
  b.add_auto_granted_value(t.auto_granted_value);
  b.add_status(ToSchema<schema::QualTypeStatus>(t.status));
  b.add_has_test(t.has_test);
  b.add_retry_allowed(t.retry_allowed);
  b.add_auto_granted(t.auto_granted);
  return b.Finish();
}

bool Read(const schema::QualType& t, engine::QualType& out) {
  if (t.id() == 0) return false;
  out.id = QualTypeId(t.id());
  out.owner = AccountId(t.owner_id());
  ReadString(t.name(), out.name);
  ReadString(t.description(), out.description);
  ReadString(t.keywords(), out.keywords);
  if (!ToEngine(t.status(), out.status)) return false;
  out.has_test = t.has_test();
  out.answer_key.clear();
  if (const auto* key = t.answer_key()) {
    out.answer_key.resize(key->size());
    for (fb::uoffset_t i = 0; i < key->size(); ++i) {
      const schema::AnswerKeyItem& item = *key->Get(i);
      ReadString(item.question_id(), out.answer_key[i].question_id);
      ReadString(item.answer(), out.answer_key[i].answer);
      out.answer_key[i].score = item.score();
    }
  }
  out.test_duration = TimeMs(t.test_duration_ms());
  out.retry_allowed = t.retry_allowed();
  out.retry_delay = TimeMs(t.retry_delay_ms());
  out.auto_granted = t.auto_granted();
  out.auto_granted_value = t.auto_granted_value();
  out.created = TimeMs(t.created_ms());
  return true;
}

}  // namespace hitd::store::codec
