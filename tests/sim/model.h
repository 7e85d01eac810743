// The simulator's reference model: what the marketplace should do, written as plainly as
// possible (std::map, linear scans, no caches, no indexes) so that it is obviously correct
// and shares nothing with the engine's data structures.
//
// The model never chooses an outcome on its own. For each command it is shown the
// engine's Result and checks it: a command the model is sure about must succeed or fail
// exactly as predicted (the error code within a small set of acceptable codes); where
// DESIGN.md leaves the outcome open the model accepts either and follows the engine. When
// the engine applied a command, the model applies the same effects to its own state.
// Money is kept explicitly per account; escrow is derived from the HITs' slots, so that a
// model that forgets a refund breaks its own conservation check. As records.h specifies,
// an expired (or deleted) HIT has no free slots: they were refunded, and a slot given
// back later is refunded at once.
// Owned by one simulation run; single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/commands.h"
#include "engine/config.h"
#include "engine/replies.h"

namespace hitd::sim {

using namespace hitd::engine;  // NOLINT: the simulator speaks the engine's vocabulary

// Three-valued answer to "may this worker take this slot?": kMaybe where the
// specification is silent (e.g. a reopened slot of a HIT under review).
enum class Tri { kNo, kYes, kMaybe };

struct MAccount {
  AccountId id;
  Role role = Role::kWorker;
  bool suspended = false;
  Locale locale;
  std::string name;
  int64_t available = 0;  // requester or worker
  int64_t withdrawn = 0;  // worker
};

struct MQualType {
  QualTypeId id;
  AccountId owner;
  std::string name;
  bool active = true;
  bool disposed = false;
  bool auto_granted = false;
  int32_t auto_granted_value = 1;
};

struct MQualRequest {
  QualRequestId id;
  WorkerId worker;
  QualTypeId type;
  bool pending = true;
};

struct MHitType {
  HitTypeId id;
  RequesterId requester;
  HitTypeSpec spec;
  bool masters = false;
};

struct MHit {
  HitId id;
  HitTypeId type;
  RequesterId requester;
  TimeMs expires;
  int64_t reward = 0;
  int64_t fee = 0;
  uint32_t max_assignments = 0;
  uint32_t free = 0;
  uint32_t accepted = 0;
  uint32_t submitted = 0;
  uint32_t approved = 0;
  uint32_t rejected_closed = 0;
  int32_t priority = 0;
  uint32_t unslotted = 0;  // overrides of rejections whose slot had reopened
  bool expired = false;
  bool reviewing = false;
  bool disposed = false;
  bool type_changed = false;  // moved by UpdateHITTypeOfHIT: group caps become uncertain
};

struct MAssignment {
  AssignmentId id;
  HitId hit;
  WorkerId worker;
  AssignmentStatus status = AssignmentStatus::kAccepted;
  TimeMs accepted;
  TimeMs deadline;
  TimeMs auto_approval;
  bool reopened = false;  // rejected and the slot went back to the HIT
};

// What one step's comparison found.
struct Verdict {
  std::string mismatch;                    // empty: the engine agreed with the model
  std::vector<HitId> resync_hits;          // ambiguous successes: copy these from the engine
  std::vector<AccountId> resync_accounts;  // likewise, balances
  std::vector<HitId> touched_hits;         // to re-read through the API after the step
  std::vector<AssignmentId> touched_assignments;
};

struct ModelState {
  EngineConfig config;
  TimeMs now;
  std::map<uint64_t, MAccount> accounts;
  std::map<uint64_t, MQualType> qual_types;
  std::map<uint64_t, MQualRequest> qual_requests;
  std::map<std::pair<uint64_t, uint64_t>, int32_t> grants;  // (worker, type) -> value
  std::set<std::pair<uint64_t, uint64_t>> blocks;           // (requester, worker)
  std::map<uint64_t, MHitType> hit_types;
  std::map<uint64_t, MHit> hits;
  std::map<uint64_t, MAssignment> assignments;
  int64_t deposits = 0;
  int64_t revenue = 0;
};

class Model {
 public:
  explicit Model(const EngineConfig& config);

