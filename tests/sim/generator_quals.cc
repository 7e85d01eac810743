// Generated qualification types, grants and requests. User types are compared with
// GreaterThanOrEqualTo or Exists only, which the model evaluates exactly.
#include "engine/engine.h"
#include "engine/limits.h"
#include "engine/state.h"
#include "tests/sim/generator.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;

QualTypeId Generator::PickQualType(AccountId owner) {
  std::vector<QualTypeId> ids;
  for (const auto& [id, t] : model_.state().qual_types) {
    if (!owner.valid() || t.owner == owner) ids.push_back(t.id);
  }
  if (ids.empty() || rng_.Chance(3)) return QualTypeId(rng_.Chance(50) ? 0 : 99999);
  return rng_.Pick(ids);
}

Step Generator::MakeCreateQualType() {
  CreateQualificationType c;
  c.spec.name = "q" + std::to_string(rng_.Range(0, 6));
  c.spec.description = "skill";
  c.spec.auto_granted = rng_.Chance(25);
  c.spec.auto_granted_value = static_cast<int32_t>(rng_.Range(0, 100));
  AccountId actor = Any(Role::kRequester);
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = Any(Role::kWorker);
        break;
      case 1:
        c.spec.name = rng_.Chance(50) ? "" : Text(lim::kQualNameMax, true);
        break;
      default:
        c.spec.description = Text(lim::kQualDescriptionMax, true);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeGetQualType() {
  GetQualificationType c;
  c.type = rng_.Chance(20) ? QualTypeId(rng_.Range(1, 9)) : PickQualType(AccountId(0));
  return {As(Any(rng_.Chance(50) ? Role::kWorker : Role::kRequester)), c};
}

Step Generator::MakeUpdateQualType() {
  UpdateQualificationType c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  if (rng_.Chance(50)) c.description = "new";
  if (rng_.Chance(30))
    c.status = rng_.Chance(50) ? QualTypeStatus::kActive : QualTypeStatus::kInactive;
  if (rng_.Chance(20)) c.auto_granted = rng_.Chance(50);
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = Other(Role::kRequester, actor);
        break;
      case 1:
        c.description = Text(lim::kQualDescriptionMax, true);
        break;
      default:
        actor = WrongRole(Role::kRequester);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeDeleteQualType() {
  DeleteQualificationType c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  if (Fault())
    actor = rng_.Chance(50) ? Other(Role::kRequester, actor) : WrongRole(Role::kRequester);
  return {As(actor), c};
}

Step Generator::MakeListQualTypes() {
  ListQualificationTypes c;
  c.page = MakePage();
  c.query = rng_.Chance(50) ? "q" : "";
  c.must_be_requestable = rng_.Chance(30);
  return {As(Any(rng_.Chance(50) ? Role::kWorker : Role::kRequester)), c};
}

Step Generator::MakeAssociate() {
  AssociateQualificationWithWorker c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  c.worker = Any(Role::kWorker);
  c.value = static_cast<int32_t>(rng_.Range(0, 100));
  if (rng_.Chance(10)) {  // Masters, which only an admin grants
    actor = kBootstrapAdmin;
    c.type = system_qual::kMasters;
  }
  if (Fault()) {
    switch (rng_.Range(0, 3)) {
      case 0:
        actor = Any(Role::kWorker);
        break;
      case 1:
        actor = Other(Role::kRequester, actor);
        break;
      case 2:
        c.worker = rng_.Chance(50) ? Any(Role::kRequester) : AccountId(99999);
        break;
      default:
        c.type = system_qual::kMasters;
        break;  // a requester granting Masters
    }
  }
  return {As(actor), c};
}

Step Generator::MakeDisassociate() {
  DisassociateQualificationFromWorker c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  c.worker = Any(Role::kWorker);
  for (const auto& [key, value] : model_.state().grants) {
    auto t = model_.state().qual_types.find(key.second);
    if (t != model_.state().qual_types.end() && rng_.Chance(30)) {
      actor = t->second.owner;
      c.type = t->second.id;
      c.worker = AccountId(key.first);
    }
  }
  c.reason = "r";
  if (Fault()) actor = rng_.Chance(50) ? Other(Role::kRequester, actor) : Any(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeGetScore() {
  GetQualificationScore c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  c.worker = Any(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeListHolders() {
  ListWorkersWithQualificationType c;
  AccountId actor = Any(Role::kRequester);
  c.type = PickQualType(actor);
  c.page = MakePage();
  return {As(actor), c};
}

Step Generator::MakeListQualRequests() {
  ListQualificationRequests c;
  AccountId actor = Any(Role::kRequester);
  if (rng_.Chance(50)) c.type = PickQualType(actor);
  c.page = MakePage();
  if (Fault()) actor = WrongRole(Role::kRequester);
  return {As(actor), c};
}

Step Generator::MakeAcceptQualRequest() {
  AcceptQualificationRequest c;
  AccountId actor = Any(Role::kRequester);
  c.request = QualRequestId(rng_.Range(0, model_.state().qual_requests.size() + 1));
  for (const auto& [id, q] : model_.state().qual_requests) {
    if (q.pending && rng_.Chance(60)) {
      c.request = q.id;
      actor = model_.state().qual_types.at(q.type.value).owner;
    }
  }
  if (rng_.Chance(50)) c.value = static_cast<int32_t>(rng_.Range(0, 100));
  if (Fault())
    actor = rng_.Chance(50) ? Other(Role::kRequester, actor) : WrongRole(Role::kRequester);
  return {As(actor), c};
}

Step Generator::MakeRejectQualRequest() {
  RejectQualificationRequest c;
  AccountId actor = Any(Role::kRequester);
  c.request = QualRequestId(rng_.Range(0, model_.state().qual_requests.size() + 1));
  for (const auto& [id, q] : model_.state().qual_requests) {
    if (q.pending && rng_.Chance(60)) {
      c.request = q.id;
      actor = model_.state().qual_types.at(q.type.value).owner;
    }
  }
  c.reason = "no";
  if (Fault()) {
    if (rng_.Chance(50))
      actor = Other(Role::kRequester, actor);
    else
      c.reason = Text(lim::kReasonMax, true);
  }
  return {As(actor), c};
}

Step Generator::MakeRequestQual() {
  RequestQualification c;
  c.type = PickQualType(AccountId(0));
  AccountId actor = Any(Role::kWorker);
  if (Fault()) actor = WrongRole(Role::kWorker);
  return {As(actor), c};
}

Step Generator::MakeListMyQuals() {
  ListMyQualifications c;
  c.page = MakePage();
  return {As(Any(Role::kWorker)), c};
}

}  // namespace hitd::sim
