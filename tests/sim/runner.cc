#include "tests/sim/runner.h"

#include <csignal>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/load.h"
#include "tests/engine/mem_store.h"
#include "tests/engine/output_diff.h"
#include "tests/sim/checker.h"
#include "tests/sim/describe.h"
#include "tests/sim/generator.h"
#include "tests/sim/model.h"
#include "tests/sim/prng.h"

namespace hitd::sim {

namespace {

constexpr size_t kHistory = 20;
constexpr int kFullCheckEvery = 25;
constexpr TimeMs kStart{1'767'225'600'000};  // 2026-01-01T00:00:00Z

uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return (h ^ 0xff) * 0x100000001b3ULL;
}

uint64_t HashEvent(uint64_t h, const Event& e) {
  const uint64_t fields[] = {e.seq,
                             static_cast<uint64_t>(e.type),
                             static_cast<uint64_t>(e.time.value),
                             e.owner.value,
                             e.hit.value,
                             e.assignment.value,
                             e.worker.value,
                             e.qual_type.value,
                             static_cast<uint64_t>(e.amount.value)};
  for (uint64_t f : fields) h = Fnv(h, std::string_view(reinterpret_cast<const char*>(&f), 8));
  return h;
}

// The engine aborts on a failed internal check; this names the seed and step it died at
// and the commands that led there, so that an abort is as replayable as a mismatch.
char g_abort_context[64] = "";
const std::deque<std::string>* g_history = nullptr;
void OnAbort(int) {
  std::fprintf(stderr, "FAILED %s: the engine aborted (a failed check, see above)\n",
               g_abort_context);
  if (g_history != nullptr) {
    for (const std::string& line : *g_history) std::fprintf(stderr, "  %s\n", line.c_str());
  }
}

EngineConfig ConfigFor(Prng& rng) {
  // Small accept caps make the cap bite often; the default is kept in the mix.
  static const uint32_t kCaps[] = {1, 2, 3, 5, 25};
  EngineConfig config;
  config.max_accepted_per_worker = kCaps[rng.Range(0, 4)];
  config.fees.large_hit_extra_enabled = rng.Chance(20);
  if (rng.Chance(25)) {  // probation, off by default, on in a quarter of the runs
    config.probation_approvals = static_cast<uint32_t>(rng.Range(1, 3));
    config.probation_daily_accepts = static_cast<uint32_t>(rng.Range(1, 4));
  }
  return config;
}

struct TokenUse {
  Context ctx;
  Command command;
  Result result;
};

class Run {
 public:
  explicit Run(const RunOptions& o)
      : options_(o),
        rng_(o.seed),
        config_(ConfigFor(rng_)),
        engine_(std::make_unique<Engine>(config_)),
        reference_(o.reload_every > 0 ? std::make_unique<Engine>(config_) : nullptr),
        model_(config_),
        generator_(rng_, model_),
        checker_(*engine_, model_, o.allow_unsupported) {}

  RunResult Go() {
    g_history = &history_;
    std::signal(SIGABRT, OnAbort);
    for (int step = 1; step <= options_.steps && result_.ok; ++step) {
      std::snprintf(g_abort_context, sizeof(g_abort_context), "seed=%llu step=%d",
                    static_cast<unsigned long long>(options_.seed), step);
      StepOnce(step);
      result_.steps = step;
      if (result_.ok && options_.reload_every > 0 && step % options_.reload_every == 0) {
        Reload(step);
      }
    }
    result_.state_hash = engine_->StateHash();
    g_history = nullptr;
    return result_;
  }

 private:
  void StepOnce(int step);
  Result ApplyBoth(int step, const Step& st, Output& out);
  void Reload(int step);
  std::optional<Step> Clock();
  std::optional<size_t> PickReplay();
  void Fail(int step, const std::string& what);
  bool CheckAll(int step, const Verdict& v);

