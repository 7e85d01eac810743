// Recovery: rebuilds an engine from the records it emitted (engine/output.h), as the
// store persisted them.
//
// The store hands over every record it holds, in any order; for each key (an id, or
// (worker, type) for grants, (requester, worker) for blocks, (account, token) for
// tokens) the last one added wins, as in the store. Finish then places the records in
// their tables, rebuilds every index, cache and timer from them, and checks that they
// agree with one another. After loading everything an engine emitted, the new engine has
// the same StateHash as the old one and answers every later command exactly as the old
// one would have (same Result, same Output).
//
// What the loader does not do: resolve timers that came due while the engine was down.
// The caller applies a Tick at the current time next, which abandons overdue
// assignments, approves overdue submissions and expires overdue HITs (DESIGN section 4),
// and forgets tokens past their window.
//
// A fresh Engine holds the bootstrap admin (account 1, named "admin") and the system
// qualification types (ids 1..9), which are never emitted unless they change; loaded
// records with those ids replace them. Input that cannot have come from an engine (a gap
// in the ids, a reference to a missing record, counts that disagree) makes Finish return
// nullptr and say why in one line; the loader never aborts on bad input.
//
// Used once, at start-up, on the thread that will own the engine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/engine.h"
#include "engine/output.h"
#include "engine/records.h"

namespace hitd::engine {

class EngineLoader {
 public:
  explicit EngineLoader(EngineConfig config);
  ~EngineLoader();
  EngineLoader(const EngineLoader&) = delete;
  EngineLoader& operator=(const EngineLoader&) = delete;

  void Add(const Account& record);
  void Add(const AccountProfile& record);
  void Add(const QualType& record);
  void Add(const QualGrant& record);
  void Add(const QualRequest& record);
  void Add(const HitType& record);
  void Add(const Hit& record);
  void Add(const Assignment& record);
  void Add(const Bonus& record);
  void Add(const WorkerBlock& record);
  // Keeps at most config.token_capacity tokens: the newest by `created`, ties broken as
  // the engine breaks them (engine/tokens.h).
  void Add(const TokenRecord& record);
  void SetMeta(const EngineMeta& meta);

  // Builds the engine from everything added, or returns nullptr and a one-line
  // description of the first inconsistency in *error. Call once.
  std::unique_ptr<Engine> Finish(std::string* error);

  // The records as added, last one per key not yet chosen (for load.cc's steps).
  struct Records {
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
    std::vector<TokenRecord> tokens;
    EngineMeta meta;
  };

 private:
  EngineConfig config_;
  Records records_;
  bool finished_ = false;
};

}  // namespace hitd::engine
