// hitd_sim: the seeded simulator (STYLE 17, in the manner of TigerBeetle's VOPR and
// Jepsen's bank test). Runs random command streams against the engine and a reference
// model, checks invariants after every step, and prints the failing seed, which
// `--seed N` replays exactly.
//
//   hitd_sim --seeds 200                  seeds 1..200
//   hitd_sim --seeds 1000 --first-seed 5000
//   hitd_sim --seed 1234 --verbose        replay one seed, printing every command
//   hitd_sim --check-determinism          run every seed twice and compare
//   hitd_sim --seeds 200 --reload-every 97
//                                         every 97 steps, rebuild the engine from its
//                                         Outputs with EngineLoader and go on with it
#include <chrono>  // the simulator, not the engine, may read a clock: for the summary
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tests/sim/runner.h"

namespace {

struct Flags {
  uint64_t first_seed = 1;
  uint64_t seeds = 1;
  int steps = 1500;
  bool verbose = false;
  bool check_determinism = false;
  bool keep_going = false;
  bool allow_unsupported = false;
  int reload_every = 0;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: hitd_sim [--seed N | --seeds M [--first-seed F]] [--steps S] [--verbose]\n"
               "                [--check-determinism] [--keep-going] [--allow-unsupported]\n"
               "                [--reload-every N]\n");
  std::exit(2);
}

Flags Parse(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> uint64_t {
      if (i + 1 >= argc) Usage();
      return std::strtoull(argv[++i], nullptr, 10);
    };
    if (a == "--seed") {
      f.first_seed = value();
      f.seeds = 1;
    } else if (a == "--seeds") {
      f.seeds = value();
    } else if (a == "--first-seed") {
      f.first_seed = value();
    } else if (a == "--steps") {
      f.steps = static_cast<int>(value());
    } else if (a == "--verbose") {
      f.verbose = true;
    } else if (a == "--check-determinism") {
      f.check_determinism = true;
    } else if (a == "--keep-going") {
      f.keep_going = true;
    } else if (a == "--allow-unsupported") {
      f.allow_unsupported = true;
    } else if (a == "--reload-every") {
      f.reload_every = static_cast<int>(value());
    } else {
      Usage();
    }
  }
  return f;
}

// Runs a seed a second time in the same process: the command stream, the results, the
// events and the final state must be identical.
std::string Determinism(const hitd::sim::RunOptions& o, const hitd::sim::RunResult& first) {
  hitd::sim::RunOptions quiet = o;
  quiet.verbose = false;
  hitd::sim::RunResult second = hitd::sim::RunSeed(quiet);
  if (second.stream_hash != first.stream_hash) return "command/result/event stream differs";
  if (second.state_hash != first.state_hash) return "StateHash differs";
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  const Flags f = Parse(argc, argv);
  const auto start = std::chrono::steady_clock::now();
  uint64_t passed = 0, failed = 0, steps = 0, unsupported = 0, reloads = 0;
  for (uint64_t seed = f.first_seed; seed < f.first_seed + f.seeds; ++seed) {
    hitd::sim::RunOptions o{seed, f.steps, f.verbose, f.allow_unsupported, f.reload_every};
    hitd::sim::RunResult r = hitd::sim::RunSeed(o);
    steps += static_cast<uint64_t>(r.steps);
    unsupported += r.unsupported;
    reloads += r.reloads;
    std::string why;
    if (r.ok && (f.check_determinism || seed % 10 == 0)) why = Determinism(o, r);
    if (!why.empty()) {
      r.ok = false;
      r.report = "FAILED seed=" + std::to_string(seed) + " step=" + std::to_string(r.steps) +
                 ": not deterministic: " + why + "\n";
    }
    if (r.ok) {
      ++passed;
      continue;
    }
    ++failed;
    std::fputs(r.report.c_str(), stdout);
    std::fflush(stdout);
    if (!f.keep_going) break;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("sim: %llu seeds, %llu steps, %llu failures (%.1f s)",
              static_cast<unsigned long long>(passed + failed),
              static_cast<unsigned long long>(steps), static_cast<unsigned long long>(failed),
              seconds);
  if (f.allow_unsupported)
    std::printf(", %llu unsupported", static_cast<unsigned long long>(unsupported));
  if (f.reload_every > 0) std::printf(", %llu reloads", static_cast<unsigned long long>(reloads));
  std::printf("\n");
  if (failed == 0) std::printf("%llu passed, 0 failed\n", static_cast<unsigned long long>(passed));
  return failed == 0 ? 0 : 1;
}
