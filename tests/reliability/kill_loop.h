// The crash and power-loss tests: a child (child.h) runs the random workload on one data
// directory; the parent kills it with SIGKILL at a random moment, optionally "loses
// power" (undoes the writes no fsync covered, see undo_journal.h), restarts it, and
// checks what the store recovered (history.h). A last child only verifies.
//
// Every choice (kill moments, the child's seeds, which writes are undone) comes from
// one seed, printed on failure; `--seed S` replays the choices (the child's timing, and
// so the exact interleaving, still varies from run to run).
#pragma once

#include <cstdint>
#include <string>

namespace hitd::reliability {

struct KillLoopOptions {
  bool power_loss = false;
  int cycles = 50;
  uint64_t seed = 1;
  std::string shim;                 // the fault shim (power loss needs it)
  std::string durability = "sync";  // the child's: sync, async, or mixed (crash only)
  int max_kill_ms = 250;            // kill at most this long after the start
  std::string tmp;                  // where to make the data directory ($TMPDIR or /tmp)
  bool keep = false;                // keep the data directory
  bool verbose = false;             // one line per cycle
};

// Runs the loop; prints a summary (and any failure, with the seed) to stderr. 0 on pass.
int RunKillLoop(const KillLoopOptions& options);

}  // namespace hitd::reliability
