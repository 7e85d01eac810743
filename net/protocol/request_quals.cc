// BuildOp and ReadOp (request_ops.h) for qualification types, grants and requests.
#include <vector>

#include "net/protocol/request_ops.h"

namespace hitd::net::wire {

using engine::AccountId;
using engine::Error;
using engine::QualRequestId;
using engine::QualTypeId;
using engine::TimeMs;

namespace {

fb::Offset<fb::Vector<fb::Offset<schema::AnswerKeyItem>>> BuildAnswerKey(
    fb::FlatBufferBuilder& fbb, const std::vector<engine::AnswerKeyItem>& key) {
  std::vector<fb::Offset<schema::AnswerKeyItem>> items;
  items.reserve(key.size());
  for (const engine::AnswerKeyItem& item : key) {
    auto question_id = BuildText(fbb, item.question_id);
    auto answer = BuildText(fbb, item.answer);
    items.push_back(schema::CreateAnswerKeyItem(fbb, question_id, answer, item.score));
  }
  return fbb.CreateVector(items);
}

void ReadAnswerKey(const fb::Vector<fb::Offset<schema::AnswerKeyItem>>& key, FieldReader& r,
                   std::vector<engine::AnswerKeyItem>* out) {
  out->clear();
  if (!r.Count(&key, limits::kAnswerKeyQuestionsMax, "answer_key")) return;
  out->resize(key.size());
  for (fb::uoffset_t i = 0; i < key.size(); ++i) {
    const schema::AnswerKeyItem& item = *key.Get(i);
    r.Text(item.question_id(), limits::kQuestionIdMax, "answer_key.question_id",
           &(*out)[i].question_id);
    r.Text(item.answer(), limits::kTestAnswerMax, "answer_key.answer", &(*out)[i].answer);
    (*out)[i].score = item.score();
  }
}

}  // namespace

// ---- types ----

fb::Offset<schema::CreateQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::CreateQualificationType& op) {
  const engine::QualTypeSpec& spec = op.spec;
  auto name = BuildText(fbb, spec.name);
  auto description = BuildText(fbb, spec.description);
  auto keywords = BuildText(fbb, spec.keywords);
  auto test = BuildText(fbb, spec.test);
  auto answer_key = spec.answer_key.empty() ? 0 : BuildAnswerKey(fbb, spec.answer_key);
  schema::CreateQualificationTypeRequestBuilder b(fbb);
  b.add_name(name);
  b.add_description(description);
  b.add_keywords(keywords);
  b.add_qualification_type_status(AsSchema<schema::QualTypeStatus>(spec.status));
  b.add_test(test);
  b.add_answer_key(answer_key);
  b.add_test_duration_ms(spec.test_duration.value);
  if (spec.retry_delay) b.add_retry_delay_ms(spec.retry_delay->value);
  b.add_auto_granted(spec.auto_granted);
  b.add_auto_granted_value(spec.auto_granted_value);
  return b.Finish();
}

Error ReadOp(const schema::CreateQualificationTypeRequest& t,
             engine::CreateQualificationType* out) {
  FieldReader r;
  engine::QualTypeSpec& spec = out->spec;
  r.Text(t.name(), limits::kQualNameMax, "name", &spec.name);
  r.Text(t.description(), limits::kQualDescriptionMax, "description", &spec.description);
  r.Text(t.keywords(), limits::kKeywordsMax, "keywords", &spec.keywords);
  r.Enum(t.qualification_type_status(), "qualification_type_status", &spec.status);
  r.Text(t.test(), limits::kTestMax, "test", &spec.test);
  spec.answer_key.clear();
  if (t.answer_key() != nullptr) ReadAnswerKey(*t.answer_key(), r, &spec.answer_key);
  spec.test_duration = TimeMs(t.test_duration_ms());
  spec.retry_delay = OptionalTime(t.retry_delay_ms());
  spec.auto_granted = t.auto_granted();
  spec.auto_granted_value = t.auto_granted_value();
  return r.error();
}

fb::Offset<schema::GetQualificationTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::GetQualificationType& op) {
  return schema::CreateGetQualificationTypeRequest(fbb, op.type.value);
}

Error ReadOp(const schema::GetQualificationTypeRequest& t, engine::GetQualificationType* out) {
  out->type = QualTypeId(t.qualification_type_id());
  return {};
}

