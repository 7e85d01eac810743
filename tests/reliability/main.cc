// hitd_crashtest: the reliability tests of the durable store (issue 3).
//
//   hitd_crashtest crash     [--cycles N] [--seed S] [--durability sync|async|mixed]
//                            [--max-kill-ms M] [--tmp DIR] [--keep] [--verbose]
//   hitd_crashtest powerloss --shim LIB [--cycles N] [--seed S] [--child-durability async]
//                            [--max-kill-ms M] [--tmp DIR] [--keep] [--verbose]
//   hitd_crashtest faults    --shim LIB [--seed S] [--batches N] [--only F1,F2]
//                            [--skip F1,F2] [--tmp DIR] [--verbose]   (faults: fault_runs.h)
//   hitd_crashtest child     --dir D --seed S [--durability sync|async] ... (see child.h)
//
// HITD_CRASH_CYCLES sets the default --cycles of crash and powerloss (thousands for a long
// run: `HITD_CRASH_CYCLES=5000 ctest --preset release -L reliability`). The parent runs
// this same program as its child. --child-durability async makes the power-loss test's
// child acknowledge before fsync, which the test must catch (a check of the check).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tests/reliability/child.h"
#include "tests/reliability/fault_runs.h"
#include "tests/reliability/kill_loop.h"

namespace {

using hitd::reliability::FaultOptions;
using hitd::reliability::KillLoopOptions;

int Usage(const char* why) {
  std::fprintf(stderr,
               "hitd_crashtest: %s\nusage: hitd_crashtest crash|powerloss|faults|child "
               "[flags] (see tests/reliability/main.cc)\n",
               why);
  return 2;
}

int DefaultCycles() {
  const char* v = std::getenv("HITD_CRASH_CYCLES");
  return v == nullptr ? 50 : std::atoi(v);
}

int MainKillLoop(bool power_loss, int argc, char** argv) {
  KillLoopOptions o;
  o.power_loss = power_loss;
  o.cycles = DefaultCycles();
  for (int i = 0; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--keep") {
      o.keep = true;
      continue;
    }
    if (flag == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (i + 1 >= argc) return Usage(("missing value for " + flag).c_str());
    const std::string v = argv[++i];
    if (flag == "--cycles") {
      o.cycles = std::stoi(v);
    } else if (flag == "--seed") {
      o.seed = std::stoull(v);
    } else if (flag == "--durability" && !power_loss) {
      o.durability = v;
    } else if (flag == "--child-durability" && power_loss) {
      o.durability = v;
    } else if (flag == "--shim") {
      o.shim = v;
    } else if (flag == "--max-kill-ms") {
      o.max_kill_ms = std::stoi(v);
    } else if (flag == "--tmp") {
      o.tmp = v;
    } else {
      return Usage(("unknown flag " + flag).c_str());
    }
  }
  if (power_loss && o.shim.empty()) return Usage("powerloss needs --shim");
  if (o.durability != "sync" && o.durability != "async" && o.durability != "mixed") {
    return Usage("durability is sync, async or mixed");
  }
  return hitd::reliability::RunKillLoop(o);
}

int MainFaults(int argc, char** argv) {
  FaultOptions o;
  for (int i = 0; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--verbose") {
      o.verbose = true;
      continue;
    }
    if (i + 1 >= argc) return Usage(("missing value for " + flag).c_str());
    const std::string v = argv[++i];
    if (flag == "--shim") {
      o.shim = v;
    } else if (flag == "--seed") {
      o.seed = std::stoull(v);
    } else if (flag == "--batches") {
      o.batches = std::stoi(v);
    } else if (flag == "--only") {
      o.only = v;
    } else if (flag == "--skip") {
      o.skip = v;
    } else if (flag == "--tmp") {
      o.tmp = v;
    } else {
      return Usage(("unknown flag " + flag).c_str());
    }
  }
  if (o.shim.empty()) return Usage("faults needs --shim");
  return hitd::reliability::RunFaults(o);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("no command");
  const std::string command = argv[1];
  if (command == "child") {
    hitd::reliability::ChildOptions o;
    std::string error;
    if (!hitd::reliability::ParseChildArgs(argc - 2, argv + 2, &o, &error)) {
      return Usage(error.c_str());
    }
    return hitd::reliability::RunChild(o);
  }
  if (command == "crash") return MainKillLoop(false, argc - 2, argv + 2);
  if (command == "powerloss") return MainKillLoop(true, argc - 2, argv + 2);
  if (command == "faults") return MainFaults(argc - 2, argv + 2);
  return Usage(("unknown command " + command).c_str());
}
