// Qualification requests through Engine::Apply: pending requests decided by the owner,
// tests scored against the answer key, auto-granted types, and the retry rules.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::Apply;
using test::IsError;
using test::kT0;
using test::Rejected;

QualTypeSpec Spec(std::string name) {
  QualTypeSpec spec;
  spec.name = std::move(name);
  spec.description = "Knows the rules";
  return spec;
}

RequestQualification Ask(QualTypeId type, std::vector<TestAnswer> answers = {}) {
  RequestQualification cmd;
  cmd.type = type;
  cmd.answers = std::move(answers);
  return cmd;
}

AcceptQualificationRequest AcceptRequest(QualRequestId id, std::optional<int32_t> value = {}) {
  AcceptQualificationRequest cmd;
  cmd.request = id;
  cmd.value = value;
  return cmd;
}

RejectQualificationRequest RejectRequest(QualRequestId id, std::string reason = "") {
  RejectQualificationRequest cmd;
  cmd.request = id;
  cmd.reason = std::move(reason);
  return cmd;
}

ListQualificationRequests Pending(QualTypeId type = {}, uint32_t max_results = 10,
                                  std::string token = "") {
  ListQualificationRequests cmd;
  cmd.type = type;
  cmd.page.max_results = max_results;
  cmd.page.next_token = std::move(token);
  return cmd;
}

class QualRequests : public ::testing::Test {
 protected:
  QualRequests() {
    owner_ = test::MakeRequester(e_, "owner");
    other_ = test::MakeRequester(e_, "other");
    worker_ = test::MakeWorker(e_, "worker");
    worker2_ = test::MakeWorker(e_, "worker2");
  }

  QualTypeId Create(QualTypeSpec spec, AccountId owner = {}) {
    Result r = Apply(e_, owner.valid() ? owner : owner_, kT0, CreateQualificationType{spec});
    EXPECT_TRUE(r.ok()) << "CreateQualificationType: " << r.error().field;
    return r.ok() ? r.get<QualTypeCreated>().type : QualTypeId();
  }
  QualTypeId CreateQuiz(std::string name) {
    QualTypeSpec spec = Spec(std::move(name));
    spec.test = "<QuestionForm/>";
    spec.test_duration = Seconds(600);
    spec.answer_key = {{"q1", "cat", 10}, {"q2", "dog", 5}, {"q3", "owl", 1}};
    return Create(spec);
  }
  // A pending request by `worker`, at `now`.
  QualRequestId AskPending(QualTypeId type, AccountId worker, int64_t now = kT0) {
    Result r = Apply(e_, worker, now, Ask(type));
    EXPECT_TRUE(r.ok()) << "RequestQualification: " << r.error().field;
    if (!r.ok()) return QualRequestId();
    EXPECT_EQ(r.get<QualRequestResult>().request.status, QualRequestStatus::kPending);
    return r.get<QualRequestResult>().request.id;
  }
  const std::vector<GrantSlot>& GrantsOf(AccountId w) const {
    return e_.state().account_states[w.value - 1].grants;
  }
  std::vector<uint64_t> PendingIds(ListQualificationRequests cmd, AccountId actor = {}) {
    Result r = Apply(e_, actor.valid() ? actor : owner_, kT0, cmd);
    EXPECT_TRUE(r.ok()) << r.error().field;
    std::vector<uint64_t> ids;
    if (r.ok()) {
      for (const QualRequest& q : r.get<QualRequestList>().requests) ids.push_back(q.id.value);
    }
    return ids;
  }

  Engine e_;
  AccountId owner_, other_, worker_, worker2_;
};

TEST_F(QualRequests, ARequestWithoutTestWaitsForTheOwner) {
  QualTypeId t = Create(Spec("manual"));
  Output out;
  const Command cmd = Ask(t);
  Result r = Apply(e_, worker_, kT0 + 5, cmd, out);
  ASSERT_TRUE(r.ok());
  const QualRequestResult& res = r.get<QualRequestResult>();
  EXPECT_EQ(res.request.status, QualRequestStatus::kPending);
  EXPECT_EQ(res.request.worker, worker_);
  EXPECT_EQ(res.request.type, t);
  EXPECT_EQ(res.request.submitted, TimeMs(kT0 + 5));
  EXPECT_EQ(res.granted_value, std::nullopt);
  EXPECT_TRUE(GrantsOf(worker_).empty());
  ASSERT_EQ(out.qual_requests.size(), 1u);
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationRequested);
  EXPECT_EQ(out.events[0].owner, owner_);
  EXPECT_EQ(out.events[0].worker, worker_);
  EXPECT_EQ(out.events[0].qual_type, t);
  EXPECT_EQ(PendingIds(Pending()), (std::vector<uint64_t>{res.request.id.value}));
}