  // Checks the engine's answer to one command and applies the command's effects.
  Verdict Apply(const Context& ctx, const Command& command, const Result& result);

  // The earliest deadline, HIT expiry or auto-approval still to fire.
  std::optional<TimeMs> NextDue() const;

  // After an ambiguous success, the model takes these values from the engine.
  void ResyncHit(const Hit& hit);
  void ResyncBalance(AccountId id, Cents available, Cents withdrawn);

  // Derived values, also used by the checker.
  int64_t EscrowOf(AccountId requester) const;
  int64_t HitEscrow(const MHit& hit) const;
  HitStatus StatusOf(const MHit& hit) const;
  uint32_t AcceptedNow(WorkerId worker) const;
  // At the accept cap, or on probation with today's accepts used up.
  bool Limited(WorkerId worker) const;
  uint32_t CountStatus(WorkerId worker, AssignmentStatus status) const;
  Tri Eligible(WorkerId worker, const MHit& hit) const;
  // The model's own bank test: deposits equal every balance plus revenue.
  std::string CheckConservation() const;

  const ModelState& state() const { return s_; }

 private:
  // Verdict helpers: each records a mismatch and tells the handler whether to go on.
  void ExpectFail(const Result& r, std::vector<ErrorCode> codes);
  bool ExpectOk(const Result& r);
  void Mismatch(const std::string& what);
  bool IsRole(const Context& ctx, Role role) const;
  bool PageBad(const Page& page) const;
  bool PageForged(const Page& page) const;
  void ReadOnly(const Context& ctx, const Result& r, std::optional<Role> role, const Page* page);

  // model.cc: accounts, money, blocks.
  void On(const Context&, const CreateAccount&, const Result&);
  void On(const Context&, const Deposit&, const Result&);
  void On(const Context&, const SuspendAccount&, const Result&);
  void On(const Context&, const ReactivateAccount&, const Result&);
  void On(const Context&, const RotateSecret&, const Result&);
  void On(const Context&, const GetAccount&, const Result&);
  void On(const Context&, const GetStats&, const Result&);
  void On(const Context&, const GetAccountBalance&, const Result&);
  void On(const Context&, const Withdraw&, const Result&);
  void On(const Context&, const SendBonus&, const Result&);
  void On(const Context&, const ListBonusPayments&, const Result&);
  void On(const Context&, const CreateWorkerBlock&, const Result&);
  void On(const Context&, const DeleteWorkerBlock&, const Result&);
  void On(const Context&, const ListWorkerBlocks&, const Result&);
  void On(const Context&, const NotifyWorkers&, const Result&);
  void On(const Context&, const GetDashboard&, const Result&);

  // model_quals.cc
  void On(const Context&, const CreateQualificationType&, const Result&);
  void On(const Context&, const GetQualificationType&, const Result&);
  void On(const Context&, const UpdateQualificationType&, const Result&);
  void On(const Context&, const DeleteQualificationType&, const Result&);
  void On(const Context&, const ListQualificationTypes&, const Result&);
  void On(const Context&, const AssociateQualificationWithWorker&, const Result&);
  void On(const Context&, const DisassociateQualificationFromWorker&, const Result&);
  void On(const Context&, const GetQualificationScore&, const Result&);
  void On(const Context&, const ListWorkersWithQualificationType&, const Result&);
  void On(const Context&, const ListQualificationRequests&, const Result&);
  void On(const Context&, const AcceptQualificationRequest&, const Result&);
  void On(const Context&, const RejectQualificationRequest&, const Result&);
  void On(const Context&, const RequestQualification&, const Result&);
  void On(const Context&, const ListMyQualifications&, const Result&);
  // Grants an admin or an owner may manage; nullopt when the actor may.
  std::optional<std::vector<ErrorCode>> GrantAccess(const Context& ctx, QualTypeId type,
                                                    WorkerId worker, bool* either) const;

