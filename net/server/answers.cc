// The Hub's answers: each job by its batch's status, with the attachments its reply
// needs, the work pushes of a batch, and backups.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <chrono>
#include <filesystem>

#include "net/protocol/operation_names.h"
#include "net/protocol/session_codec.h"
#include "net/server/hub.h"

namespace hitd::server {

namespace asio = boost::asio;
using engine::ErrorCode;

namespace {

// What a command's answer becomes when its batch was not stored: a mutation that could
// not be stored is refused for lack of space; anything that saw state the store has not
// kept (the engine rolled back) cannot be answered.
engine::Result ByStatus(const Job& job, store::BatchStatus status) {
  switch (status) {
    case store::BatchStatus::kDurable:
      return job.result;
    case store::BatchStatus::kDiskFull:
      if (job.mutation) return engine::Fail(ErrorCode::kResourceExhausted, "store");
      return engine::Fail(ErrorCode::kUnavailable, "store");
    default:
      return engine::Fail(ErrorCode::kUnavailable, "store");
  }
}

}  // namespace

void Hub::Answer(Session& session, uint64_t request_id, const engine::Result& result,
                 std::string_view message) {
  const auto code = static_cast<size_t>(result.error().code);
  if (code < kErrorSlots) counters_.answers_by_code[code].fetch_add(1, std::memory_order_relaxed);
  Record(session, request_id, result.error());
  session.Send(net::EncodeResponse(fbb_, request_id, result, message));
}

void Hub::Answer(Session& session, uint64_t request_id, const net::DaemonReply& reply) {
  counters_.answers_by_code[0].fetch_add(1, std::memory_order_relaxed);
  Record(session, request_id, engine::Error{});
  session.Send(net::EncodeResponse(fbb_, request_id, reply));
}

// Counts the answer by operation and code, times it from its frame's read, and logs an
// error at debug level (the request id, operation and code; never the request's content).
void Hub::Record(const Session& session, uint64_t request_id, const engine::Error& error) {
  const RequestTag& tag = session.request_tag();
  if (tag.op == 0 || tag.op >= kOperationSlots) return;  // no request: a bad frame
  const auto code = static_cast<size_t>(error.code);
  if (code < kErrorSlots) counters_.answers[tag.op][code].fetch_add(1, std::memory_order_relaxed);
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now().time_since_epoch())
                             .count();
  if (tag.read_ns > 0 && now_ns >= tag.read_ns) {
    counters_.request_seconds.Observe(static_cast<uint64_t>(now_ns - tag.read_ns));
  }
  if (error.code != ErrorCode::kOk) {
    spdlog::debug("event=request_error conn={} req={} op={} code={} field=\"{}\"", session.id(),
                  request_id, net::NameOf(static_cast<schema::RequestBody>(tag.op)),
                  engine::ErrorCodeName(error.code), error.field);
  }
}

void Hub::Deliver(Job& job, store::BatchStatus status) {
  if (job.kind == JobKind::kSessionClosed) return;
  const std::shared_ptr<Session> session = Find(job.session);
  if (session == nullptr) return;  // closed meanwhile: nobody to answer
  const engine::Result result = ByStatus(job, status);
  session->set_request_tag(job.tag);
  switch (job.kind) {
    case JobKind::kLookup: {
      if (status != store::BatchStatus::kDurable) {
        session->Close(engine::Error{ErrorCode::kUnavailable, "store"}, "the store is unavailable");
        break;
      }
      std::string key;
      if (job.account.found) {
        (void)host_.store().ReadPayload(engine::PayloadKind::kSecretHash, job.account.id.value, 0,
                                        &key);
      }
      session->OnLookup(job.account, key);
      break;
    }
    case JobKind::kCommand:
      AnswerCommand(*session, job, result);
      break;
    case JobKind::kSubscribeWork:
      if (!result.ok()) {
        Answer(*session, job.request_id, result);
        break;
      }
      session->set_work_subscribed(true);
      Answer(*session, job.request_id,
             net::DaemonReply{net::Subscribed{net::SubscriptionKind::kWork, 0}});
      break;
    case JobKind::kUnsubscribeWork:
      session->set_work_subscribed(false);
      Answer(*session, job.request_id, engine::Result{engine::Empty{}});
      break;
    case JobKind::kBackupCheck:
      if (!result.ok()) {
        Answer(*session, job.request_id, result);
        break;
      }
      StartBackup(session, job);
      break;
    case JobKind::kSessionClosed:
      break;
  }
  session->OnAnswered();
}

void Hub::AnswerCommand(Session& session, Job& job, const engine::Result& result) {
  if (result.ok()) {
    attachments_.clear();
    attachment_bytes_ = 0;
    CollectAttachments(job.command, result);
    if (!attachments_.empty()) {
      counters_.answers_by_code[0].fetch_add(1, std::memory_order_relaxed);
      Record(session, job.request_id, engine::Error{});
      session.Send(net::EncodeResponse(fbb_, job.request_id, result, attachments_));
      return;
    }
  }
  Answer(session, job.request_id, result);
}