  RunOptions options_;
  Prng rng_;
  EngineConfig config_;
  std::unique_ptr<Engine> engine_;     // the engine the model checks
  std::unique_ptr<Engine> reference_;  // with reload_every: never reloaded, run beside
  engine::test::MemStore store_;       // with reload_every: what engine_'s Outputs carried
  Output reference_out_;               // reused: reference_'s answer to the current step
  Model model_;
  Generator generator_;
  Checker checker_;
  TimeMs now_ = kStart;
  std::deque<std::string> history_;
  std::vector<TokenUse> tokens_;
  RunResult result_;
};

void Run::Fail(int step, const std::string& what) {
  if (!result_.ok) return;
  result_.ok = false;
  std::string r = "FAILED seed=" + std::to_string(options_.seed) + " step=" + std::to_string(step) +
                  ": " + what + "\nlast commands (oldest first):\n";
  for (const std::string& line : history_) r += "  " + line + "\n";
  result_.report = r;
}

// Moves the clock: mostly not at all or by small steps, sometimes just past the next
// timer or by days. A move past a timer is followed at once by the Tick that fires it,
// so the model never has to guess how the engine treats work whose time ran out but has
// not been swept yet. Tick commands also come at random moments from the generator.
std::optional<Step> Run::Clock() {
  const int roll = static_cast<int>(rng_.Range(0, 199));
  if (roll < 120) return std::nullopt;
  const std::optional<TimeMs> due = model_.NextDue();
  TimeMs next = now_;
  bool tick = false;
  if (roll < 184) {
    next = now_ + TimeMs(rng_.Range(1, 20'000));
    if (due && next >= *due) {
      if (rng_.Chance(50)) {
        next = std::max(now_, *due - TimeMs(1));
      } else {
        tick = true;
      }
    }
  } else if (roll < 197) {
    if (!due) return std::nullopt;
    next = std::max(now_, *due + TimeMs(rng_.Range(0, 2000)));
    tick = true;
  } else {
    next = now_ + TimeMs(rng_.Range(3'600'000, 40 * 86'400'000LL));
    tick = true;
  }
  now_ = next;
  if (!tick) return std::nullopt;
  Context ctx;
  ctx.now = now_;
  return Step{ctx, Tick{}};
}

// A request token used before, still inside the window, by an account that may act.
std::optional<size_t> Run::PickReplay() {
  if (tokens_.empty() || !rng_.Chance(3)) return std::nullopt;
  size_t i = static_cast<size_t>(rng_.Range(0, static_cast<int64_t>(tokens_.size()) - 1));
  const TokenUse& u = tokens_[i];
  if (now_ - u.ctx.now >= config_.token_window - Days(1)) return std::nullopt;
  if (model_.state().accounts.at(u.ctx.actor.value).suspended) return std::nullopt;
  return i;
}

void Run::StepOnce(int step) {
  std::optional<size_t> replay;
  bool conflict = false;
  Step st;
  if (std::optional<Step> tick = Clock()) {
    st = *tick;
  } else if ((replay = PickReplay())) {
    st = Step{tokens_[*replay].ctx, tokens_[*replay].command};
    st.ctx.now = now_;
    conflict = rng_.Chance(25);
    if (conflict) st.ctx.request_fingerprint ^= 1;  // the same token for another request
  } else {
    st = generator_.Next(now_);
    if (IsMutation(st.command) && !std::holds_alternative<Tick>(st.command) && rng_.Chance(5)) {
      st.ctx.request_token = "k" + std::to_string(step);
      st.ctx.request_fingerprint = Fnv(0xcbf29ce484222325ULL, DescribeCommand(st.ctx, st.command));
    }
  }
  Output out;
  const Result r = ApplyBoth(step, st, out);
  if (!result_.ok) return;
  const std::string line = DescribeCommand(st.ctx, st.command) + " " + DescribeResult(r);
  if (options_.verbose) std::printf("step %d: %s\n", step, line.c_str());
  history_.push_back(line);
  if (history_.size() > kHistory) history_.pop_front();
  result_.stream_hash = Fnv(result_.stream_hash, line);
  for (const Event& e : out.events) result_.stream_hash = HashEvent(result_.stream_hash, e);

  if (auto err = checker_.CheckOutput(r, out); !err.empty()) return Fail(step, err);
  Verdict v;
  if (replay) {
    // A repeat answers as the first time and changes nothing; another request under the
    // same token is refused.
    if (conflict && r.error().code != ErrorCode::kTokenConflict) {
      return Fail(step, "a reused token with another fingerprint was not refused");
    }
    if (!conflict && !(r == tokens_[*replay].result)) {
      return Fail(step, "a repeated request token did not return the first answer");
    }
    if (!out.events.empty()) return Fail(step, "a repeated request token emitted events");
  } else if (options_.allow_unsupported && !r.ok() && r.error().code == ErrorCode::kUnsupported) {
    ++result_.unsupported;
  } else {
    if (auto err = checker_.CheckEvents(st.command, r, out); !err.empty()) return Fail(step, err);
    v = model_.Apply(st.ctx, st.command, r);
    if (!v.mismatch.empty()) return Fail(step, v.mismatch);
    checker_.Resync(v);
    if (!st.ctx.request_token.empty() && r.ok()) tokens_.push_back({st.ctx, st.command, r});
  }
  CheckAll(step, v);
}

// Applies the step to the engine and, with reload_every, to the reference engine too,
// which must answer alike; keeps the Output in the store that reloads read.
Result Run::ApplyBoth(int step, const Step& st, Output& out) {
  const Result r = engine_->Apply(st.ctx, st.command, out);
  if (reference_ == nullptr) return r;
  store_.Write(out);
  Output& want = reference_out_;
  want.Clear();
  const Result expected = reference_->Apply(st.ctx, st.command, want);
  if (std::string diff = engine::test::DiffAnswers(expected, want, r, out); !diff.empty()) {
    Fail(step, "the reloaded engine answers unlike the original: " + diff +
                   " (original: " + DescribeResult(expected) + ")");
  }
  return r;
}

// Rebuilds the engine from the store: it must equal the engine it replaces, pass every
// whole-state check, and (from then on, through ApplyBoth) answer as the reference does.
void Run::Reload(int step) {
  std::string error;
  std::unique_ptr<Engine> loaded = store_.Load(config_, &error);
  if (loaded == nullptr) return Fail(step, "EngineLoader refused the store: " + error);
  if (loaded->StateHash() != engine_->StateHash()) {
    return Fail(step, "the reloaded engine's StateHash differs");
  }
  loaded->CheckInvariants();  // aborts on a violation
  engine_ = std::move(loaded);
  checker_.Rebind(*engine_);
  ++result_.reloads;
}

bool Run::CheckAll(int step, const Verdict& v) {
  std::string err = model_.CheckConservation();
  if (err.empty()) err = checker_.CheckEngineInvariants();
  if (err.empty()) err = checker_.CompareRecords();
  if (err.empty()) err = checker_.CompareViews(v, now_, step % kFullCheckEvery == 0);
  if (!err.empty()) {
    Fail(step, err);
    return false;
  }
  if (step % kFullCheckEvery == 0) engine_->CheckInvariants();  // aborts on a violation
  return true;
}

}  // namespace

RunResult RunSeed(const RunOptions& options) {
  Run run(options);
  return run.Go();
}

}  // namespace hitd::sim