fb::Offset<schema::UpdateQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::UpdateQualificationType& op) {
  auto description = op.description ? fbb.CreateString(*op.description) : 0;
  auto test = op.test ? fbb.CreateString(*op.test) : 0;
  auto answer_key = op.answer_key ? BuildAnswerKey(fbb, *op.answer_key) : 0;
  schema::UpdateQualificationTypeRequestBuilder b(fbb);
  b.add_qualification_type_id(op.type.value);
  b.add_description(description);
  if (op.status) b.add_qualification_type_status(AsSchema<schema::QualTypeStatus>(*op.status));
  b.add_test(test);
  b.add_answer_key(answer_key);
  if (op.test_duration) b.add_test_duration_ms(op.test_duration->value);
  if (op.retry_delay && *op.retry_delay) b.add_retry_delay_ms((*op.retry_delay)->value);
  if (op.retry_delay && !*op.retry_delay) b.add_no_retry(true);
  if (op.auto_granted) b.add_auto_granted(*op.auto_granted);
  if (op.auto_granted_value) b.add_auto_granted_value(*op.auto_granted_value);
  return b.Finish();
}

Error ReadOp(const schema::UpdateQualificationTypeRequest& t,
             engine::UpdateQualificationType* out) {
  FieldReader r;
  out->type = QualTypeId(t.qualification_type_id());
  r.Text(t.description(), limits::kQualDescriptionMax, "description", &out->description);
  r.Enum(t.qualification_type_status(), "qualification_type_status", &out->status);
  r.Text(t.test(), limits::kTestMax, "test", &out->test);
  out->answer_key.reset();
  if (t.answer_key() != nullptr) ReadAnswerKey(*t.answer_key(), r, &out->answer_key.emplace());
  out->test_duration = OptionalTime(t.test_duration_ms());
  // Three states: leave the delay (neither field), set one, or allow no retry.
  out->retry_delay.reset();
  if (t.no_retry() && t.retry_delay_ms()) r.Fail("no_retry");
  if (t.no_retry()) out->retry_delay.emplace(std::nullopt);
  if (t.retry_delay_ms()) out->retry_delay.emplace(TimeMs(*t.retry_delay_ms()));
  out->auto_granted = OptionalValue(t.auto_granted());
  out->auto_granted_value = OptionalValue(t.auto_granted_value());
  return r.error();
}

fb::Offset<schema::DeleteQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::DeleteQualificationType& op) {
  return schema::CreateDeleteQualificationTypeRequest(fbb, op.type.value);
}

Error ReadOp(const schema::DeleteQualificationTypeRequest& t,
             engine::DeleteQualificationType* out) {
  out->type = QualTypeId(t.qualification_type_id());
  return {};
}

fb::Offset<schema::ListQualificationTypesRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::ListQualificationTypes& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  auto query = BuildText(fbb, op.query);
  return schema::CreateListQualificationTypesRequest(fbb, op.page.max_results, next_token, query,
                                                     op.must_be_requestable,
                                                     op.must_be_owned_by_caller);
}

Error ReadOp(const schema::ListQualificationTypesRequest& t, engine::ListQualificationTypes* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  r.Text(t.query(), limits::kQualDescriptionMax, "query", &out->query);
  out->must_be_requestable = t.must_be_requestable();
  out->must_be_owned_by_caller = t.must_be_owned_by_caller();
  return r.error();
}

// ---- grants ----

fb::Offset<schema::AssociateQualificationWithWorkerRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::AssociateQualificationWithWorker& op) {
  return schema::CreateAssociateQualificationWithWorkerRequest(fbb, op.type.value, op.worker.value,
                                                               op.value);
}

Error ReadOp(const schema::AssociateQualificationWithWorkerRequest& t,
             engine::AssociateQualificationWithWorker* out) {
  out->type = QualTypeId(t.qualification_type_id());
  out->worker = AccountId(t.worker_id());
  out->value = t.integer_value();
  return {};
}

fb::Offset<schema::DisassociateQualificationFromWorkerRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::DisassociateQualificationFromWorker& op) {
  auto reason = BuildText(fbb, op.reason);
  return schema::CreateDisassociateQualificationFromWorkerRequest(fbb, op.type.value,
                                                                  op.worker.value, reason);
}

