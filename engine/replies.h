// What a command answers: an Error, or one of the reply values below.
//
// Views are copies of engine state at the time of the command, with the derived fields
// (HIT status, counts, system qualification values) filled in, so that callers never
// look inside the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/errors.h"
#include "engine/records.h"
#include "engine/types.h"

namespace hitd::engine {

struct Empty {
  friend bool operator==(const Empty&, const Empty&) = default;
};

struct AccountView {
  Account account;
  std::string name;
  friend bool operator==(const AccountView&, const AccountView&) = default;
};

struct AccountBalance {
  Cents available;
  Cents escrow;     // requester: on hold for open slots and pending work
  Cents withdrawn;  // worker
  friend bool operator==(const AccountBalance&, const AccountBalance&) = default;
};

struct Stats {
  uint64_t requesters = 0;
  uint64_t workers = 0;
  uint64_t admins = 0;
  uint64_t hit_types = 0;
  uint64_t hits = 0;
  uint64_t hits_assignable = 0;
  uint64_t slots_free = 0;
  uint64_t assignments = 0;
  uint64_t assignments_accepted = 0;
  uint64_t assignments_submitted = 0;
  uint64_t events = 0;  // the next event's sequence number minus one
  uint64_t tokens = 0;
  Cents deposits;
  Cents requester_available;
  Cents escrow;
  Cents worker_available;
  Cents withdrawn;
  Cents platform_revenue;
  // deposits - (all balances + revenue): always 0.
  Cents imbalance;
  friend bool operator==(const Stats&, const Stats&) = default;
};

struct HitView {
  Hit hit;
  HitStatus status = HitStatus::kAssignable;
  // MTurk's counts: available (free slots while open), pending (accepted, in
  // progress), completed (submitted, approved, rejected).
  uint32_t available = 0;
  uint32_t pending = 0;
  uint32_t completed = 0;
  HitType type;  // the HIT's type, for title, reward and requirements
  friend bool operator==(const HitView&, const HitView&) = default;
};

struct HitList {
  std::vector<HitView> hits;
  std::string next_token;
  friend bool operator==(const HitList&, const HitList&) = default;
};

struct HitTypeCreated {
  HitTypeId type;
  friend bool operator==(const HitTypeCreated&, const HitTypeCreated&) = default;
};

struct HitCreated {
  HitId hit;
  HitTypeId type;
  friend bool operator==(const HitCreated&, const HitCreated&) = default;
};

struct HitsCreated {
  std::vector<HitId> hits;
  HitTypeId type;
  friend bool operator==(const HitsCreated&, const HitsCreated&) = default;
};

struct AssignmentView {
  Assignment assignment;
  HitTypeId type;
  RequesterId requester;
  Cents reward;
  friend bool operator==(const AssignmentView&, const AssignmentView&) = default;
};

struct AssignmentList {
  std::vector<AssignmentView> assignments;
  std::string next_token;
  friend bool operator==(const AssignmentList&, const AssignmentList&) = default;
};

struct SubmitAndAcceptNextResult {
  AssignmentView submitted;
  std::optional<AssignmentView> next;  // absent: no more work in the group
  friend bool operator==(const SubmitAndAcceptNextResult&,
                         const SubmitAndAcceptNextResult&) = default;
};

struct BonusSent {
  BonusId bonus;
  Cents fee;
  friend bool operator==(const BonusSent&, const BonusSent&) = default;
};

struct BonusList {
  std::vector<Bonus> bonuses;
  std::string next_token;
  friend bool operator==(const BonusList&, const BonusList&) = default;
};

struct BlockList {
  std::vector<WorkerBlock> blocks;
  std::string next_token;
  friend bool operator==(const BlockList&, const BlockList&) = default;
};

struct NotifyFailure {
  WorkerId worker;
  ErrorCode code = ErrorCode::kOk;
  friend bool operator==(const NotifyFailure&, const NotifyFailure&) = default;
};

struct NotifyResult {
  std::vector<NotifyFailure> failures;
  friend bool operator==(const NotifyResult&, const NotifyResult&) = default;
};

struct QualTypeCreated {
  QualTypeId type;
  friend bool operator==(const QualTypeCreated&, const QualTypeCreated&) = default;
};

struct QualTypeView {
  QualType type;
  bool is_requestable = false;
  friend bool operator==(const QualTypeView&, const QualTypeView&) = default;
};

struct QualTypeList {
  std::vector<QualTypeView> types;
  std::string next_token;
  friend bool operator==(const QualTypeList&, const QualTypeList&) = default;
};

// A worker's qualification: a grant, or a system value computed from its record.
struct QualificationView {
  QualTypeId type;
  WorkerId worker;
  int32_t value = 0;
  Locale locale;  // for the Locale system type
  TimeMs granted;
  GrantStatus status = GrantStatus::kGranted;
  friend bool operator==(const QualificationView&, const QualificationView&) = default;
};

struct QualificationList {
  std::vector<QualificationView> qualifications;
  std::string next_token;
  friend bool operator==(const QualificationList&, const QualificationList&) = default;
};

struct QualRequestList {
  std::vector<QualRequest> requests;
  std::string next_token;
  friend bool operator==(const QualRequestList&, const QualRequestList&) = default;
};

struct QualRequestResult {
  QualRequest request;
  std::optional<int32_t> granted_value;  // set when granted at once
  friend bool operator==(const QualRequestResult&, const QualRequestResult&) = default;
};

struct HitGroupView {
  HitType type;
  uint32_t hits_available = 0;   // HITs with a free slot
  uint32_t slots_available = 0;  // free slots in those HITs
  bool qualified = false;        // the worker meets every requirement (may accept)
  bool may_preview = false;
  friend bool operator==(const HitGroupView&, const HitGroupView&) = default;
};

struct HitGroupList {
  std::vector<HitGroupView> groups;
  std::string next_token;
  friend bool operator==(const HitGroupList&, const HitGroupList&) = default;
};

struct Dashboard {
  Cents available;
  Cents withdrawn;
  Cents earned;   // lifetime rewards and bonuses
  Cents pending;  // rewards of submitted, not yet decided assignments
  WorkerCounters counters;
  uint32_t accepted_now = 0;  // Accepted assignments held now
  int32_t percent_approved = 100;
  int32_t percent_rejected = 0;
  friend bool operator==(const Dashboard&, const Dashboard&) = default;
};

struct Withdrawal {
  Cents available;
  Cents withdrawn;
  friend bool operator==(const Withdrawal&, const Withdrawal&) = default;
};

struct TickResult {
  uint32_t abandoned = 0;
  uint32_t expired = 0;
  uint32_t auto_approved = 0;
  uint32_t tokens_forgotten = 0;
  friend bool operator==(const TickResult&, const TickResult&) = default;
};

using Reply =
    std::variant<Empty, AccountView, AccountBalance, Stats, HitView, HitList, HitTypeCreated,
                 HitCreated, HitsCreated, AssignmentView, AssignmentList, SubmitAndAcceptNextResult,
                 BonusSent, BonusList, BlockList, NotifyResult, QualTypeCreated, QualTypeView,
                 QualTypeList, QualificationView, QualificationList, QualRequestList,
                 QualRequestResult, HitGroupList, Dashboard, Withdrawal, TickResult, Error>;

// The answer to one command: an Error (code != kOk) or a reply value.
struct Result {
  Reply reply;

  bool ok() const { return !std::holds_alternative<Error>(reply); }
  Error error() const { return ok() ? Error{} : std::get<Error>(reply); }
  template <typename T>
  const T& get() const {
    return std::get<T>(reply);
  }
  friend bool operator==(const Result&, const Result&) = default;
};

inline Result Fail(ErrorCode code, std::string_view field = {}) {
  return Result{Error{code, field}};
}

}  // namespace hitd::engine