  // model_hits.cc
  void On(const Context&, const CreateHitType&, const Result&);
  void On(const Context&, const CreateHit&, const Result&);
  void On(const Context&, const CreateHitWithHitType&, const Result&);
  void On(const Context&, const CreateHits&, const Result&);
  void On(const Context&, const GetHit&, const Result&);
  void On(const Context&, const ListHits&, const Result&);
  void On(const Context&, const ListReviewableHits&, const Result&);
  void On(const Context&, const UpdateExpirationForHit&, const Result&);
  void On(const Context&, const UpdateHitReviewStatus&, const Result&);
  void On(const Context&, const UpdateHitTypeOfHit&, const Result&);
  void On(const Context&, const CreateAdditionalAssignmentsForHit&, const Result&);
  void On(const Context&, const DeleteHit&, const Result&);
  void On(const Context&, const ListAssignmentsForHit&, const Result&);
  void On(const Context&, const PreviewHit&, const Result&);
  void On(const Context&, const ListHitGroups&, const Result&);
  // Spec checks: the acceptable error codes, or nullopt when valid.
  std::optional<std::vector<ErrorCode>> TypeSpecFault(AccountId requester,
                                                      const HitTypeSpec& spec) const;
  std::optional<std::vector<ErrorCode>> HitSpecFault(const HitSpec& spec) const;
  // The existing types of `requester` with exactly these properties.
  std::vector<HitTypeId> SameTypes(AccountId requester, const HitTypeSpec& spec) const;
  // Reward plus fee of one slot of a HIT with `max_assignments` slots.
  int64_t SlotCost(const HitTypeSpec& spec, uint32_t max_assignments) const;
  HitTypeId AddType(HitTypeId id, AccountId requester, const HitTypeSpec& spec);
  void AddHit(HitId id, const MHitType& type, const HitSpec& spec);
  // Checks a requester's access to a HIT: nullopt when it owns a live HIT.
  std::optional<std::vector<ErrorCode>> HitAccess(const Context& ctx, HitId hit) const;
  void Refund(MHit& hit, uint32_t slots);
  void GiveBack(MHit& hit);

  // model_work.cc
  void On(const Context&, const Accept&, const Result&);
  void On(const Context&, const AcceptNext&, const Result&);
  void On(const Context&, const ReturnAssignment&, const Result&);
  void On(const Context&, const SubmitAssignment&, const Result&);
  void On(const Context&, const SubmitAndAcceptNext&, const Result&);
  void On(const Context&, const ApproveAssignment&, const Result&);
  void On(const Context&, const RejectAssignment&, const Result&);
  void On(const Context&, const GetAssignment&, const Result&);
  void On(const Context&, const ListMyAssignments&, const Result&);
  void On(const Context&, const Tick&, const Result&);
  bool Matches(const WorkFilter& filter, const MHit& hit) const;
  Tri Requirements(WorkerId worker, const MHitType& type) const;
  Tri GroupCap(WorkerId worker, const MHitType& type) const;
  bool Excluded(WorkerId worker, const MHitType& type) const;
  bool MeetsSystem(WorkerId worker, const QualificationRequirement& q) const;
  // Checks an AcceptNext choice (or absence); returns the chosen HIT to apply.
  std::optional<HitId> CheckNext(WorkerId worker, const WorkFilter& filter,
                                 const std::optional<AssignmentView>& got, bool* either);
  HitId BestInGroup(const std::vector<const MHit*>& yes, HitTypeId type) const;
  void TakeSlot(WorkerId worker, HitId hit, const AssignmentView& view);
  std::optional<std::vector<ErrorCode>> OwnAssignment(const Context& ctx, AssignmentId id,
                                                      Role role) const;
  std::optional<std::vector<ErrorCode>> SubmitFault(const MAssignment& a,
                                                    const std::string& answer) const;
  void Submit(MAssignment& a);
  void Pay(MAssignment& a);
  // Timers due at `now`, applied; returns the counts for TickResult.
  TickResult FireTimers();

  ModelState s_;
  Verdict v_;
  const Result* result_ = nullptr;
};

// Fees, written independently of engine/money.cc: max(min fee, round-half-up(x * bp)).
int64_t ModelFee(int64_t amount, int64_t bp, int64_t min_fee);

}  // namespace hitd::sim
