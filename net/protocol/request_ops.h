// The operations' codec, one BuildOp and one ReadOp per operation (internal to
// net/protocol/): BuildOp writes an operation's table into a builder that is not
// finished yet; ReadOp reads a verified table into the operation, refusing with
// INVALID_ARGUMENT (naming the field) what wire.h's FieldReader refuses. The overload
// set is the map between C++ operations and schema tables: request_codec.cc derives the
// RequestBody member of each Operation alternative from BuildOp's return type, and
// checks at compile time that every member has exactly one.
#pragma once

#include "net/protocol/operation.h"
#include "net/protocol/wire.h"

namespace hitd::net::wire {

// A WorkFilter (AcceptNext, ListHITGroups, SubscribeWork): no table when it matches
// everything; an absent table reads as one that does (request_work.cc).
fb::Offset<schema::WorkFilter> BuildFilter(fb::FlatBufferBuilder& fbb, const engine::WorkFilter& f);
void ReadFilter(const schema::WorkFilter* t, FieldReader& r, engine::WorkFilter* out);

// request_admin.cc: accounts, money, blocks, notifications
fb::Offset<schema::CreateAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::CreateAccount& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateAccountRequest& t,
                                   engine::CreateAccount* out);
fb::Offset<schema::DepositRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::Deposit& op);
[[nodiscard]] engine::Error ReadOp(const schema::DepositRequest& t, engine::Deposit* out);
fb::Offset<schema::SuspendAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                  const engine::SuspendAccount& op);
[[nodiscard]] engine::Error ReadOp(const schema::SuspendAccountRequest& t,
                                   engine::SuspendAccount* out);
fb::Offset<schema::ReactivateAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ReactivateAccount& op);
[[nodiscard]] engine::Error ReadOp(const schema::ReactivateAccountRequest& t,
                                   engine::ReactivateAccount* out);
fb::Offset<schema::RotateSecretRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                const engine::RotateSecret& op);
[[nodiscard]] engine::Error ReadOp(const schema::RotateSecretRequest& t, engine::RotateSecret* out);
fb::Offset<schema::GetAccountRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::GetAccount& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetAccountRequest& t, engine::GetAccount* out);
fb::Offset<schema::GetStatsRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::GetStats& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetStatsRequest& t, engine::GetStats* out);
fb::Offset<schema::SendBonusRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::SendBonus& op);
[[nodiscard]] engine::Error ReadOp(const schema::SendBonusRequest& t, engine::SendBonus* out);
fb::Offset<schema::ListBonusPaymentsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ListBonusPayments& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListBonusPaymentsRequest& t,
                                   engine::ListBonusPayments* out);
fb::Offset<schema::GetAccountBalanceRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::GetAccountBalance& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetAccountBalanceRequest& t,
                                   engine::GetAccountBalance* out);
fb::Offset<schema::CreateWorkerBlockRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::CreateWorkerBlock& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateWorkerBlockRequest& t,
                                   engine::CreateWorkerBlock* out);
fb::Offset<schema::DeleteWorkerBlockRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::DeleteWorkerBlock& op);
[[nodiscard]] engine::Error ReadOp(const schema::DeleteWorkerBlockRequest& t,
                                   engine::DeleteWorkerBlock* out);
fb::Offset<schema::ListWorkerBlocksRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::ListWorkerBlocks& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListWorkerBlocksRequest& t,
                                   engine::ListWorkerBlocks* out);
fb::Offset<schema::NotifyWorkersRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::NotifyWorkers& op);
[[nodiscard]] engine::Error ReadOp(const schema::NotifyWorkersRequest& t,
                                   engine::NotifyWorkers* out);
fb::Offset<schema::WithdrawRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::Withdraw& op);
[[nodiscard]] engine::Error ReadOp(const schema::WithdrawRequest& t, engine::Withdraw* out);

// request_hits.cc: HIT types and HITs
fb::Offset<schema::CreateHITTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::CreateHitType& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateHITTypeRequest& t,
                                   engine::CreateHitType* out);
fb::Offset<schema::CreateHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::CreateHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateHITRequest& t, engine::CreateHit* out);
fb::Offset<schema::CreateHITWithHITTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::CreateHitWithHitType& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateHITWithHITTypeRequest& t,
                                   engine::CreateHitWithHitType* out);
