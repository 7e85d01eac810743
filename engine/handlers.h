// One handler per command, as free functions over the State (internal to the engine).
//
// Engine::Apply dispatches here after authenticating the actor and checking the
// request token. Every handler validates its whole input before it changes anything,
// so that a rejected command changes nothing; it then mutates the State and appends
// events and changed records to the Output. Handlers live in the file of their concept
// (the groups below name the files, where they differ: quals_workers.cc and quals_list.cc
// hold part of the qualification handlers, hit_updates.cc the HIT changes after
// creation, accept.cc Accept and AcceptNext, hit_groups.cc ListHITGroups).
#pragma once

#include "engine/commands.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

// accounts.cc
Result Handle(State&, const Context&, const CreateAccount&, Output&);
Result Handle(State&, const Context&, const SuspendAccount&, Output&);
Result Handle(State&, const Context&, const ReactivateAccount&, Output&);
Result Handle(State&, const Context&, const RotateSecret&, Output&);
Result Handle(State&, const Context&, const GetAccount&, Output&);
Result Handle(State&, const Context&, const GetStats&, Output&);
Result Handle(State&, const Context&, const GetDashboard&, Output&);

// money_ops.cc
Result Handle(State&, const Context&, const Deposit&, Output&);
Result Handle(State&, const Context&, const GetAccountBalance&, Output&);
Result Handle(State&, const Context&, const SendBonus&, Output&);
Result Handle(State&, const Context&, const ListBonusPayments&, Output&);
Result Handle(State&, const Context&, const Withdraw&, Output&);

// blocks.cc (worker blocks and NotifyWorkers)
Result Handle(State&, const Context&, const CreateWorkerBlock&, Output&);
Result Handle(State&, const Context&, const DeleteWorkerBlock&, Output&);
Result Handle(State&, const Context&, const ListWorkerBlocks&, Output&);
Result Handle(State&, const Context&, const NotifyWorkers&, Output&);

// quals.cc (types and grants)
Result Handle(State&, const Context&, const CreateQualificationType&, Output&);
Result Handle(State&, const Context&, const GetQualificationType&, Output&);
Result Handle(State&, const Context&, const UpdateQualificationType&, Output&);
Result Handle(State&, const Context&, const DeleteQualificationType&, Output&);
Result Handle(State&, const Context&, const ListQualificationTypes&, Output&);
Result Handle(State&, const Context&, const AssociateQualificationWithWorker&, Output&);
Result Handle(State&, const Context&, const DisassociateQualificationFromWorker&, Output&);
Result Handle(State&, const Context&, const GetQualificationScore&, Output&);
Result Handle(State&, const Context&, const ListWorkersWithQualificationType&, Output&);
Result Handle(State&, const Context&, const ListMyQualifications&, Output&);

// qual_requests.cc
Result Handle(State&, const Context&, const RequestQualification&, Output&);
Result Handle(State&, const Context&, const ListQualificationRequests&, Output&);
Result Handle(State&, const Context&, const AcceptQualificationRequest&, Output&);
Result Handle(State&, const Context&, const RejectQualificationRequest&, Output&);

// hits.cc
Result Handle(State&, const Context&, const CreateHitType&, Output&);
Result Handle(State&, const Context&, const CreateHit&, Output&);
Result Handle(State&, const Context&, const CreateHitWithHitType&, Output&);
Result Handle(State&, const Context&, const CreateHits&, Output&);
Result Handle(State&, const Context&, const GetHit&, Output&);
Result Handle(State&, const Context&, const UpdateExpirationForHit&, Output&);
Result Handle(State&, const Context&, const UpdateHitReviewStatus&, Output&);
Result Handle(State&, const Context&, const UpdateHitTypeOfHit&, Output&);
Result Handle(State&, const Context&, const CreateAdditionalAssignmentsForHit&, Output&);
Result Handle(State&, const Context&, const DeleteHit&, Output&);
Result Handle(State&, const Context&, const PreviewHit&, Output&);

// assignments.cc
Result Handle(State&, const Context&, const GetAssignment&, Output&);
Result Handle(State&, const Context&, const ApproveAssignment&, Output&);
Result Handle(State&, const Context&, const RejectAssignment&, Output&);
Result Handle(State&, const Context&, const ReturnAssignment&, Output&);
Result Handle(State&, const Context&, const SubmitAssignment&, Output&);
Result Handle(State&, const Context&, const SubmitAndAcceptNext&, Output&);

// accept.cc, hit_groups.cc
Result Handle(State&, const Context&, const Accept&, Output&);
Result Handle(State&, const Context&, const AcceptNext&, Output&);
Result Handle(State&, const Context&, const ListHitGroups&, Output&);

// lists.cc
Result Handle(State&, const Context&, const ListHits&, Output&);
Result Handle(State&, const Context&, const ListReviewableHits&, Output&);
Result Handle(State&, const Context&, const ListAssignmentsForHit&, Output&);
Result Handle(State&, const Context&, const ListMyAssignments&, Output&);

// tick.cc
Result Handle(State&, const Context&, const Tick&, Output&);

}  // namespace hitd::engine
