// hitd's marketplace engine: a pure, deterministic state machine.
//
// The engine applies commands one at a time on one thread. It reads no clock (every
// command carries `now`), does no I/O and takes no locks: the same command sequence
// always gives the same state, results and events. Each Apply appends the command's
// events, changed records and payloads to an Output for the store and the network.
// A command that fails changes nothing and appends nothing.
//
// Usage:
//   Engine engine(config);
//   Output out;
//   Result r = engine.Apply(Context{admin, now}, CreateAccount{...}, out);
#pragma once

#include <cstdint>
#include <memory>

#include "engine/commands.h"
#include "engine/config.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

class EngineLoader;

class Engine {
 public:
  explicit Engine(EngineConfig config = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Applies one command as ctx.actor at ctx.now. A new engine has one account, the
  // admin with id 1, from which every other account is created.
  Result Apply(const Context& ctx, const Command& command, Output& out);

  const State& state() const { return *state_; }
  const EngineConfig& config() const { return state_->config; }

  // A deterministic hash of the canonical state (records and totals, not caches):
  // equal states give equal hashes, whatever order indexes were built in.
  uint64_t StateHash() const;

  // O(n) whole-state checks: money conserved to the cent, no negative balance, slot
  // counts equal the assignments in each state, indexes agree with the tables. Aborts
  // on a violation (it is a bug, never a client's doing).
  void CheckInvariants() const;

 private:
  friend class EngineLoader;  // builds an engine's state from records (engine/load.h)

  std::unique_ptr<State> state_;
};

inline constexpr AccountId kBootstrapAdmin{1};

}  // namespace hitd::engine