TEST_F(QualRequests, OnePendingRequestPerWorkerAndType) {
  QualTypeId t = Create(Spec("once"));
  AskPending(t, worker_);
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(t), ErrorCode::kAlreadyExists, "type"));
  AskPending(t, worker2_);  // another worker may ask
}

TEST_F(QualRequests, AcceptingGrantsOneByDefaultOrTheGivenValue) {
  QualTypeId t = Create(Spec("accept"));
  QualRequestId a = AskPending(t, worker_);
  QualRequestId b = AskPending(t, worker2_);
  Output out;
  const Command cmd = AcceptRequest(a);
  Result r = Apply(e_, owner_, kT0 + 7, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualRequestResult>().request.status, QualRequestStatus::kApproved);
  EXPECT_EQ(r.get<QualRequestResult>().request.decided, TimeMs(kT0 + 7));
  EXPECT_EQ(r.get<QualRequestResult>().granted_value, 1);
  ASSERT_EQ(GrantsOf(worker_).size(), 1u);
  EXPECT_EQ(GrantsOf(worker_)[0].value, 1);
  ASSERT_EQ(out.grants.size(), 1u);
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationGranted);
  EXPECT_EQ(out.events[0].owner, owner_);
  ASSERT_TRUE(Apply(e_, owner_, kT0, AcceptRequest(b, 64)).ok());
  EXPECT_EQ(GrantsOf(worker2_)[0].value, 64);
  EXPECT_TRUE(PendingIds(Pending()).empty());
  // Holding the qualification, the worker cannot ask for it again.
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(t), ErrorCode::kAlreadyExists, "type"));
}

TEST_F(QualRequests, RejectingRecordsTheReasonAndGrantsNothing) {
  QualTypeId t = Create(Spec("reject"));
  QualRequestId id = AskPending(t, worker_);
  Output out;
  const Command cmd = RejectRequest(id, "not yet");
  ASSERT_TRUE(Apply(e_, owner_, kT0 + 3, cmd, out).ok());
  EXPECT_TRUE(GrantsOf(worker_).empty());
  ASSERT_EQ(out.qual_requests.size(), 1u);
  EXPECT_EQ(out.qual_requests[0].status, QualRequestStatus::kRejected);
  EXPECT_EQ(out.qual_requests[0].decided, TimeMs(kT0 + 3));
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kQualRejectReason);
  EXPECT_EQ(out.payloads[0].id, id.value);
  EXPECT_EQ(out.payloads[0].data, "not yet");
  EXPECT_TRUE(out.events.empty());
  EXPECT_TRUE(PendingIds(Pending()).empty());
}

TEST_F(QualRequests, OnlyTheOwnerDecidesAndOnlyPendingRequests) {
  QualTypeId t = Create(Spec("decide"));
  QualRequestId id = AskPending(t, worker_);
  EXPECT_TRUE(Rejected(e_, other_, kT0, AcceptRequest(id), ErrorCode::kNotFound, "request"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, RejectRequest(id), ErrorCode::kNotFound, "request"));
  EXPECT_TRUE(
      Rejected(e_, owner_, kT0, AcceptRequest(QualRequestId(99)), ErrorCode::kNotFound, "request"));
  EXPECT_TRUE(Rejected(e_, owner_, kT0, RejectRequest(id, std::string(1025, 'r')),
                       ErrorCode::kInvalidArgument, "reason"));
  ASSERT_TRUE(Apply(e_, owner_, kT0, RejectRequest(id)).ok());
  EXPECT_TRUE(
      Rejected(e_, owner_, kT0, AcceptRequest(id), ErrorCode::kFailedPrecondition, "request"));
  EXPECT_TRUE(
      Rejected(e_, owner_, kT0, RejectRequest(id), ErrorCode::kFailedPrecondition, "request"));
}

TEST_F(QualRequests, WithoutARetryDelayAWorkerAsksOnlyOnce) {
  QualTypeId t = Create(Spec("no-retry"));
  QualRequestId id = AskPending(t, worker_);
  ASSERT_TRUE(Apply(e_, owner_, kT0, RejectRequest(id)).ok());
  EXPECT_TRUE(Rejected(e_, worker_, kT0 + Days(400).value, Ask(t), ErrorCode::kFailedPrecondition,
                       "retry_delay"));
}

