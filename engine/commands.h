// Every command the engine applies, as plain C++ values (no FlatBuffers here: the codec
// in net/ builds these from frames).
//
// A command runs as `Context::actor` at `Context::now`; the engine checks the actor's
// role and ownership itself. Strings that are opaque payloads (question, answer,
// feedback, reasons, test content, secret hashes) are only validated for size and passed
// through to the Output as views into the command, so a command must outlive the Output
// it was applied into.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/records.h"
#include "engine/types.h"

namespace hitd::engine {

struct Context {
  Context() = default;
  Context(AccountId actor_id, TimeMs now_ms, std::string token = {}, uint64_t fingerprint = 0)
      : actor(actor_id),
        now(now_ms),
        request_token(std::move(token)),
        request_fingerprint(fingerprint) {}

  AccountId actor;  // 0 only for Tick
  TimeMs now;
  // Optional idempotency token and a fingerprint of the whole request (computed by the
  // caller, e.g. a hash of the request frame). A repeat with the same fingerprint
  // returns the first answer; a different fingerprint gets kTokenConflict.
  std::string request_token;
  uint64_t request_fingerprint = 0;
};

// A page of a list: at most `max_results` (<= 100) items after `next_token`, the opaque
// token a previous page returned ("" for the first page).
struct Page {
  uint32_t max_results = 10;
  std::string next_token;
};

// ---- admin ----
struct CreateAccount {
  Role role = Role::kWorker;
  std::string name;
  Locale locale;
  std::string secret_hash;  // payload: the hash of the account's API secret
};
struct Deposit {
  RequesterId requester;
  Cents amount;
};
struct SuspendAccount {
  AccountId account;
  std::string reason;
};
struct ReactivateAccount {
  AccountId account;
};
struct RotateSecret {  // admin for anyone, or an account for itself
  AccountId account;
  std::string secret_hash;
};
struct GetAccount {  // admin for anyone, or an account for itself
  AccountId account;
};
struct GetStats {};

// ---- requester: HIT types and HITs ----
struct HitTypeSpec {
  std::string title;
  std::string description;
  std::string keywords;
  Cents reward;
  TimeMs assignment_duration;
  std::optional<TimeMs> auto_approval_delay;  // default 3 days
  std::vector<QualificationRequirement> requirements;
  AssignmentOrder order = AssignmentOrder::kFifo;
  uint32_t per_worker_cap = 0;
  std::vector<HitTypeId> excluded_types;
  bool reject_reopens_slot = false;
};
struct HitSpec {
  uint32_t max_assignments = 1;
  TimeMs lifetime;
  std::string question;              // payload
  std::string requester_annotation;  // payload
  int32_t priority = 0;              // for the `priority` assignment order
};
struct CreateHitType {
  HitTypeSpec type;
};
struct CreateHit {  // finds or creates the type with these properties, as MTurk does
  HitTypeSpec type;
  HitSpec hit;
};
struct CreateHitWithHitType {
  HitTypeId type;
  HitSpec hit;
};
struct CreateHits {  // many HITs of one type, one answer
  HitTypeId type;
  std::vector<HitSpec> hits;
};
struct GetHit {
  HitId hit;
};
struct ListHits {
  Page page;
  std::optional<HitStatus> status;
  HitTypeId type;  // 0: any
  std::optional<TimeMs> created_after;
  std::optional<TimeMs> created_before;
};
struct ListReviewableHits {
  Page page;
  HitTypeId type;                             // 0: any
  HitStatus status = HitStatus::kReviewable;  // kReviewable or kReviewing
};
struct UpdateExpirationForHit {
  HitId hit;
  TimeMs expire_at;  // in the past or now: expire at once
};
struct UpdateHitReviewStatus {
  HitId hit;
  bool revert = false;  // false: Reviewable -> Reviewing; true: back to Reviewable
};
struct UpdateHitTypeOfHit {
  HitId hit;
  HitTypeId type;
};
struct CreateAdditionalAssignmentsForHit {
  HitId hit;
  uint32_t count = 0;
};
struct DeleteHit {
  HitId hit;
};
struct ListAssignmentsForHit {
  HitId hit;
  Page page;
  std::vector<AssignmentStatus> statuses;  // empty: all
  std::optional<TimeMs> accepted_after;    // inclusive
  std::optional<TimeMs> accepted_before;   // exclusive
};
struct GetAssignment {
  AssignmentId assignment;
};
struct ApproveAssignment {
  AssignmentId assignment;
  std::string feedback;  // payload
  bool override_rejection = false;
};
struct RejectAssignment {
  AssignmentId assignment;
  std::string feedback;  // payload
};
struct SendBonus {
  WorkerId worker;
  AssignmentId assignment;
  Cents amount;
  std::string reason;  // payload
};
struct ListBonusPayments {  // exactly one of hit, assignment
  HitId hit;
  AssignmentId assignment;
  Page page;
};
struct GetAccountBalance {};
struct CreateWorkerBlock {
  WorkerId worker;
  std::string reason;  // payload
};
struct DeleteWorkerBlock {
  WorkerId worker;
  std::string reason;  // payload
};
struct ListWorkerBlocks {
  Page page;
};
struct NotifyWorkers {
  std::string subject;  // payload
  std::string message;  // payload
  std::vector<WorkerId> workers;
};

// ---- qualifications ----
struct QualTypeSpec {
  std::string name;
  std::string description;
  std::string keywords;
  QualTypeStatus status = QualTypeStatus::kActive;
  std::string test;  // payload; empty: no test
  std::vector<AnswerKeyItem> answer_key;
  TimeMs test_duration;
  std::optional<TimeMs> retry_delay;  // absent: no retry
  bool auto_granted = false;
  int32_t auto_granted_value = 1;
};
struct CreateQualificationType {
  QualTypeSpec spec;
};
struct GetQualificationType {
  QualTypeId type;
};
struct UpdateQualificationType {  // absent fields are left as they are
  QualTypeId type;
  std::optional<std::string> description;
  std::optional<QualTypeStatus> status;
  std::optional<std::string> test;
  std::optional<std::vector<AnswerKeyItem>> answer_key;
  std::optional<TimeMs> test_duration;
  std::optional<std::optional<TimeMs>> retry_delay;
  std::optional<bool> auto_granted;
  std::optional<int32_t> auto_granted_value;
};
struct DeleteQualificationType {
  QualTypeId type;
};
struct ListQualificationTypes {
  Page page;
  std::string query;  // substring of name, description or keywords
  bool must_be_requestable = false;
  bool must_be_owned_by_caller = false;
};
struct AssociateQualificationWithWorker {
  QualTypeId type;
  WorkerId worker;
  int32_t value = 1;
};
struct DisassociateQualificationFromWorker {
  QualTypeId type;
  WorkerId worker;
  std::string reason;  // payload
};
struct GetQualificationScore {
  QualTypeId type;
  WorkerId worker;
};
struct ListWorkersWithQualificationType {
  QualTypeId type;
  Page page;
};
struct ListQualificationRequests {
  QualTypeId type;  // 0: every type the caller owns
  Page page;
};
struct AcceptQualificationRequest {
  QualRequestId request;
  std::optional<int32_t> value;  // default: the score, or 1
};
struct RejectQualificationRequest {
  QualRequestId request;
  std::string reason;  // payload
};

// ---- worker ----
struct TestAnswer {
  std::string question_id;
  std::string answer;
};
struct RequestQualification {
  QualTypeId type;
  std::vector<TestAnswer> answers;  // payload as well as scored
};
struct ListMyQualifications {
  Page page;
};
// What AcceptNext and ListHITGroups may be narrowed to; unset fields match anything.
struct WorkFilter {
  HitTypeId type;
  RequesterId requester;
  Cents min_reward;
  std::string keyword;  // a whole keyword of the type's comma-separated keywords
};
enum class GroupSort : uint8_t {
  kRewardDesc = 1,     // the matching order: highest reward, then oldest type
  kNewestFirst = 2,    // newest HIT type first
  kMostAvailable = 3,  // most free slots first
};
struct ListHitGroups {
  WorkFilter filter;
  GroupSort sort = GroupSort::kRewardDesc;
  Page page;
};
struct PreviewHit {
  HitId hit;
};
struct Accept {
  HitId hit;
};
struct AcceptNext {
  WorkFilter filter;
};
struct ReturnAssignment {
  AssignmentId assignment;
};
struct SubmitAssignment {
  AssignmentId assignment;
  std::string answer;  // payload
};
struct SubmitAndAcceptNext {  // submits, then takes the next HIT of the same group
  AssignmentId assignment;
  std::string answer;  // payload
};
struct ListMyAssignments {
  Page page;
  std::vector<AssignmentStatus> statuses;  // empty: all
  std::optional<TimeMs> accepted_after;    // inclusive
  std::optional<TimeMs> accepted_before;   // exclusive
};
struct GetDashboard {};
enum class WithdrawMethod : uint8_t { kGiftCertificate = 1, kBankTransfer = 2 };
struct Withdraw {
  Cents amount;
  WithdrawMethod method = WithdrawMethod::kGiftCertificate;
};

// ---- system ----
// Fires every timer due at Context::now: abandoned deadlines, HIT expiries,
// auto-approvals; forgets idempotency tokens past their window.
struct Tick {};

using Command = std::variant<
    CreateAccount, Deposit, SuspendAccount, ReactivateAccount, RotateSecret, GetAccount, GetStats,
    CreateHitType, CreateHit, CreateHitWithHitType, CreateHits, GetHit, ListHits,
    ListReviewableHits, UpdateExpirationForHit, UpdateHitReviewStatus, UpdateHitTypeOfHit,
    CreateAdditionalAssignmentsForHit, DeleteHit, ListAssignmentsForHit, GetAssignment,
    ApproveAssignment, RejectAssignment, SendBonus, ListBonusPayments, GetAccountBalance,
    CreateWorkerBlock, DeleteWorkerBlock, ListWorkerBlocks, NotifyWorkers, CreateQualificationType,
    GetQualificationType, UpdateQualificationType, DeleteQualificationType, ListQualificationTypes,
    AssociateQualificationWithWorker, DisassociateQualificationFromWorker, GetQualificationScore,
    ListWorkersWithQualificationType, ListQualificationRequests, AcceptQualificationRequest,
    RejectQualificationRequest, RequestQualification, ListMyQualifications, ListHitGroups,
    PreviewHit, Accept, AcceptNext, ReturnAssignment, SubmitAssignment, SubmitAndAcceptNext,
    ListMyAssignments, GetDashboard, Withdraw, Tick>;

// True for commands that may change state (and so take a request token).
bool IsMutation(const Command& command);

}  // namespace hitd::engine
