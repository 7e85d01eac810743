// The model's qualification types, grants and requests. Only what matching needs is
// modelled exactly (who holds which value); tests, scores and retries are left open.
#include <variant>

#include "engine/limits.h"
#include "engine/state.h"
#include "tests/sim/model.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;

void Model::On(const Context& ctx, const CreateQualificationType& c, const Result& r) {
  if (IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  if (!IsRole(ctx, Role::kRequester)) return;  // admins owning types: unspecified
  const QualTypeSpec& q = c.spec;
  if (q.name.empty() || q.name.size() > lim::kQualNameMax ||
      q.description.size() > lim::kQualDescriptionMax || q.keywords.size() > lim::kKeywordsMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  for (const auto& [id, t] : s_.qual_types) {
    if (t.owner == ctx.actor && t.name == q.name && !t.disposed) {
      return ExpectFail(r, {EC::kAlreadyExists});
    }
  }
  bool either = !q.test.empty() || q.status != QualTypeStatus::kActive;
  if (either ? !r.ok() : !ExpectOk(r)) return;
  const auto* created = std::get_if<QualTypeCreated>(&r.reply);
  if (created == nullptr) return Mismatch("CreateQualificationType: unexpected reply");
  if (created->type.value < system_qual::kFirstUserId || s_.qual_types.count(created->type.value)) {
    return Mismatch("CreateQualificationType: id is not a fresh user id");
  }
  MQualType t;
  t.id = created->type;
  t.owner = ctx.actor;
  t.name = q.name;
  t.active = q.status == QualTypeStatus::kActive;
  t.auto_granted = q.auto_granted;
  t.auto_granted_value = q.auto_granted_value;
  s_.qual_types[t.id.value] = t;
}

void Model::On(const Context& ctx, const GetQualificationType& c, const Result& r) {
  bool system = c.type.value >= 1 && c.type.value <= system_qual::kCount;
  auto it = s_.qual_types.find(c.type.value);
  if (!system && it == s_.qual_types.end()) return ExpectFail(r, {EC::kNotFound});
  if (system) return static_cast<void>(ExpectOk(r));
  // Whether others see an inactive or deleted type is not specified.
  const MQualType& t = it->second;
  if (!t.disposed && (t.active || t.owner == ctx.actor)) ExpectOk(r);
}

// Types are found before ownership is checked, so a worker naming a type that does not
// exist may hear NOT_FOUND rather than PERMISSION_DENIED.
void Model::On(const Context& ctx, const UpdateQualificationType& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  auto it = s_.qual_types.find(c.type.value);
  if (it == s_.qual_types.end()) {
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument});
  }
  if (it->second.owner != ctx.actor) return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  if (it->second.disposed) return;  // updating a deleted type: NOT_FOUND or any check's code
  if (c.description && c.description->size() > lim::kQualDescriptionMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  bool either = it->second.disposed || c.test || c.answer_key ||
                (c.status && *c.status == QualTypeStatus::kDisposed);
  if (either ? !r.ok() : !ExpectOk(r)) return;
  MQualType& t = it->second;
  if (c.status) t.active = *c.status == QualTypeStatus::kActive;
  if (c.status && *c.status == QualTypeStatus::kDisposed) t.disposed = true;
  if (c.auto_granted) t.auto_granted = *c.auto_granted;
  if (c.auto_granted_value) t.auto_granted_value = *c.auto_granted_value;
}

void Model::On(const Context& ctx, const DeleteQualificationType& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  auto it = s_.qual_types.find(c.type.value);
  if (it == s_.qual_types.end()) {
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument});
  }
  if (it->second.owner != ctx.actor) return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  if (it->second.disposed ? !r.ok() : !ExpectOk(r)) return;
  it->second.disposed = true;
  it->second.active = false;
}

void Model::On(const Context& ctx, const ListQualificationTypes& c, const Result& r) {
  ReadOnly(ctx, r, std::nullopt, &c.page);
}

std::optional<std::vector<ErrorCode>> Model::GrantAccess(const Context& ctx, QualTypeId type,
                                                         WorkerId worker, bool* either) const {
  if (IsRole(ctx, Role::kWorker)) return std::vector<EC>{EC::kPermissionDenied, EC::kNotFound};
  auto t = s_.qual_types.find(type.value);
  const bool masters = type == system_qual::kMasters;
  if (!masters && t == s_.qual_types.end()) {
    return std::vector<EC>{EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument,
                           EC::kFailedPrecondition};
  }
  if (masters && !IsRole(ctx, Role::kAdmin)) {
    return std::vector<EC>{EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument};
  }
  if (!masters && IsRole(ctx, Role::kAdmin)) *either = true;  // admins and user types
  if (!masters && !IsRole(ctx, Role::kAdmin) && t->second.owner != ctx.actor) {
    return std::vector<EC>{EC::kNotFound, EC::kPermissionDenied};
  }
  auto w = s_.accounts.find(worker.value);
  if (w == s_.accounts.end() || w->second.role != Role::kWorker) {
    return std::vector<EC>{EC::kNotFound, EC::kInvalidArgument};
  }
  if (!masters && (t->second.disposed || !t->second.active)) *either = true;
  return std::nullopt;
}

void Model::On(const Context& ctx, const AssociateQualificationWithWorker& c, const Result& r) {
  bool either = false;
  if (auto codes = GrantAccess(ctx, c.type, c.worker, &either)) return ExpectFail(r, *codes);
  if (either ? !r.ok() : !ExpectOk(r)) return;
  s_.grants[{c.worker.value, c.type.value}] = c.value;
}

