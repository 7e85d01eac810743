// Worker blocks (CreateWorkerBlock, DeleteWorkerBlock, ListWorkerBlocks) and
// NotifyWorkers, with MTurk's semantics.
//
// An active block of (requester, worker) is in two places: s.blocked, the flat map that
// matching probes on the hot path, and s.blocks, the ordered table that lists and
// persists it. Both are keyed by the two account ids and always hold the same pairs; a
// deleted block leaves both (its last record, with active = false, tells the store).
// Notifications are not kept in engine memory: the subject and message are payloads,
// numbered by s.notifications. Engine thread only.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"

namespace hitd::engine {

namespace {

std::optional<Error> CheckReason(std::string_view reason, bool required) {
  if ((required && reason.empty()) || reason.size() > limits::kReasonMax) {
    return Error{ErrorCode::kInvalidArgument, "reason"};
  }
  return std::nullopt;
}

std::pair<uint64_t, uint64_t> BlockKey(AccountId requester, WorkerId worker) {
  return {requester.value, worker.value};
}

}  // namespace

Result Handle(State& s, const Context& ctx, const CreateWorkerBlock& c, Output& out) {
  const Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = CheckReason(c.reason, /*required=*/true)) return Result{*e};  // as MTurk
  if (FindRole(s, c.worker, Role::kWorker) == nullptr) {
    return Fail(ErrorCode::kNotFound, "worker");
  }
  const uint64_t key = PairKey(requester.id.value, c.worker.value);
  if (s.blocked.Find(key) != nullptr) {
    // Blocking again is not an error (a retry must be safe); only the reason changes.
    EmitPayload(out, PayloadKind::kBlockReason, c.worker.value, c.reason, requester.id.value);
    return Result{Empty{}};
  }
  s.blocked.FindOrInsert(key, 1);
  WorkerBlock b{requester.id, c.worker, ctx.now, true};
  s.blocks[BlockKey(requester.id, c.worker)] = b;
  HITD_DCHECK(s.blocked.size() == s.blocks.size());

  out.blocks.push_back(b);
  EmitEvent(s, out, EventType::kWorkerBlocked, ctx.now, requester.id, HitId(), AssignmentId(),
            c.worker);
  EmitPayload(out, PayloadKind::kBlockReason, c.worker.value, c.reason, requester.id.value);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const DeleteWorkerBlock& c, Output& out) {
  const Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = CheckReason(c.reason, /*required=*/false)) return Result{*e};
  // MTurk fails only for an invalid worker id; unblocking a worker who is not blocked
  // succeeds, so the operation is idempotent.
  if (FindRole(s, c.worker, Role::kWorker) == nullptr) {
    return Fail(ErrorCode::kNotFound, "worker");
  }
  const uint64_t key = PairKey(requester.id.value, c.worker.value);
  if (!s.blocked.Erase(key)) return Result{Empty{}};
  auto it = s.blocks.find(BlockKey(requester.id, c.worker));
  HITD_CHECK(it != s.blocks.end());
  WorkerBlock b = it->second;
  b.active = false;
  s.blocks.erase(it);
  // The unblocking reason is validated but not stored: the block it would explain is
  // gone, and MTurk never shows either reason to anyone.
  out.blocks.push_back(b);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const ListWorkerBlocks& c, Output&) {
  const Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = CheckPage(c.page)) return Result{*e};
  BlockList list;
  auto it = s.blocks.lower_bound({requester.id.value, PageStart(c.page)});
  for (; it != s.blocks.end() && it->first.first == requester.id.value; ++it) {
    if (list.blocks.size() == c.page.max_results) {
      list.next_token = PageToken(list.blocks.back().worker.value);
      break;
    }
    list.blocks.push_back(it->second);
  }
  return Result{list};
}

namespace {

// MTurk counts the subject and message in characters, not bytes: count UTF-8 code
// points (every byte that is not a continuation byte).
size_t Utf8Length(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::optional<Error> ValidateNotify(const NotifyWorkers& c) {
  const size_t subject = Utf8Length(c.subject);
  const size_t message = Utf8Length(c.message);
  if (subject == 0 || subject > limits::kNotifySubjectMax) {
    return Error{ErrorCode::kInvalidArgument, "subject"};
  }
  if (message == 0 || message > limits::kNotifyMessageMax) {
    return Error{ErrorCode::kInvalidArgument, "message"};
  }
  if (c.workers.empty() || c.workers.size() > limits::kNotifyWorkersMax) {
    return Error{ErrorCode::kInvalidArgument, "workers"};
  }
  return std::nullopt;
}

// MTurk notifies a worker only if the requester has approved or rejected work from
// them, which keeps requesters from messaging strangers. The walk is over the worker's
// own assignments, which stops at the first decided one of this requester.
bool HasDecidedWorkFor(const State& s, const AccountState& worker, AccountId requester) {
  for (uint32_t id = worker.first_assignment; id != 0;
       id = s.assignment_links[Index(id)].next_in_worker) {
    const Assignment& a = s.assignments[Index(id)];
    if (a.status != AssignmentStatus::kApproved && a.status != AssignmentStatus::kRejected) {
      continue;
    }
    if (s.hits[Index(a.hit.value)].requester == requester) return true;
  }
  return false;
}

bool Seen(const std::vector<WorkerId>& workers, size_t before, WorkerId w) {
  return std::find(workers.begin(), workers.begin() + before, w) != workers.begin() + before;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const NotifyWorkers& c, Output& out) {
  const Account& requester = Actor(s, ctx);
  if (auto e = RequireRole(requester, Role::kRequester)) return Result{*e};
  if (auto e = ValidateNotify(c)) return Result{*e};

  // One failure per worker who cannot be told, in request order; a repeated id is
  // notified (or reported) once. Unknown ids and workers without decided work for this
  // requester fail alike, so that the answer does not reveal which ids exist. Blocked
  // workers are notified: MTurk allows it.
  NotifyResult result;
  std::vector<WorkerId> recipients;
  for (size_t i = 0; i < c.workers.size(); ++i) {
    const WorkerId w = c.workers[i];
    if (Seen(c.workers, i, w)) continue;
    const Account* worker = FindRole(s, w, Role::kWorker);
    if (worker == nullptr || !HasDecidedWorkFor(s, StateOf(s, *worker), requester.id)) {
      result.failures.push_back(NotifyFailure{w, ErrorCode::kNotFound});
    } else {
      recipients.push_back(w);
    }
  }
  if (recipients.empty()) return Result{result};

  // One notification number for the whole call: the store keeps one subject and
  // message per (worker, number).
  const uint64_t number = ++s.notifications;
  for (WorkerId w : recipients) {
    EmitPayload(out, PayloadKind::kNotifySubject, w.value, c.subject, number);
    EmitPayload(out, PayloadKind::kNotifyMessage, w.value, c.message, number);
  }
  return Result{result};
}

}  // namespace hitd::engine
