// A worker's qualifications, one at a time: AssociateQualificationWithWorker,
// DisassociateQualificationFromWorker and GetQualificationScore.
//
// A type's owner grants and revokes it directly (MTurk: no request needed); Masters and
// Adult are granted by an admin. A grant's value may be changed by granting again. The
// other system types are computed from the worker's record and cannot be granted.
#include <optional>

#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/limits.h"
#include "engine/qual_grants.h"

namespace hitd::engine {

namespace {

// The type and worker of a grant or revoke command, after the permission checks.
struct GrantTarget {
  const QualType* type = nullptr;
  const Account* worker = nullptr;
  Error error;
};

GrantTarget FindGrantTarget(State& s, const Account& actor, QualTypeId type, WorkerId worker) {
  const QualType* t = FindVisibleQualType(s, actor, type);
  if (t == nullptr) return {nullptr, nullptr, Error{ErrorCode::kNotFound, "type"}};
  if (std::optional<Error> e = CheckGrantor(actor, *t)) return {nullptr, nullptr, *e};
  const Account* w = FindRole(s, worker, Role::kWorker);
  if (w == nullptr) return {nullptr, nullptr, Error{ErrorCode::kNotFound, "worker"}};
  return {t, w, Error{}};
}

// Events about a system type go to the admin who acted; others to the type's owner.
AccountId EventOwner(const QualType& t, const Account& actor) {
  return t.owner.valid() ? t.owner : actor.id;
}

}  // namespace

Result Handle(State& s, const Context& ctx, const AssociateQualificationWithWorker& cmd,
              Output& out) {
  const Account& actor = Actor(s, ctx);
  GrantTarget target = FindGrantTarget(s, actor, cmd.type, cmd.worker);
  if (target.type == nullptr) return Result{target.error};

  PutGrant(s, out, *target.worker, cmd.type, cmd.value, ctx.now);
  EmitEvent(s, out, EventType::kQualificationGranted, ctx.now, EventOwner(*target.type, actor), {},
            {}, cmd.worker, cmd.type);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const DisassociateQualificationFromWorker& cmd,
              Output& out) {
  const Account& actor = Actor(s, ctx);
  GrantTarget target = FindGrantTarget(s, actor, cmd.type, cmd.worker);
  if (target.type == nullptr) return Result{target.error};
  if (FindGrant(StateOf(s, *target.worker), cmd.type) == nullptr) {
    return Fail(ErrorCode::kNotFound, "worker");
  }
  if (cmd.reason.size() > limits::kReasonMax) return Fail(ErrorCode::kInvalidArgument, "reason");

  DropGrant(s, out, *target.worker, cmd.type);
  EmitPayload(out, PayloadKind::kQualRevokeReason, cmd.worker.value, cmd.reason, cmd.type.value);
  EmitEvent(s, out, EventType::kQualificationRevoked, ctx.now, EventOwner(*target.type, actor), {},
            {}, cmd.worker, cmd.type);
  return Result{Empty{}};
}

// MTurk lets only the type's owner read a score; hitd also lets workers read their own
// (as on the worker's web site) and admins read any.
Result Handle(State& s, const Context& ctx, const GetQualificationScore& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  const QualType* t = FindQualType(s, cmd.type);
  if (t == nullptr || t->status == QualTypeStatus::kDisposed) {
    return Fail(ErrorCode::kNotFound, "type");
  }
  const Account* worker = FindRole(s, cmd.worker, Role::kWorker);
  if (worker == nullptr) return Fail(ErrorCode::kNotFound, "worker");
  const bool allowed = actor.id == worker->id || actor.role == Role::kAdmin ||
                       (t->owner.valid() && t->owner == actor.id);
  if (!allowed) return Fail(ErrorCode::kPermissionDenied, "type");
  std::optional<QualificationView> view = QualificationOf(s, *worker, cmd.type);
  if (!view) return Fail(ErrorCode::kNotFound, "worker");
  return Result{*view};
}

}  // namespace hitd::engine