TEST_F(QualRequests, ARetryWaitsForTheDelayAfterTheDecision) {
  QualTypeSpec spec = Spec("retry");
  spec.retry_delay = Seconds(60);
  QualTypeId t = Create(spec);
  QualRequestId id = AskPending(t, worker_, kT0);
  ASSERT_TRUE(Apply(e_, owner_, kT0 + 10'000, RejectRequest(id)).ok());
  EXPECT_TRUE(
      Rejected(e_, worker_, kT0 + 69'999, Ask(t), ErrorCode::kFailedPrecondition, "retry_delay"));
  AskPending(t, worker_, kT0 + 70'000);
}

TEST_F(QualRequests, ARevokedWorkerMayAskAgainUnderTheRetryRules) {
  QualTypeSpec spec = Spec("revoked");
  spec.retry_delay = Seconds(0);
  QualTypeId t = Create(spec);
  QualRequestId id = AskPending(t, worker_);
  ASSERT_TRUE(Apply(e_, owner_, kT0, AcceptRequest(id)).ok());
  ASSERT_TRUE(
      Apply(e_, owner_, kT0, DisassociateQualificationFromWorker{t, worker_, "redo it"}).ok());
  AskPending(t, worker_, kT0 + 1);
}

TEST_F(QualRequests, AnAutoGrantedTypeGrantsItsValueAtOnce) {
  QualTypeSpec spec = Spec("auto");
  spec.auto_granted = true;
  spec.auto_granted_value = 12;
  QualTypeId t = Create(spec);
  Output out;
  const Command cmd = Ask(t);
  Result r = Apply(e_, worker_, kT0 + 1, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualRequestResult>().granted_value, 12);
  EXPECT_EQ(r.get<QualRequestResult>().request.status, QualRequestStatus::kApproved);
  EXPECT_EQ(r.get<QualRequestResult>().request.decided, TimeMs(kT0 + 1));
  ASSERT_EQ(GrantsOf(worker_).size(), 1u);
  EXPECT_EQ(GrantsOf(worker_)[0].value, 12);
  ASSERT_EQ(out.events.size(), 2u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationRequested);
  EXPECT_EQ(out.events[1].type, EventType::kQualificationGranted);
  EXPECT_EQ(out.qual_requests.size(), 1u);  // kept for history
  EXPECT_EQ(out.grants.size(), 1u);
  EXPECT_TRUE(PendingIds(Pending()).empty());
}

TEST_F(QualRequests, ATestWithAnAnswerKeyIsScoredAndGrantedAtOnce) {
  QualTypeId t = CreateQuiz("quiz");
  Output out;
  const Command cmd = Ask(t, {{"q2", "dog"}, {"q1", "cat"}, {"q3", "bat"}, {"extra", "x"}});
  Result r = Apply(e_, worker_, kT0, cmd, out);
  ASSERT_TRUE(r.ok());
  const QualRequestResult& res = r.get<QualRequestResult>();
  EXPECT_TRUE(res.request.scored);
  EXPECT_EQ(res.request.score, 15);
  EXPECT_EQ(res.granted_value, 15);
  EXPECT_EQ(res.request.status, QualRequestStatus::kApproved);
  ASSERT_EQ(GrantsOf(worker_).size(), 1u);
  EXPECT_EQ(GrantsOf(worker_)[0].value, 15);
  // Two payloads per answer: the question id at aux 2i, the answer at aux 2i + 1.
  ASSERT_EQ(out.payloads.size(), 8u);
  for (const Payload& p : out.payloads) {
    EXPECT_EQ(p.kind, PayloadKind::kQualTestAnswers);
    EXPECT_EQ(p.id, res.request.id.value);
  }
  EXPECT_EQ(out.payloads[0].aux, 0u);
  EXPECT_EQ(out.payloads[0].data, "q2");
  EXPECT_EQ(out.payloads[1].aux, 1u);
  EXPECT_EQ(out.payloads[1].data, "dog");
  EXPECT_EQ(out.payloads[7].aux, 7u);
  EXPECT_EQ(out.payloads[7].data, "x");
}

TEST_F(QualRequests, AnswersMustMatchExactlyToScore) {
  QualTypeId t = CreateQuiz("exact");
  Result r = Apply(e_, worker_, kT0, Ask(t, {{"q1", "Cat"}, {"q2", "dog "}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualRequestResult>().request.score, 0);
  EXPECT_EQ(r.get<QualRequestResult>().granted_value, 0);
}

TEST_F(QualRequests, ATestWithoutAKeyWaitsAndAcceptsWithOneByDefault) {
  QualTypeSpec spec = Spec("essay");
  spec.test = "<QuestionForm/>";
  spec.test_duration = Seconds(600);
  QualTypeId t = Create(spec);
  Result r = Apply(e_, worker_, kT0, Ask(t, {{"essay", "My answer"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualRequestResult>().request.status, QualRequestStatus::kPending);
  EXPECT_FALSE(r.get<QualRequestResult>().request.scored);
  Result a = Apply(e_, owner_, kT0, AcceptRequest(r.get<QualRequestResult>().request.id));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.get<QualRequestResult>().granted_value, 1);
}

TEST_F(QualRequests, AnswersAreValidated) {
  QualTypeId plain = Create(Spec("plain"));
  QualTypeId quiz = CreateQuiz("quiz");
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(plain, {{"q1", "a"}}), ErrorCode::kInvalidArgument,
                       "answers"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(quiz, {{"q1", "a"}, {"q1", "b"}}),
                       ErrorCode::kInvalidArgument, "answers.question_id"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(quiz, {{"", "a"}}), ErrorCode::kInvalidArgument,
                       "answers.question_id"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(quiz, {{std::string(65, 'q'), "a"}}),
                       ErrorCode::kInvalidArgument, "answers.question_id"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(quiz, {{"q1", std::string(1025, 'a')}}),
                       ErrorCode::kInvalidArgument, "answers.answer"));
  std::vector<TestAnswer> many;
  for (int i = 0; i < 101; ++i) many.push_back({"q" + std::to_string(i), "a"});
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(quiz, many), ErrorCode::kInvalidArgument, "answers"));
}

TEST_F(QualRequests, OnlyWorkersRequestAndOnlyRequestableTypes) {
  QualTypeId t = Create(Spec("target"));
  QualTypeSpec inactive = Spec("inactive");
  inactive.status = QualTypeStatus::kInactive;
  QualTypeId off = Create(inactive);
  EXPECT_TRUE(Rejected(e_, other_, kT0, Ask(t), ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(off), ErrorCode::kNotFound, "type"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(QualTypeId(555)), ErrorCode::kNotFound, "type"));
  EXPECT_TRUE(Rejected(e_, worker_, kT0, Ask(system_qual::kMasters), ErrorCode::kFailedPrecondition,
                       "type"));
}

TEST_F(QualRequests, TheOwnerListsPendingRequestsOfOneTypeOrAll) {
  QualTypeId a = Create(Spec("a"));
  QualTypeId b = Create(Spec("b"));
  QualTypeId theirs = Create(Spec("theirs"), other_);
  QualRequestId a1 = AskPending(a, worker_);
  QualRequestId b1 = AskPending(b, worker_);
  QualRequestId x1 = AskPending(theirs, worker_);
  QualRequestId a2 = AskPending(a, worker2_);
  EXPECT_EQ(PendingIds(Pending()), (std::vector<uint64_t>{a1.value, b1.value, a2.value}));
  EXPECT_EQ(PendingIds(Pending(a)), (std::vector<uint64_t>{a1.value, a2.value}));
  EXPECT_EQ(PendingIds(Pending(), other_), (std::vector<uint64_t>{x1.value}));
  EXPECT_TRUE(IsError(Apply(e_, owner_, kT0, Pending(theirs)), ErrorCode::kNotFound, "type"));
  EXPECT_TRUE(IsError(Apply(e_, worker_, kT0, Pending()), ErrorCode::kPermissionDenied));
}

TEST_F(QualRequests, PendingRequestsPageByIdWithATokenOnlyWhenMoreFollow) {
  QualTypeId t = Create(Spec("paged"));
  std::vector<uint64_t> ids;
  for (int i = 0; i < 3; ++i) {
    AccountId w = test::MakeWorker(e_, "w" + std::to_string(i));
    ids.push_back(AskPending(t, w).value);
  }
  Result first = Apply(e_, owner_, kT0, Pending(t, 2));
  ASSERT_TRUE(first.ok());
  const QualRequestList& page = first.get<QualRequestList>();
  ASSERT_EQ(page.requests.size(), 2u);
  EXPECT_EQ(page.next_token, std::to_string(ids[1]));
  EXPECT_EQ(PendingIds(Pending(t, 2, page.next_token)), (std::vector<uint64_t>{ids[2]}));
  Result last = Apply(e_, owner_, kT0, Pending(t, 2, page.next_token));
  EXPECT_EQ(last.get<QualRequestList>().next_token, "");
}

TEST_F(QualRequests, DeletingTheTypeRejectsItsPendingRequests) {
  QualTypeId t = Create(Spec("doomed"));
  QualTypeId kept = Create(Spec("kept"));
  QualRequestId doomed = AskPending(t, worker_);
  QualRequestId alive = AskPending(kept, worker_);
  Output out;
  const Command cmd = DeleteQualificationType{t};
  ASSERT_TRUE(Apply(e_, owner_, kT0 + 4, cmd, out).ok());
  ASSERT_EQ(out.qual_requests.size(), 1u);
  EXPECT_EQ(out.qual_requests[0].id, doomed);
  EXPECT_EQ(out.qual_requests[0].status, QualRequestStatus::kRejected);
  EXPECT_EQ(PendingIds(Pending()), (std::vector<uint64_t>{alive.value}));
  EXPECT_TRUE(
      Rejected(e_, owner_, kT0, AcceptRequest(doomed), ErrorCode::kFailedPrecondition, "request"));
}

}  // namespace
}  // namespace hitd::engine
