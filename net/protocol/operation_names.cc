// The operation name table (operation_names.h).
#include "net/protocol/operation_names.h"

#include <cstddef>
#include <iterator>

namespace hitd::net {
namespace {

constexpr OperationName kNames[] = {
    {schema::RequestBody::CreateAccount, "create-account"},
    {schema::RequestBody::Deposit, "deposit"},
    {schema::RequestBody::SuspendAccount, "suspend-account"},
    {schema::RequestBody::ReactivateAccount, "reactivate-account"},
    {schema::RequestBody::RotateSecret, "rotate-secret"},
    {schema::RequestBody::GetAccount, "get-account"},
    {schema::RequestBody::GetStats, "get-stats"},
    {schema::RequestBody::CreateHITType, "create-hit-type"},
    {schema::RequestBody::CreateHIT, "create-hit"},
    {schema::RequestBody::CreateHITWithHITType, "create-hit-with-hit-type"},
    {schema::RequestBody::CreateHITs, "create-hits"},
    {schema::RequestBody::GetHIT, "get-hit"},
    {schema::RequestBody::ListHITs, "list-hits"},
    {schema::RequestBody::ListReviewableHITs, "list-reviewable-hits"},
    {schema::RequestBody::UpdateExpirationForHIT, "update-expiration-for-hit"},
    {schema::RequestBody::UpdateHITReviewStatus, "update-hit-review-status"},
    {schema::RequestBody::UpdateHITTypeOfHIT, "update-hit-type-of-hit"},
    {schema::RequestBody::CreateAdditionalAssignmentsForHIT,
     "create-additional-assignments-for-hit"},
    {schema::RequestBody::DeleteHIT, "delete-hit"},
    {schema::RequestBody::ListAssignmentsForHIT, "list-assignments-for-hit"},
    {schema::RequestBody::GetAssignment, "get-assignment"},
    {schema::RequestBody::ApproveAssignment, "approve-assignment"},
    {schema::RequestBody::RejectAssignment, "reject-assignment"},
    {schema::RequestBody::SendBonus, "send-bonus"},
    {schema::RequestBody::ListBonusPayments, "list-bonus-payments"},
    {schema::RequestBody::GetAccountBalance, "get-account-balance"},
    {schema::RequestBody::CreateWorkerBlock, "create-worker-block"},
    {schema::RequestBody::DeleteWorkerBlock, "delete-worker-block"},
    {schema::RequestBody::ListWorkerBlocks, "list-worker-blocks"},
    {schema::RequestBody::NotifyWorkers, "notify-workers"},
    {schema::RequestBody::CreateQualificationType, "create-qualification-type"},
    {schema::RequestBody::GetQualificationType, "get-qualification-type"},
    {schema::RequestBody::UpdateQualificationType, "update-qualification-type"},
    {schema::RequestBody::DeleteQualificationType, "delete-qualification-type"},
    {schema::RequestBody::ListQualificationTypes, "list-qualification-types"},
    {schema::RequestBody::AssociateQualificationWithWorker, "associate-qualification-with-worker"},
    {schema::RequestBody::DisassociateQualificationFromWorker,
     "disassociate-qualification-from-worker"},
    {schema::RequestBody::GetQualificationScore, "get-qualification-score"},
    {schema::RequestBody::ListWorkersWithQualificationType, "list-workers-with-qualification-type"},
    {schema::RequestBody::ListQualificationRequests, "list-qualification-requests"},
    {schema::RequestBody::AcceptQualificationRequest, "accept-qualification-request"},
    {schema::RequestBody::RejectQualificationRequest, "reject-qualification-request"},
    {schema::RequestBody::RequestQualification, "request-qualification"},
    {schema::RequestBody::ListMyQualifications, "list-my-qualifications"},
    {schema::RequestBody::ListHITGroups, "list-hit-groups"},
    {schema::RequestBody::PreviewHIT, "preview-hit"},
    {schema::RequestBody::Accept, "accept"},
    {schema::RequestBody::AcceptNext, "accept-next"},
    {schema::RequestBody::ReturnAssignment, "return-assignment"},
    {schema::RequestBody::SubmitAssignment, "submit-assignment"},
    {schema::RequestBody::SubmitAndAcceptNext, "submit-and-accept-next"},
    {schema::RequestBody::ListMyAssignments, "list-my-assignments"},
    {schema::RequestBody::GetDashboard, "get-dashboard"},
    {schema::RequestBody::Withdraw, "withdraw"},
    {schema::RequestBody::SubscribeEvents, "subscribe-events"},
    {schema::RequestBody::SubscribeWork, "subscribe-work"},
    {schema::RequestBody::Unsubscribe, "unsubscribe"},
    {schema::RequestBody::Backup, "backup"},
};

// One row per member, in the union's order, so that a member's row is at its value - 1.
constexpr bool InUnionOrder() {
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (static_cast<size_t>(kNames[i].body) != i + 1) return false;
  }
  return std::size(kNames) == static_cast<size_t>(schema::RequestBody::MAX);
}
static_assert(InUnionOrder(), "the name table must list every RequestBody member, in order");

}  // namespace

std::span<const OperationName> OperationNames() { return kNames; }

std::string_view NameOf(schema::RequestBody body) {
  const auto i = static_cast<size_t>(body);
  if (i == 0 || i > std::size(kNames)) return {};
  return kNames[i - 1].name;
}

std::optional<schema::RequestBody> OperationNamed(std::string_view name) {
  for (const OperationName& row : kNames) {
    if (row.name == name) return row.body;
  }
  return std::nullopt;
}

}  // namespace hitd::net
