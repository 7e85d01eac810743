// Every limit the engine enforces, in one place, each with the reason for its value.
//
// Hitting a limit is an error code for the client (kInvalidArgument naming the field,
// or kResourceExhausted for capacity), never a crash or unbounded growth. MTurk's own
// limits are kept where DESIGN.md names them so that MTurk users meet no surprises.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/types.h"

namespace hitd::engine::limits {

// HIT types (MTurk's limits).
inline constexpr size_t kTitleMax = 128;
inline constexpr size_t kDescriptionMax = 2000;
inline constexpr size_t kKeywordsMax = 1000;
inline constexpr size_t kRequirementsMax = 10;
inline constexpr size_t kRequirementIntegerValuesMax = 15;  // MTurk's IntegerValues cap
inline constexpr size_t kRequirementLocaleValuesMax = 30;   // MTurk's LocaleValues cap
inline constexpr size_t kExcludedTypesMax = 32;             // arms of one study; small
inline constexpr TimeMs kAssignmentDurationMin = Seconds(30);
inline constexpr TimeMs kAssignmentDurationMax = Days(365);
inline constexpr TimeMs kAutoApprovalDelayMax = Days(30);
inline constexpr TimeMs kAutoApprovalDelayDefault = Days(3);
// One cent to ten thousand dollars: MTurk sets no maximum, but a larger reward is a
// typing mistake; the bound keeps escrow arithmetic far below int64 overflow
// (1e6 slots x 1e6 cents x 1.5 < 2^63) and lets a reward fit 24 bits of a sort key.
inline constexpr int64_t kRewardMinCents = 1;
inline constexpr int64_t kRewardMaxCents = 1'000'000;

// HITs.
inline constexpr uint32_t kMaxAssignmentsMax = 1'000'000;
inline constexpr TimeMs kLifetimeMin = Seconds(30);
inline constexpr TimeMs kLifetimeMax = Days(365);
inline constexpr size_t kQuestionMax = 64 * 1024;
inline constexpr size_t kAnnotationMax = 255;
inline constexpr size_t kRequestTokenMax = 64;
inline constexpr int32_t kPriorityMax = 1'000'000;   // fits the 20 bits of its sort key
inline constexpr size_t kCreateHitsBatchMax = 1000;  // one frame, one commit

// Assignments.
inline constexpr size_t kAnswerMax = 64 * 1024;
inline constexpr size_t kFeedbackMax = 1024;

// Money: a single deposit, bonus or withdrawal; a million dollars is far above any
// legitimate single transfer and keeps balances far from overflow.
inline constexpr int64_t kTransferMaxCents = 100'000'000;
inline constexpr size_t kReasonMax = 1024;

// Accounts.
inline constexpr size_t kNameMax = 64;

// Qualifications.
inline constexpr size_t kQualNameMax = 128;
inline constexpr size_t kQualDescriptionMax = 2000;
inline constexpr size_t kTestMax = 64 * 1024;  // MTurk's Test and AnswerKey are 65535
inline constexpr size_t kAnswerKeyQuestionsMax = 100;
inline constexpr size_t kQuestionIdMax = 64;
inline constexpr size_t kTestAnswerMax = 1024;
inline constexpr TimeMs kTestDurationMax = Days(365);

// Notifications (MTurk NotifyWorkers limits).
inline constexpr size_t kNotifySubjectMax = 200;
inline constexpr size_t kNotifyMessageMax = 4096;
inline constexpr size_t kNotifyWorkersMax = 100;

// Lists: MTurk's MaxResults is at most 100.
inline constexpr uint32_t kMaxResultsMax = 100;
inline constexpr uint32_t kMaxResultsDefault = 10;

// Ids stay below 2^40 so that an id fits the low bits of a 64-bit sort key.
inline constexpr uint64_t kIdMax = (uint64_t{1} << 40) - 1;

static_assert(kRewardMaxCents < (int64_t{1} << 24), "reward must fit its sort-key bits");
static_assert(kPriorityMax < (1 << 20), "priority must fit its sort-key bits");
static_assert(int64_t{kMaxAssignmentsMax} * kRewardMaxCents * 2 < (int64_t{1} << 62),
              "escrow of one HIT must be far from int64 overflow");

}  // namespace hitd::engine::limits