// The content a reply refers to but does not carry: the HIT's question for the worker
// about to work on it, the answer and feedback for the requester reviewing it, the
// test for the worker about to take it. A list's attachments stop before they would
// crowd the frame past half its limit (the rest: GetAssignment one by one).
void Hub::CollectAttachments(const engine::Command& command, const engine::Result& result) {
  using engine::PayloadKind;
  if (std::holds_alternative<engine::GetHit>(command) ||
      std::holds_alternative<engine::PreviewHit>(command)) {
    return Attach(PayloadKind::kQuestion, result.get<engine::HitView>().hit.id.value, 0);
  }
  if (std::holds_alternative<engine::Accept>(command) ||
      std::holds_alternative<engine::AcceptNext>(command)) {
    return Attach(PayloadKind::kQuestion, result.get<engine::AssignmentView>().assignment.hit.value,
                  0);
  }
  if (std::holds_alternative<engine::SubmitAndAcceptNext>(command)) {
    const auto& r = result.get<engine::SubmitAndAcceptNextResult>();
    if (r.next.has_value()) Attach(PayloadKind::kQuestion, r.next->assignment.hit.value, 0);
    return;
  }
  if (std::holds_alternative<engine::GetAssignment>(command)) {
    const uint64_t id = result.get<engine::AssignmentView>().assignment.id.value;
    Attach(PayloadKind::kAnswer, id, 0);
    return Attach(PayloadKind::kFeedback, id, 0);
  }
  if (std::holds_alternative<engine::ListAssignmentsForHit>(command)) {
    for (const engine::AssignmentView& a : result.get<engine::AssignmentList>().assignments) {
      Attach(PayloadKind::kAnswer, a.assignment.id.value, 0);
      Attach(PayloadKind::kFeedback, a.assignment.id.value, 0);
    }
    return;
  }
  if (std::holds_alternative<engine::GetQualificationType>(command)) {
    return Attach(PayloadKind::kQualTest, result.get<engine::QualTypeView>().type.id.value, 0);
  }
}

void Hub::Attach(engine::PayloadKind kind, uint64_t id, uint64_t aux) {
  std::string data;
  if (host_.store().ReadPayload(kind, id, aux, &data) != 0 || data.empty()) return;
  if (attachment_bytes_ + data.size() > config_.max_frame_bytes / 2) return;
  attachment_bytes_ += data.size();
  attachments_.push_back(net::Attachment{kind, id, aux, std::move(data)});
}

void Hub::PushWork(const std::vector<WorkNotice>& notices) {
  for (const WorkNotice& notice : notices) {
    const std::shared_ptr<Session> session = Find(notice.session);
    if (session == nullptr || !session->work_subscribed()) continue;
    counters_.work_pushes.fetch_add(1, std::memory_order_relaxed);
    session->Send(net::EncodeWorkPush(fbb_, std::span<const net::WorkAvailable>(&notice.group, 1)));
  }
}

// A compacting copy in one LMDB read transaction, on its own thread so that the IO
// thread goes on; the answer is posted back to the IO thread.
void Hub::StartBackup(const std::shared_ptr<Session>& session, const Job& job) {
  const uint64_t session_id = session->id();
  const uint64_t request_id = job.request_id;
  const RequestTag tag = job.tag;
  std::string dir = job.backup_dir;
  if (dir.empty()) {
    Answer(*session, request_id, engine::Fail(ErrorCode::kInvalidArgument, "dir"));
    return;
  }
  spdlog::info("event=backup_start dir=\"{}\"", dir);
  std::lock_guard lock(backups_mutex_);
  backups_.emplace_back([this, session_id, request_id, tag, dir = std::move(dir)] {
    std::string error;
    const int rc = host_.store().Backup(dir, &error);
    uint64_t bytes = 0;
    if (rc == 0) {
      std::error_code ec;
      bytes = std::filesystem::file_size(std::filesystem::path(dir) / "data.mdb", ec);
      spdlog::info("event=backup_done dir=\"{}\" bytes={}", dir, bytes);
    } else {
      spdlog::warn("event=backup_failed dir=\"{}\" error=\"{}\"", dir, error);
    }
    asio::post(io_, [this, session_id, request_id, tag, rc, bytes, dir, error] {
      const std::shared_ptr<Session> s = Find(session_id);
      if (s == nullptr) return;
      s->set_request_tag(tag);
      if (rc == 0) return Answer(*s, request_id, net::DaemonReply{net::BackupDone{dir, bytes}});
      const ErrorCode code =
          rc == EEXIST ? ErrorCode::kAlreadyExists : ErrorCode::kFailedPrecondition;
      Answer(*s, request_id, engine::Fail(code, "dir"), error);
    });
  });
}

}  // namespace hitd::server
