// Invariants and comparisons the simulator runs after every step.
//
// Three layers, each catching what the others cannot:
//   - Output checks: events numbered without gaps across the run; a failed command
//     appends nothing.
//   - Engine-only invariants over engine.state(): money conserved to the cent, no
//     negative balance, slot counts equal the assignments in each state, no worker twice
//     on one HIT, caps respected. These hold whatever the model thinks.
//   - Engine versus model: every account, HIT and assignment record compared field by
//     field, and, through the public API (GetStats, GetHit, GetAssignment,
//     ListAssignmentsForHit), the views a client sees.
// Every function returns "" when all is well, or a description of the first problem.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/sim/model.h"

namespace hitd::sim {

class Checker {
 public:
  Checker(Engine& engine, Model& model, bool allow_unsupported)
      : engine_(&engine), model_(model), allow_unsupported_(allow_unsupported) {}

  // Checks `engine` from now on (the simulator's --reload-every swaps in a reloaded one).
  void Rebind(Engine& engine) { engine_ = &engine; }

  // The command's Output: events continue the sequence; a failure appended nothing.
  std::string CheckOutput(const Result& result, const Output& out);
  // The events match what the command reports: one AssignmentAccepted per accept, and
  // per Tick as many abandonments, expiries and approvals as its TickResult counts.
  std::string CheckEvents(const Command& command, const Result& result, const Output& out) const;
  // Whole-state invariants of the engine, independent of the model.
  std::string CheckEngineInvariants() const;
  // Every record of the model against the engine's.
  std::string CompareRecords() const;
  // Through the API: GetStats always; the touched HITs and assignments; everything
  // (with ListAssignmentsForHit) when `full`.
  std::string CompareViews(const Verdict& verdict, TimeMs now, bool full);
  // After an ambiguous success, copies what the model left open from the engine.
  void Resync(const Verdict& verdict);

  uint64_t last_event_seq() const { return last_seq_; }

 private:
  std::string Query(AccountId actor, TimeMs now, const Command& command, Result* result);
  std::string CompareHit(const MHit& m, TimeMs now);
  std::string CompareAssignment(const MAssignment& m, TimeMs now);
  std::string ListForHit(const MHit& m, TimeMs now);

  Engine* engine_;
  Model& model_;
  bool allow_unsupported_;
  uint64_t last_seq_ = 0;
};

}  // namespace hitd::sim