void Model::On(const Context& ctx, const DisassociateQualificationFromWorker& c, const Result& r) {
  bool either = false;
  if (auto codes = GrantAccess(ctx, c.type, c.worker, &either)) return ExpectFail(r, *codes);
  if (c.reason.size() > lim::kReasonMax) return ExpectFail(r, {EC::kInvalidArgument});
  either |= !s_.grants.count({c.worker.value, c.type.value});
  if (either ? !r.ok() : !ExpectOk(r)) return;
  s_.grants.erase({c.worker.value, c.type.value});
}

void Model::On(const Context& ctx, const GetQualificationScore& c, const Result& r) {
  auto t = s_.qual_types.find(c.type.value);
  if (t == s_.qual_types.end() && c.type.value > system_qual::kCount) {
    return ExpectFail(r, {EC::kNotFound});
  }
  auto g = s_.grants.find({c.worker.value, c.type.value});
  bool owner = t != s_.qual_types.end() && t->second.owner == ctx.actor;
  if (!owner || g == s_.grants.end() || !r.ok()) return;
  const auto* q = std::get_if<QualificationView>(&r.reply);
  if (q != nullptr && q->status == GrantStatus::kGranted && q->value != g->second) {
    Mismatch("GetQualificationScore: value differs");
  }
}

void Model::On(const Context&, const ListWorkersWithQualificationType& c, const Result& r) {
  bool known =
      c.type.valid() && (c.type.value <= system_qual::kCount || s_.qual_types.count(c.type.value));
  // Who may list the holders of a type, and which check comes first, is not specified.
  if (!known || PageBad(c.page)) {
    return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument, EC::kPermissionDenied});
  }
}

void Model::On(const Context& ctx, const ListQualificationRequests& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto t = s_.qual_types.find(c.type.value);
  bool foreign = c.type.valid() &&
                 (t == s_.qual_types.end() || t->second.owner != ctx.actor || t->second.disposed);
  if (PageBad(c.page)) {
    if (foreign) return ExpectFail(r, {EC::kInvalidArgument, EC::kNotFound, EC::kPermissionDenied});
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  if (!c.type.valid() && !PageForged(c.page)) ExpectOk(r);
}

void Model::On(const Context& ctx, const RequestQualification& c, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  auto t = s_.qual_types.find(c.type.value);
  if (t == s_.qual_types.end()) {
    if (c.type.value > system_qual::kCount) return ExpectFail(r, {EC::kNotFound});
    return;  // requesting a system type: unspecified
  }
  if (t->second.disposed || !t->second.active) {
    return ExpectFail(
        r, {EC::kNotFound, EC::kFailedPrecondition, EC::kInvalidArgument, EC::kPermissionDenied});
  }
  bool either = !c.answers.empty() || s_.grants.count({ctx.actor.value, c.type.value});
  for (const auto& [id, q] : s_.qual_requests) {
    either |= q.worker == ctx.actor && q.type == c.type;  // retries: left open
  }
  if (either ? !r.ok() : !ExpectOk(r)) return;
  const auto* res = std::get_if<QualRequestResult>(&r.reply);
  if (res == nullptr) return Mismatch("RequestQualification: unexpected reply");
  if (!either && t->second.auto_granted != res->granted_value.has_value()) {
    return Mismatch("RequestQualification: auto-grant differs");
  }
  if (res->granted_value) {
    if (!either && *res->granted_value != t->second.auto_granted_value) {
      Mismatch("RequestQualification: granted value differs");
    }
    s_.grants[{ctx.actor.value, c.type.value}] = *res->granted_value;
  }
  MQualRequest q{res->request.id, ctx.actor, c.type,
                 res->request.status == QualRequestStatus::kPending};
  s_.qual_requests[q.id.value] = q;
}

void Model::On(const Context& ctx, const AcceptQualificationRequest& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  auto q = s_.qual_requests.find(c.request.value);
  if (q == s_.qual_requests.end()) return ExpectFail(r, {EC::kNotFound});
  const MQualType& t = s_.qual_types.at(q->second.type.value);
  if (t.owner != ctx.actor) return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  if (!q->second.pending && !t.disposed) return ExpectFail(r, {EC::kFailedPrecondition});
  bool either = t.disposed || !t.active;
  if (either ? !r.ok() : !ExpectOk(r)) return;
  q->second.pending = false;
  s_.grants[{q->second.worker.value, t.id.value}] = c.value.value_or(1);
}

void Model::On(const Context& ctx, const RejectQualificationRequest& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied, EC::kNotFound});
  auto q = s_.qual_requests.find(c.request.value);
  if (q == s_.qual_requests.end()) return ExpectFail(r, {EC::kNotFound});
  const MQualType& t = s_.qual_types.at(q->second.type.value);
  if (t.owner != ctx.actor) return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  // Deleting a type may decide its pending requests: left open.
  if (t.disposed) {
    if (r.ok()) q->second.pending = false;
    return;
  }
  if (!q->second.pending) return ExpectFail(r, {EC::kFailedPrecondition});
  if (c.reason.size() > lim::kReasonMax) return ExpectFail(r, {EC::kInvalidArgument});
  if (!ExpectOk(r)) return;
  q->second.pending = false;
}

void Model::On(const Context& ctx, const ListMyQualifications& c, const Result& r) {
  ReadOnly(ctx, r, Role::kWorker, &c.page);
}

}  // namespace hitd::sim
