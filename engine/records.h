// The engine's records: the canonical state that the store persists and loads.
//
// Each record is what the engine keeps in memory for matching and the rules, and what
// it appends to its Output when the record changes. Indexes (who holds what, which
// groups have work) are derived from these on load and are never persisted. Opaque
// payloads (question, answer, test content, reasons, secret hashes) are not records:
// they pass through the Output as Payloads and are never kept in engine memory.
// The hot records (Account, Hit, Assignment) are trivially copyable, so emitting them
// never allocates.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/types.h"

namespace hitd::engine {

enum class Role : uint8_t { kAdmin = 1, kRequester = 2, kWorker = 3 };
enum class AccountStatus : uint8_t { kActive = 1, kSuspended = 2 };

// A worker's lifetime counters, from which the system qualifications are derived.
struct WorkerCounters {
  uint32_t accepted = 0;
  uint32_t submitted = 0;
  uint32_t approved = 0;
  uint32_t rejected = 0;
  uint32_t returned = 0;
  uint32_t abandoned = 0;
  friend bool operator==(const WorkerCounters&, const WorkerCounters&) = default;
};

struct Account {
  AccountId id;
  Role role = Role::kWorker;
  AccountStatus status = AccountStatus::kActive;
  Locale locale;
  TimeMs created;
  // Requester: `available` and `escrow`. Worker: `available` earnings and `withdrawn`.
  Cents available;
  Cents escrow;
  Cents withdrawn;
  Cents earned;  // worker: lifetime rewards and bonuses received
  Cents spent;   // requester: lifetime rewards, bonuses and fees paid
  WorkerCounters counters;
  // Probation: accepts on the UTC day `accepts_day` (days since the epoch).
  int32_t accepts_day = 0;
  uint32_t accepts_today = 0;
  friend bool operator==(const Account&, const Account&) = default;
};
static_assert(std::is_trivially_copyable_v<Account>);

// The rarely changing, variable-length part of an account.
struct AccountProfile {
  AccountId id;
  std::string name;
  friend bool operator==(const AccountProfile&, const AccountProfile&) = default;
};

enum class Comparator : uint8_t {
  kLessThan = 1,
  kLessThanOrEqualTo = 2,
  kGreaterThan = 3,
  kGreaterThanOrEqualTo = 4,
  kEqualTo = 5,
  kNotEqualTo = 6,
  kExists = 7,
  kDoesNotExist = 8,
  kIn = 9,
  kNotIn = 10,
};

// What a worker who does not meet a requirement may not do (MTurk's ActionsGuarded).
enum class ActionsGuarded : uint8_t {
  kAccept = 1,                    // may discover and preview, not accept
  kPreviewAndAccept = 2,          // may discover, not preview or accept
  kDiscoverPreviewAndAccept = 3,  // may not even see the group
};

struct QualificationRequirement {
  QualTypeId type;
  Comparator comparator = Comparator::kExists;
  std::vector<int32_t> integer_values;
  std::vector<Locale> locale_values;
  ActionsGuarded guard = ActionsGuarded::kAccept;
  friend bool operator==(const QualificationRequirement&,
                         const QualificationRequirement&) = default;
};

enum class AssignmentOrder : uint8_t {
  kFifo = 1,          // oldest HIT first
  kBreadthFirst = 2,  // the HIT with the fewest assignments taken, then oldest
  kPriority = 3,      // highest per-HIT priority, then oldest
  kRandom = 4,        // a seeded, reproducible permutation of the HITs
};

struct HitType {
  HitTypeId id;
  RequesterId requester;
  std::string title;
  std::string description;
  std::string keywords;
  Cents reward;
  TimeMs assignment_duration;
  TimeMs auto_approval_delay;
  std::vector<QualificationRequirement> requirements;
  // Beyond MTurk.
  AssignmentOrder order = AssignmentOrder::kFifo;
  uint32_t per_worker_cap = 0;  // 0: no cap
  // Workers who hold work in any of these types may not take this one, and the other
  // way round (see Group::exclusions).
  std::vector<HitTypeId> excluded_types;
  bool reject_reopens_slot = false;
  TimeMs created;
  friend bool operator==(const HitType&, const HitType&) = default;
};

enum class HitStatus : uint8_t {
  kAssignable = 1,
  kUnassignable = 2,
  kReviewable = 3,
  kReviewing = 4,
  kDisposed = 5,
};

struct Hit {
  HitId id;
  HitTypeId type;
  RequesterId requester;
  TimeMs created;
  TimeMs expires;
  Cents reward;  // per assignment, from the type
  Cents fee;     // platform fee per assignment, fixed when escrowed
  uint32_t max_assignments = 0;
  int32_t priority = 0;
  // Slots: while open, max_assignments = free + accepted + submitted + (approved - unslotted)
  // + rejected_closed; once expired, free is 0 (the unfilled slots were refunded).
  // Escrow held for the HIT: (free + accepted + submitted) x (reward + fee).
  uint32_t free = 0;
  uint32_t accepted = 0;
  uint32_t submitted = 0;
  uint32_t approved = 0;
  uint32_t rejected = 0;         // all rejections, whether or not the slot reopened
  uint32_t rejected_closed = 0;  // rejections that did not reopen their slot
  uint32_t unslotted = 0;  // approvals (by override) of rejections that had reopened their slot
  uint32_t returned = 0;
  uint32_t abandoned = 0;
  bool expired = false;    // the expiry passed (or was forced): free slots refunded
  bool reviewing = false;  // set by UpdateHITReviewStatus
  bool disposed = false;
  bool reviewable_announced = false;  // HITReviewable emitted for the current period
  friend bool operator==(const Hit&, const Hit&) = default;
};
static_assert(std::is_trivially_copyable_v<Hit>);

enum class AssignmentStatus : uint8_t {
  kAccepted = 1,
  kSubmitted = 2,
  kApproved = 3,
  kRejected = 4,
  kReturned = 5,
  kAbandoned = 6,
};

struct Assignment {
  AssignmentId id;
  HitId hit;
  WorkerId worker;
  AssignmentStatus status = AssignmentStatus::kAccepted;
  bool reopened = false;  // its rejection returned the slot to the HIT (reject_reopens_slot)
  TimeMs accepted;
  TimeMs deadline;       // accepted + the type's assignment duration
  TimeMs submitted;      // 0 until submitted
  TimeMs auto_approval;  // submitted + the type's auto-approval delay
  TimeMs decided;        // approved, rejected, returned or abandoned at
  friend bool operator==(const Assignment&, const Assignment&) = default;
};
static_assert(std::is_trivially_copyable_v<Assignment>);

enum class QualTypeStatus : uint8_t { kActive = 1, kInactive = 2, kDisposed = 3 };

struct AnswerKeyItem {
  std::string question_id;
  std::string answer;
  int32_t score = 0;
  friend bool operator==(const AnswerKeyItem&, const AnswerKeyItem&) = default;
};

struct QualType {
  QualTypeId id;
  AccountId owner;  // 0: the system
  std::string name;
  std::string description;
  std::string keywords;
  QualTypeStatus status = QualTypeStatus::kActive;
  bool has_test = false;  // the test content itself is a payload
  std::vector<AnswerKeyItem> answer_key;
  TimeMs test_duration;
  bool retry_allowed = false;  // false: no retry after a request was decided
  TimeMs retry_delay;
  bool auto_granted = false;
  int32_t auto_granted_value = 1;
  TimeMs created;
  friend bool operator==(const QualType&, const QualType&) = default;
};

enum class GrantStatus : uint8_t { kGranted = 1, kRevoked = 2 };

struct QualGrant {
  WorkerId worker;
  QualTypeId type;
  int32_t value = 0;
  TimeMs granted;
  GrantStatus status = GrantStatus::kGranted;
  friend bool operator==(const QualGrant&, const QualGrant&) = default;
};

enum class QualRequestStatus : uint8_t { kPending = 1, kApproved = 2, kRejected = 3 };

struct QualRequest {
  QualRequestId id;
  WorkerId worker;
  QualTypeId type;
  QualRequestStatus status = QualRequestStatus::kPending;
  TimeMs submitted;
  TimeMs decided;
  int32_t score = 0;  // set when scored against the answer key
  bool scored = false;
  friend bool operator==(const QualRequest&, const QualRequest&) = default;
};

struct Bonus {
  BonusId id;
  RequesterId requester;
  WorkerId worker;
  AssignmentId assignment;
  HitId hit;
  Cents amount;
  Cents fee;
  TimeMs paid;
  friend bool operator==(const Bonus&, const Bonus&) = default;
};

struct WorkerBlock {
  RequesterId requester;
  WorkerId worker;
  TimeMs created;
  bool active = true;  // false: the block was deleted
  friend bool operator==(const WorkerBlock&, const WorkerBlock&) = default;
};

enum class EventType : uint8_t {
  kHitCreated = 1,
  kHitExtended = 2,
  kHitExpired = 3,
  kHitReviewable = 4,
  kHitDisposed = 5,
  kAssignmentAccepted = 6,
  kAssignmentSubmitted = 7,
  kAssignmentReturned = 8,
  kAssignmentAbandoned = 9,
  kAssignmentApproved = 10,
  kAssignmentRejected = 11,
  kBonusPaid = 12,
  kQualificationRequested = 13,
  kQualificationGranted = 14,
  kQualificationRevoked = 15,
  kWorkerBlocked = 16,
};

// One entry of the event log. `owner` is the requester (or qualification owner) whose
// subscription sees the event; the other ids are set where they apply.
struct Event {
  uint64_t seq = 0;
  EventType type = EventType::kHitCreated;
  TimeMs time;
  AccountId owner;
  HitId hit;
  AssignmentId assignment;
  WorkerId worker;
  QualTypeId qual_type;
  Cents amount;
  friend bool operator==(const Event&, const Event&) = default;
};
static_assert(std::is_trivially_copyable_v<Event>);

// The engine's counters that no single record holds: the last event's sequence number,
// the notification counter, and the ledger's running totals. The store keeps the latest
// in `meta` and gives it back on load.
struct EngineMeta {
  uint64_t last_event_seq = 0;
  uint64_t notifications = 0;
  Cents deposits;
  Cents requester_available;
  Cents escrow;
  Cents worker_available;
  Cents withdrawn;
  Cents platform_revenue;
  friend bool operator==(const EngineMeta&, const EngineMeta&) = default;
};
static_assert(std::is_trivially_copyable_v<EngineMeta>);

}  // namespace hitd::engine