fb::Offset<schema::CreateHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::CreateHits& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateHITsRequest& t, engine::CreateHits* out);
fb::Offset<schema::GetHITRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::GetHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetHITRequest& t, engine::GetHit* out);
fb::Offset<schema::ListHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::ListHits& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListHITsRequest& t, engine::ListHits* out);
fb::Offset<schema::ListReviewableHITsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                      const engine::ListReviewableHits& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListReviewableHITsRequest& t,
                                   engine::ListReviewableHits* out);
fb::Offset<schema::UpdateExpirationForHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                          const engine::UpdateExpirationForHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::UpdateExpirationForHITRequest& t,
                                   engine::UpdateExpirationForHit* out);
fb::Offset<schema::UpdateHITReviewStatusRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::UpdateHitReviewStatus& op);
[[nodiscard]] engine::Error ReadOp(const schema::UpdateHITReviewStatusRequest& t,
                                   engine::UpdateHitReviewStatus* out);
fb::Offset<schema::UpdateHITTypeOfHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                      const engine::UpdateHitTypeOfHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::UpdateHITTypeOfHITRequest& t,
                                   engine::UpdateHitTypeOfHit* out);
fb::Offset<schema::CreateAdditionalAssignmentsForHITRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::CreateAdditionalAssignmentsForHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateAdditionalAssignmentsForHITRequest& t,
                                   engine::CreateAdditionalAssignmentsForHit* out);
fb::Offset<schema::DeleteHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                             const engine::DeleteHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::DeleteHITRequest& t, engine::DeleteHit* out);

// request_work.cc: assignments and the worker's operations
fb::Offset<schema::ListAssignmentsForHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::ListAssignmentsForHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListAssignmentsForHITRequest& t,
                                   engine::ListAssignmentsForHit* out);
fb::Offset<schema::GetAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::GetAssignment& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetAssignmentRequest& t,
                                   engine::GetAssignment* out);
fb::Offset<schema::ApproveAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ApproveAssignment& op);
[[nodiscard]] engine::Error ReadOp(const schema::ApproveAssignmentRequest& t,
                                   engine::ApproveAssignment* out);
fb::Offset<schema::RejectAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::RejectAssignment& op);
[[nodiscard]] engine::Error ReadOp(const schema::RejectAssignmentRequest& t,
                                   engine::RejectAssignment* out);
fb::Offset<schema::ListHITGroupsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const engine::ListHitGroups& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListHITGroupsRequest& t,
                                   engine::ListHitGroups* out);
fb::Offset<schema::PreviewHITRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::PreviewHit& op);
[[nodiscard]] engine::Error ReadOp(const schema::PreviewHITRequest& t, engine::PreviewHit* out);
fb::Offset<schema::AcceptRequest> BuildOp(fb::FlatBufferBuilder& fbb, const engine::Accept& op);
[[nodiscard]] engine::Error ReadOp(const schema::AcceptRequest& t, engine::Accept* out);
fb::Offset<schema::AcceptNextRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                              const engine::AcceptNext& op);
[[nodiscard]] engine::Error ReadOp(const schema::AcceptNextRequest& t, engine::AcceptNext* out);
fb::Offset<schema::ReturnAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::ReturnAssignment& op);
[[nodiscard]] engine::Error ReadOp(const schema::ReturnAssignmentRequest& t,
                                   engine::ReturnAssignment* out);
fb::Offset<schema::SubmitAssignmentRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                    const engine::SubmitAssignment& op);
[[nodiscard]] engine::Error ReadOp(const schema::SubmitAssignmentRequest& t,
                                   engine::SubmitAssignment* out);
fb::Offset<schema::SubmitAndAcceptNextRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                       const engine::SubmitAndAcceptNext& op);
[[nodiscard]] engine::Error ReadOp(const schema::SubmitAndAcceptNextRequest& t,
                                   engine::SubmitAndAcceptNext* out);
fb::Offset<schema::ListMyAssignmentsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                     const engine::ListMyAssignments& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListMyAssignmentsRequest& t,
                                   engine::ListMyAssignments* out);
fb::Offset<schema::GetDashboardRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                const engine::GetDashboard& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetDashboardRequest& t, engine::GetDashboard* out);

