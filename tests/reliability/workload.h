// The reliability tests' random workload: commands that keep a marketplace busy (accounts,
// deposits, HITs with question payloads, accepts, submissions with answers, approvals,
// rejections, bonuses, withdrawals, qualification grants, clock jumps), a few reads,
// some request tokens (and their replays), and some commands that must fail.
//
// The generator reads the engine's state to pick ids that exist, so most commands
// succeed and money moves all the way from deposits to withdrawals. It owns the test's
// virtual clock: each command is a little later than the one before, and Ticks jump it
// ahead by up to a few days, so deadlines, expiries, auto-approvals and retention fire.
// Growth is capped (accounts, HITs) so that a long crash test does not slow down as the
// store fills: past the caps the work flows through the HITs that exist.
//
// One generator per process, on the engine thread; not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "engine/commands.h"
#include "engine/engine.h"
#include "tests/sim/prng.h"

namespace hitd::reliability {

struct Step {
  engine::Context ctx;
  engine::Command command;
};

class Workload {
 public:
  Workload(uint64_t seed, int64_t now_ms) : rng_(seed), now_ms_(now_ms) {}

  // The next command for `engine`'s current state.
  Step Next(const engine::Engine& engine);

  int64_t now_ms() const { return now_ms_; }
  sim::Prng& rng() { return rng_; }

 private:
  engine::Context As(engine::AccountId actor);
  engine::AccountId AnyOf(engine::Role role);
  engine::AssignmentId AssignmentIn(engine::AssignmentStatus want);
  engine::HitId AnyHit();
  std::string Text(size_t min, size_t max);

  Step CreateAccount();
  Step Deposit();
  Step CreateHit();
  Step CreateHitWithType();
  Step Accept();
  Step AcceptNext();
  Step Submit();
  Step Decide();
  Step Bonus();
  Step Return();
  Step Withdraw();
  Step Qualification();
  Step ExtendOrExpire();
  Step Read();
  Step Tick();
  Step Invalid();

  sim::Prng rng_;
  int64_t now_ms_;
  const engine::State* s_ = nullptr;  // the state Next() was called with
  uint64_t names_ = 0;                // makes account names unique
  uint64_t tokens_ = 0;
  std::string last_token_;
  engine::AccountId last_token_actor_;
};

}  // namespace hitd::reliability
