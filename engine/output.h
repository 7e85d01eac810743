// What the engine hands to the store and the network after each command: the events it
// appended and snapshots of every record it changed, in order.
//
// Owned by the engine thread while commands are applied; the caller clears it between
// batches and reuses it, so after warm-up appending never allocates for the hot records
// (Account, Hit, Assignment, Event are trivially copyable). Payload views point into the
// commands of the batch, which must outlive the Output.
//
// A store applies the changes in order; the last snapshot of a record wins.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/records.h"
#include "engine/replies.h"

namespace hitd::engine {

enum class PayloadKind : uint8_t {
  kQuestion = 1,           // id: HIT
  kAnnotation = 2,         // id: HIT
  kAnswer = 3,             // id: assignment
  kFeedback = 4,           // id: assignment (approve or reject)
  kQualTest = 5,           // id: qualification type
  kQualTestAnswers = 6,    // id: qualification request; aux 2i: question id, 2i+1: answer
  kSecretHash = 7,         // id: account
  kBonusReason = 8,        // id: bonus
  kBlockReason = 9,        // id: worker, aux: requester
  kQualRevokeReason = 10,  // id: worker, aux: qualification type
  kQualRejectReason = 11,  // id: qualification request
  kNotifySubject = 12,     // id: worker, aux: notification number
  kNotifyMessage = 13,     // id: worker, aux: notification number
  kSuspendReason = 14,     // id: account
};

struct Payload {
  PayloadKind kind = PayloadKind::kQuestion;
  uint64_t id = 0;
  uint64_t aux = 0;
  std::string_view data;
};

// An idempotency token and the first answer given to it. It owns copies of both (tokens
// are rare next to the hot records), so it outlives the command that made it.
struct TokenRecord {
  AccountId account;
  std::string token;
  uint64_t fingerprint = 0;
  TimeMs created;
  Result result;
  friend bool operator==(const TokenRecord&, const TokenRecord&) = default;
};

// A token the engine forgot (past its window, or the oldest beyond its capacity): the
// store deletes it too, so that a restart remembers exactly what the engine did.
struct ForgottenToken {
  AccountId account;
  std::string token;
  // How many entries Output::tokens had when it was forgotten: a store that applies the
  // stored and forgotten tokens in that interleaved order ends exactly where the engine
  // did, even when one batch forgets a token and stores it again.
  size_t after_stored = 0;
  friend bool operator==(const ForgottenToken&, const ForgottenToken&) = default;
};

struct Output {
  std::vector<Event> events;
  std::vector<Account> accounts;
  std::vector<AccountProfile> profiles;
  std::vector<QualType> qual_types;
  std::vector<QualGrant> grants;
  std::vector<QualRequest> qual_requests;
  std::vector<HitType> hit_types;
  std::vector<Hit> hits;
  std::vector<Assignment> assignments;
  std::vector<Bonus> bonuses;
  std::vector<WorkerBlock> blocks;
  std::vector<Payload> payloads;
  std::vector<TokenRecord> tokens;
  std::vector<ForgottenToken> forgotten_tokens;
  // The engine's counters after the last successful command that changed state; set
  // when `meta_changed`.
  EngineMeta meta;
  bool meta_changed = false;

  void Clear() {
    events.clear();
    accounts.clear();
    profiles.clear();
    qual_types.clear();
    grants.clear();
    qual_requests.clear();
    hit_types.clear();
    hits.clear();
    assignments.clear();
    bonuses.clear();
    blocks.clear();
    payloads.clear();
    tokens.clear();
    forgotten_tokens.clear();
    meta_changed = false;
  }
};

}  // namespace hitd::engine