// request_quals.cc: qualifications
fb::Offset<schema::CreateQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::CreateQualificationType& op);
[[nodiscard]] engine::Error ReadOp(const schema::CreateQualificationTypeRequest& t,
                                   engine::CreateQualificationType* out);
fb::Offset<schema::GetQualificationTypeRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::GetQualificationType& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetQualificationTypeRequest& t,
                                   engine::GetQualificationType* out);
fb::Offset<schema::UpdateQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::UpdateQualificationType& op);
[[nodiscard]] engine::Error ReadOp(const schema::UpdateQualificationTypeRequest& t,
                                   engine::UpdateQualificationType* out);
fb::Offset<schema::DeleteQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::DeleteQualificationType& op);
[[nodiscard]] engine::Error ReadOp(const schema::DeleteQualificationTypeRequest& t,
                                   engine::DeleteQualificationType* out);
fb::Offset<schema::ListQualificationTypesRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                          const engine::ListQualificationTypes& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListQualificationTypesRequest& t,
                                   engine::ListQualificationTypes* out);
fb::Offset<schema::AssociateQualificationWithWorkerRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::AssociateQualificationWithWorker& op);
[[nodiscard]] engine::Error ReadOp(const schema::AssociateQualificationWithWorkerRequest& t,
                                   engine::AssociateQualificationWithWorker* out);
fb::Offset<schema::DisassociateQualificationFromWorkerRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::DisassociateQualificationFromWorker& op);
[[nodiscard]] engine::Error ReadOp(const schema::DisassociateQualificationFromWorkerRequest& t,
                                   engine::DisassociateQualificationFromWorker* out);
fb::Offset<schema::GetQualificationScoreRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                         const engine::GetQualificationScore& op);
[[nodiscard]] engine::Error ReadOp(const schema::GetQualificationScoreRequest& t,
                                   engine::GetQualificationScore* out);
fb::Offset<schema::ListWorkersWithQualificationTypeRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::ListWorkersWithQualificationType& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListWorkersWithQualificationTypeRequest& t,
                                   engine::ListWorkersWithQualificationType* out);
fb::Offset<schema::ListQualificationRequestsRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::ListQualificationRequests& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListQualificationRequestsRequest& t,
                                   engine::ListQualificationRequests* out);
fb::Offset<schema::AcceptQualificationRequestRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::AcceptQualificationRequest& op);
[[nodiscard]] engine::Error ReadOp(const schema::AcceptQualificationRequestRequest& t,
                                   engine::AcceptQualificationRequest* out);
fb::Offset<schema::RejectQualificationRequestRequest> BuildOp(
    fb::FlatBufferBuilder& fbb, const engine::RejectQualificationRequest& op);
[[nodiscard]] engine::Error ReadOp(const schema::RejectQualificationRequestRequest& t,
                                   engine::RejectQualificationRequest* out);
fb::Offset<schema::RequestQualificationRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::RequestQualification& op);
[[nodiscard]] engine::Error ReadOp(const schema::RequestQualificationRequest& t,
                                   engine::RequestQualification* out);
fb::Offset<schema::ListMyQualificationsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                        const engine::ListMyQualifications& op);
[[nodiscard]] engine::Error ReadOp(const schema::ListMyQualificationsRequest& t,
                                   engine::ListMyQualifications* out);

// request_daemon.cc: the daemon's own operations
fb::Offset<schema::SubscribeEventsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                   const SubscribeEvents& op);
[[nodiscard]] engine::Error ReadOp(const schema::SubscribeEventsRequest& t, SubscribeEvents* out);
fb::Offset<schema::SubscribeWorkRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const SubscribeWork& op);
[[nodiscard]] engine::Error ReadOp(const schema::SubscribeWorkRequest& t, SubscribeWork* out);
fb::Offset<schema::UnsubscribeRequest> BuildOp(fb::FlatBufferBuilder& fbb, const Unsubscribe& op);
[[nodiscard]] engine::Error ReadOp(const schema::UnsubscribeRequest& t, Unsubscribe* out);
fb::Offset<schema::BackupRequest> BuildOp(fb::FlatBufferBuilder& fbb, const Backup& op);
[[nodiscard]] engine::Error ReadOp(const schema::BackupRequest& t, Backup* out);

}  // namespace hitd::net::wire