Error ReadOp(const schema::DisassociateQualificationFromWorkerRequest& t,
             engine::DisassociateQualificationFromWorker* out) {
  FieldReader r;
  out->type = QualTypeId(t.qualification_type_id());
  out->worker = AccountId(t.worker_id());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::GetQualificationScoreRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::GetQualificationScore& op) {
  return schema::CreateGetQualificationScoreRequest(fbb, op.type.value, op.worker.value);
}

Error ReadOp(const schema::GetQualificationScoreRequest& t, engine::GetQualificationScore* out) {
  out->type = QualTypeId(t.qualification_type_id());
  out->worker = AccountId(t.worker_id());
  return {};
}

fb::Offset<schema::ListWorkersWithQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::ListWorkersWithQualificationType& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListWorkersWithQualificationTypeRequest(fbb, op.type.value,
                                                               op.page.max_results, next_token);
}

Error ReadOp(const schema::ListWorkersWithQualificationTypeRequest& t,
             engine::ListWorkersWithQualificationType* out) {
  FieldReader r;
  out->type = QualTypeId(t.qualification_type_id());
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

// ---- requests ----

fb::Offset<schema::ListQualificationRequestsRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::ListQualificationRequests& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListQualificationRequestsRequest(fbb, op.type.value, op.page.max_results,
                                                        next_token);
}

Error ReadOp(const schema::ListQualificationRequestsRequest& t,
             engine::ListQualificationRequests* out) {
  FieldReader r;
  out->type = QualTypeId(t.qualification_type_id());
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

fb::Offset<schema::AcceptQualificationRequestRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::AcceptQualificationRequest& op) {
  fb::Optional<int32_t> value = fb::nullopt;
  if (op.value) value = *op.value;
  return schema::CreateAcceptQualificationRequestRequest(fbb, op.request.value, value);
}

Error ReadOp(const schema::AcceptQualificationRequestRequest& t,
             engine::AcceptQualificationRequest* out) {
  out->request = QualRequestId(t.qualification_request_id());
  out->value = OptionalValue(t.integer_value());
  return {};
}

fb::Offset<schema::RejectQualificationRequestRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::RejectQualificationRequest& op) {
  auto reason = BuildText(fbb, op.reason);
  return schema::CreateRejectQualificationRequestRequest(fbb, op.request.value, reason);
}

Error ReadOp(const schema::RejectQualificationRequestRequest& t,
             engine::RejectQualificationRequest* out) {
  FieldReader r;
  out->request = QualRequestId(t.qualification_request_id());
  r.Text(t.reason(), limits::kReasonMax, "reason", &out->reason);
  return r.error();
}

fb::Offset<schema::RequestQualificationRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::RequestQualification& op) {
  std::vector<fb::Offset<schema::TestAnswer>> answers;
  answers.reserve(op.answers.size());
  for (const engine::TestAnswer& a : op.answers) {
    auto question_id = BuildText(fbb, a.question_id);
    auto answer = BuildText(fbb, a.answer);
    answers.push_back(schema::CreateTestAnswer(fbb, question_id, answer));
  }
  auto vector = answers.empty() ? 0 : fbb.CreateVector(answers);
  return schema::CreateRequestQualificationRequest(fbb, op.type.value, vector);
}

Error ReadOp(const schema::RequestQualificationRequest& t, engine::RequestQualification* out) {
  FieldReader r;
  out->type = QualTypeId(t.qualification_type_id());
  out->answers.clear();
  if (r.Count(t.answers(), limits::kAnswerKeyQuestionsMax, "answers") && t.answers() != nullptr) {
    out->answers.resize(t.answers()->size());
    for (fb::uoffset_t i = 0; i < t.answers()->size(); ++i) {
      const schema::TestAnswer& a = *t.answers()->Get(i);
      r.Text(a.question_id(), limits::kQuestionIdMax, "answers.question_id",
             &out->answers[i].question_id);
      r.Text(a.answer(), limits::kTestAnswerMax, "answers.answer", &out->answers[i].answer);
    }
  }
  return r.error();
}

fb::Offset<schema::ListMyQualificationsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::ListMyQualifications& op) {
  auto next_token = BuildText(fbb, op.page.next_token);
  return schema::CreateListMyQualificationsRequest(fbb, op.page.max_results, next_token);
}

Error ReadOp(const schema::ListMyQualificationsRequest& t, engine::ListMyQualifications* out) {
  FieldReader r;
  r.Page(t.max_results(), t.next_token(), &out->page);
  return r.error();
}

}  // namespace hitd::net::wire
