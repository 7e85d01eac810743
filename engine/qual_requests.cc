// Qualification requests: RequestQualification (worker), ListQualificationRequests,
// AcceptQualificationRequest and RejectQualificationRequest (the type's owner).
//
// A request is decided at once when it can be: a type with an answer key scores the
// answers (the sum of the scores of the exactly matching answers) and grants that score;
// an auto-granted type grants its value. Either way the request is kept, approved, for
// history. Otherwise it waits, pending, for the owner. A worker has at most one pending
// request per type, and after a decision may ask again only if the type allows retries
// and its retry delay has passed since the decision. The test duration is not enforced:
// the answers arrive with the request, so there is no start time to measure from.
//
// Test answers are passed through as kQualTestAnswers payloads, two per answer, so that
// each stays a view into the command:
//   payload(id = request, aux = 2i)     = question id of answer i
//   payload(id = request, aux = 2i + 1) = answer i (absent when the answer is empty)
#include <cstdint>
#include <optional>
#include <utility>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/limits.h"
#include "engine/qual_grants.h"

namespace hitd::engine {

namespace {

std::optional<Error> CheckAnswers(const QualType& t, const std::vector<TestAnswer>& answers) {
  if (!t.has_test) {
    if (!answers.empty()) return Error{ErrorCode::kInvalidArgument, "answers"};
    return std::nullopt;
  }
  if (answers.size() > limits::kAnswerKeyQuestionsMax) {
    return Error{ErrorCode::kInvalidArgument, "answers"};
  }
  for (size_t i = 0; i < answers.size(); ++i) {
    const TestAnswer& a = answers[i];
    if (a.question_id.empty() || a.question_id.size() > limits::kQuestionIdMax) {
      return Error{ErrorCode::kInvalidArgument, "answers.question_id"};
    }
    for (size_t j = 0; j < i; ++j) {  // at most 100 answers: quadratic is cheap
      if (answers[j].question_id == a.question_id) {
        return Error{ErrorCode::kInvalidArgument, "answers.question_id"};
      }
    }
    if (a.answer.size() > limits::kTestAnswerMax) {
      return Error{ErrorCode::kInvalidArgument, "answers.answer"};
    }
  }
  return std::nullopt;
}

// Whether the worker may ask now: no grant held, no request pending, and after a
// decided request, only when retries are allowed and the delay has passed.
std::optional<Error> CheckMayRequest(const State& s, const Account& worker, const QualType& t,
                                     TimeMs now) {
  if (FindGrant(s.account_states[Index(worker.id.value)], t.id) != nullptr) {
    return Error{ErrorCode::kAlreadyExists, "type"};
  }
  auto last = s.last_request.find({worker.id.value, t.id.value});
  if (last == s.last_request.end()) return std::nullopt;
  const QualRequest& previous = s.qual_requests[Index(last->second)];
  if (previous.status == QualRequestStatus::kPending) {
    return Error{ErrorCode::kAlreadyExists, "type"};
  }
  // Subtracting keeps the comparison free of overflow whatever the delay.
  if (!t.retry_allowed || now - previous.decided < t.retry_delay) {
    return Error{ErrorCode::kFailedPrecondition, "retry_delay"};
  }
  return std::nullopt;
}

int32_t Score(const std::vector<AnswerKeyItem>& key, const std::vector<TestAnswer>& answers) {
  int64_t score = 0;
  for (const AnswerKeyItem& item : key) {
    for (const TestAnswer& a : answers) {
      if (a.question_id == item.question_id && a.answer == item.answer) score += item.score;
    }
  }
  HITD_CHECK(score <= INT32_MAX);  // CreateQualificationType bounds the key's total
  return static_cast<int32_t>(score);
}

void EmitAnswers(Output& out, QualRequestId id, const std::vector<TestAnswer>& answers) {
  for (size_t i = 0; i < answers.size(); ++i) {
    EmitPayload(out, PayloadKind::kQualTestAnswers, id.value, answers[i].question_id, 2 * i);
    EmitPayload(out, PayloadKind::kQualTestAnswers, id.value, answers[i].answer, 2 * i + 1);
  }
}

void Grant(State& s, Output& out, const QualType& t, const Account& worker, int32_t value,
           TimeMs now) {
  PutGrant(s, out, worker, t.id, value, now);
  EmitEvent(s, out, EventType::kQualificationGranted, now, t.owner, {}, {}, worker.id, t.id);
}

// The owner's pending request, for Accept and Reject.
struct OwnedRequest {
  QualRequest* request = nullptr;
  const QualType* type = nullptr;
  Error error;
};

OwnedRequest FindOwnedPending(State& s, const Account& actor, QualRequestId id) {
  QualRequest* r = FindQualRequest(s, id);
  const QualType* t = r == nullptr ? nullptr : FindQualType(s, r->type);
  if (t == nullptr || t->owner != actor.id) {
    return {nullptr, nullptr, Error{ErrorCode::kNotFound, "request"}};
  }
  if (r->status != QualRequestStatus::kPending) {
    return {nullptr, nullptr, Error{ErrorCode::kFailedPrecondition, "request"}};
  }
  return {r, t, Error{}};
}

void Decide(State& s, Output& out, const QualType& t, QualRequest& r, QualRequestStatus status,
            TimeMs now) {
  const size_t erased = s.pending_qual_requests.erase({t.owner.value, r.id.value});
  HITD_CHECK(erased == 1);
  r.status = status;
  r.decided = now;
  out.qual_requests.push_back(r);
}

}  // namespace

Result Handle(State& s, const Context& ctx, const RequestQualification& cmd, Output& out) {
  const Account& worker = Actor(s, ctx);
  if (std::optional<Error> e = RequireRole(worker, Role::kWorker)) return Result{*e};
  const QualType* t = FindVisibleQualType(s, worker, cmd.type);
  if (t == nullptr) return Fail(ErrorCode::kNotFound, "type");
  if (!IsRequestable(*t)) return Fail(ErrorCode::kFailedPrecondition, "type");
  if (std::optional<Error> e = CheckMayRequest(s, worker, *t, ctx.now)) return Result{*e};
  if (std::optional<Error> e = CheckAnswers(*t, cmd.answers)) return Result{*e};
  if (!HasRoomFor(s.qual_requests.size())) {
    return Fail(ErrorCode::kResourceExhausted, "request");
  }

  QualRequest r;
  r.id = QualRequestId(s.qual_requests.size() + 1);
  r.worker = worker.id;
  r.type = t->id;
  r.submitted = ctx.now;
  std::optional<int32_t> granted;
  if (t->has_test && !t->answer_key.empty()) {
    r.scored = true;
    r.score = Score(t->answer_key, cmd.answers);
    granted = r.score;
  } else if (t->auto_granted) {
    granted = t->auto_granted_value;
  }
  if (granted) {
    r.status = QualRequestStatus::kApproved;
    r.decided = ctx.now;
  } else {
    s.pending_qual_requests.emplace(t->owner.value, r.id.value);
  }
  s.qual_requests.push_back(r);
  s.last_request[{worker.id.value, t->id.value}] = static_cast<uint32_t>(r.id.value);
  out.qual_requests.push_back(r);
  EmitAnswers(out, r.id, cmd.answers);
  EmitEvent(s, out, EventType::kQualificationRequested, ctx.now, t->owner, {}, {}, worker.id,
            t->id);
  if (granted) Grant(s, out, *t, worker, *granted, ctx.now);
  return Result{QualRequestResult{r, granted}};
}

Result Handle(State& s, const Context& ctx, const ListQualificationRequests& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  if (std::optional<Error> e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (cmd.type.valid()) {
    const QualType* t = FindVisibleQualType(s, actor, cmd.type);
    if (t == nullptr || t->owner != actor.id) return Fail(ErrorCode::kNotFound, "type");
  }
  if (std::optional<Error> e = CheckPage(cmd.page)) return Result{*e};

  QualRequestList list;
  for (auto it = s.pending_qual_requests.lower_bound({actor.id.value, PageStart(cmd.page)});
       it != s.pending_qual_requests.end() && it->first == actor.id.value; ++it) {
    const QualRequest& r = s.qual_requests[Index(it->second)];
    if (cmd.type.valid() && r.type != cmd.type) continue;
    if (list.requests.size() == cmd.page.max_results) {
      list.next_token = PageToken(list.requests.back().id.value);
      break;
    }
    list.requests.push_back(r);
  }
  return Result{std::move(list)};
}

// MTurk's default value: the test score when the request was scored, else 1.
Result Handle(State& s, const Context& ctx, const AcceptQualificationRequest& cmd, Output& out) {
  const Account& actor = Actor(s, ctx);
  OwnedRequest owned = FindOwnedPending(s, actor, cmd.request);
  if (owned.request == nullptr) return Result{owned.error};
  QualRequest& r = *owned.request;
  const int32_t value = cmd.value.value_or(r.scored ? r.score : 1);
  const Account& worker = *FindAccount(s, r.worker);

  Decide(s, out, *owned.type, r, QualRequestStatus::kApproved, ctx.now);
  Grant(s, out, *owned.type, worker, value, ctx.now);
  return Result{QualRequestResult{r, value}};
}

Result Handle(State& s, const Context& ctx, const RejectQualificationRequest& cmd, Output& out) {
  const Account& actor = Actor(s, ctx);
  OwnedRequest owned = FindOwnedPending(s, actor, cmd.request);
  if (owned.request == nullptr) return Result{owned.error};
  if (cmd.reason.size() > limits::kReasonMax) return Fail(ErrorCode::kInvalidArgument, "reason");

  Decide(s, out, *owned.type, *owned.request, QualRequestStatus::kRejected, ctx.now);
  EmitPayload(out, PayloadKind::kQualRejectReason, cmd.request.value, cmd.reason);
  return Result{Empty{}};
}

}  // namespace hitd::engine
