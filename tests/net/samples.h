// Sample values for the codec tests: one of every operation and every reply, each with
// every field set to something other than its default (field_walk.h's Unset checks
// that), so that a round trip proves the codec carries every field.
//
// Sample<T>() is overloaded per type: a new Command or Reply alternative without a
// sample fails to compile (SampleAt below instantiates one for every alternative).
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

#include "engine/commands.h"
#include "engine/replies.h"
#include "net/protocol/operation.h"
#include "net/protocol/session_codec.h"

namespace hitd::net::testing {

template <typename T>
struct Tag {};

// ---- building blocks ----
engine::Locale SampleLocale();
engine::HitTypeSpec SampleHitTypeSpec();
engine::HitSpec SampleHitSpec(int n);
engine::QualTypeSpec SampleQualTypeSpec();
engine::WorkFilter SampleFilter();
engine::Account SampleAccount();
engine::Hit SampleHit();
engine::HitType SampleHitType();
engine::Assignment SampleAssignment(uint64_t id);
engine::QualType SampleQualType();
engine::QualRequest SampleQualRequest();
engine::Event SampleEvent(uint64_t seq);

// ---- operations (samples_commands.cc) ----
engine::CreateAccount Sample(Tag<engine::CreateAccount>);
engine::Deposit Sample(Tag<engine::Deposit>);
engine::SuspendAccount Sample(Tag<engine::SuspendAccount>);
engine::ReactivateAccount Sample(Tag<engine::ReactivateAccount>);
engine::RotateSecret Sample(Tag<engine::RotateSecret>);
engine::GetAccount Sample(Tag<engine::GetAccount>);
engine::GetStats Sample(Tag<engine::GetStats>);
engine::CreateHitType Sample(Tag<engine::CreateHitType>);
engine::CreateHit Sample(Tag<engine::CreateHit>);
engine::CreateHitWithHitType Sample(Tag<engine::CreateHitWithHitType>);
engine::CreateHits Sample(Tag<engine::CreateHits>);
engine::GetHit Sample(Tag<engine::GetHit>);
engine::ListHits Sample(Tag<engine::ListHits>);
engine::ListReviewableHits Sample(Tag<engine::ListReviewableHits>);
engine::UpdateExpirationForHit Sample(Tag<engine::UpdateExpirationForHit>);
engine::UpdateHitReviewStatus Sample(Tag<engine::UpdateHitReviewStatus>);
engine::UpdateHitTypeOfHit Sample(Tag<engine::UpdateHitTypeOfHit>);
engine::CreateAdditionalAssignmentsForHit Sample(Tag<engine::CreateAdditionalAssignmentsForHit>);
engine::DeleteHit Sample(Tag<engine::DeleteHit>);
engine::ListAssignmentsForHit Sample(Tag<engine::ListAssignmentsForHit>);
engine::GetAssignment Sample(Tag<engine::GetAssignment>);
engine::ApproveAssignment Sample(Tag<engine::ApproveAssignment>);
engine::RejectAssignment Sample(Tag<engine::RejectAssignment>);
engine::SendBonus Sample(Tag<engine::SendBonus>);
engine::ListBonusPayments Sample(Tag<engine::ListBonusPayments>);
engine::GetAccountBalance Sample(Tag<engine::GetAccountBalance>);
engine::CreateWorkerBlock Sample(Tag<engine::CreateWorkerBlock>);
engine::DeleteWorkerBlock Sample(Tag<engine::DeleteWorkerBlock>);
engine::ListWorkerBlocks Sample(Tag<engine::ListWorkerBlocks>);
engine::NotifyWorkers Sample(Tag<engine::NotifyWorkers>);
engine::CreateQualificationType Sample(Tag<engine::CreateQualificationType>);
engine::GetQualificationType Sample(Tag<engine::GetQualificationType>);
engine::UpdateQualificationType Sample(Tag<engine::UpdateQualificationType>);
engine::DeleteQualificationType Sample(Tag<engine::DeleteQualificationType>);
engine::ListQualificationTypes Sample(Tag<engine::ListQualificationTypes>);
engine::AssociateQualificationWithWorker Sample(Tag<engine::AssociateQualificationWithWorker>);
engine::DisassociateQualificationFromWorker Sample(
    Tag<engine::DisassociateQualificationFromWorker>);
engine::GetQualificationScore Sample(Tag<engine::GetQualificationScore>);
engine::ListWorkersWithQualificationType Sample(Tag<engine::ListWorkersWithQualificationType>);
engine::ListQualificationRequests Sample(Tag<engine::ListQualificationRequests>);
engine::AcceptQualificationRequest Sample(Tag<engine::AcceptQualificationRequest>);
engine::RejectQualificationRequest Sample(Tag<engine::RejectQualificationRequest>);
engine::RequestQualification Sample(Tag<engine::RequestQualification>);
engine::ListMyQualifications Sample(Tag<engine::ListMyQualifications>);
engine::ListHitGroups Sample(Tag<engine::ListHitGroups>);
engine::PreviewHit Sample(Tag<engine::PreviewHit>);
engine::Accept Sample(Tag<engine::Accept>);
engine::AcceptNext Sample(Tag<engine::AcceptNext>);
engine::ReturnAssignment Sample(Tag<engine::ReturnAssignment>);
engine::SubmitAssignment Sample(Tag<engine::SubmitAssignment>);
engine::SubmitAndAcceptNext Sample(Tag<engine::SubmitAndAcceptNext>);
engine::ListMyAssignments Sample(Tag<engine::ListMyAssignments>);
engine::GetDashboard Sample(Tag<engine::GetDashboard>);
engine::Withdraw Sample(Tag<engine::Withdraw>);
engine::Tick Sample(Tag<engine::Tick>);
SubscribeEvents Sample(Tag<SubscribeEvents>);
SubscribeWork Sample(Tag<SubscribeWork>);
Unsubscribe Sample(Tag<Unsubscribe>);
Backup Sample(Tag<Backup>);

// ---- replies (samples_replies.cc) ----
engine::Empty Sample(Tag<engine::Empty>);
engine::AccountView Sample(Tag<engine::AccountView>);
engine::AccountBalance Sample(Tag<engine::AccountBalance>);
engine::Stats Sample(Tag<engine::Stats>);
engine::HitView Sample(Tag<engine::HitView>);
engine::HitList Sample(Tag<engine::HitList>);
engine::HitTypeCreated Sample(Tag<engine::HitTypeCreated>);
engine::HitCreated Sample(Tag<engine::HitCreated>);
engine::HitsCreated Sample(Tag<engine::HitsCreated>);
engine::AssignmentView Sample(Tag<engine::AssignmentView>);
engine::AssignmentList Sample(Tag<engine::AssignmentList>);
engine::SubmitAndAcceptNextResult Sample(Tag<engine::SubmitAndAcceptNextResult>);
engine::BonusSent Sample(Tag<engine::BonusSent>);
engine::BonusList Sample(Tag<engine::BonusList>);
engine::BlockList Sample(Tag<engine::BlockList>);
engine::NotifyResult Sample(Tag<engine::NotifyResult>);
engine::QualTypeCreated Sample(Tag<engine::QualTypeCreated>);
engine::QualTypeView Sample(Tag<engine::QualTypeView>);
engine::QualTypeList Sample(Tag<engine::QualTypeList>);
engine::QualificationView Sample(Tag<engine::QualificationView>);
engine::QualificationList Sample(Tag<engine::QualificationList>);
engine::QualRequestList Sample(Tag<engine::QualRequestList>);
engine::QualRequestResult Sample(Tag<engine::QualRequestResult>);
engine::HitGroupList Sample(Tag<engine::HitGroupList>);
engine::Dashboard Sample(Tag<engine::Dashboard>);
engine::Withdrawal Sample(Tag<engine::Withdrawal>);
engine::TickResult Sample(Tag<engine::TickResult>);
engine::Error Sample(Tag<engine::Error>);
Subscribed Sample(Tag<Subscribed>);
BackupDone Sample(Tag<BackupDone>);
Hello Sample(Tag<Hello>);
Welcome Sample(Tag<Welcome>);
WorkAvailable Sample(Tag<WorkAvailable>);

// The sample of alternative `index` of variant V.
template <typename V, size_t... I>
V SampleAt(size_t index, std::index_sequence<I...>) {
  V out;
  ((I == index
        ? (out = V(std::in_place_index<I>, Sample(Tag<std::variant_alternative_t<I, V>>{})), true)
        : false) ||
   ...);
  return out;
}
template <typename V>
V SampleAt(size_t index) {
  return SampleAt<V>(index, std::make_index_sequence<std::variant_size_v<V>>{});
}

}  // namespace hitd::net::testing
