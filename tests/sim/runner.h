// One simulation run: a seed, a number of steps, and the engine, the model, the
// generator and the checker wired together. A seed fully determines the run: the same
// seed gives the same commands, results, events and final state hash.
#pragma once

#include <cstdint>
#include <string>

namespace hitd::sim {

struct RunOptions {
  uint64_t seed = 1;
  int steps = 1000;
  bool verbose = false;
  // Treat UNSUPPORTED as "the engine lacks this command": the model skips it. Only for
  // running against a partly written engine.
  bool allow_unsupported = false;
  // Every this many steps (0: never), rebuild the engine with EngineLoader from what its
  // Outputs carried so far, check it equals the engine it replaces, and go on with it;
  // an engine that is never reloaded runs beside it and must answer every command alike.
  int reload_every = 0;
};

struct RunResult {
  bool ok = true;
  std::string report;  // on failure: "FAILED seed=N step=K: ..." and the last commands
  int steps = 0;       // steps run
  uint64_t state_hash = 0;
  uint64_t stream_hash = 0;  // of every command, result and event, in order
  uint64_t unsupported = 0;  // commands answered UNSUPPORTED (allow_unsupported only)
  uint64_t reloads = 0;      // engines rebuilt by EngineLoader (reload_every only)
};

RunResult RunSeed(const RunOptions& options);

}  // namespace hitd::sim
