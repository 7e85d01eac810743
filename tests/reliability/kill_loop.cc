#include "tests/reliability/kill_loop.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "engine/engine.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/history.h"
#include "tests/reliability/undo_journal.h"
#include "tests/sim/prng.h"

namespace hitd::reliability {

namespace {

constexpr int64_t kStartMs = 1'700'000'000'000;
constexpr int64_t kVerifyTimeoutMs = 120'000;

struct Totals {
  int cycles = 0;
  int killed_opening = 0;       // before `ready`
  int killed_with_unacked = 0;  // batches applied and not yet acknowledged
  int recovered_past_ack = 0;   // a commit had reached the disk before its ack
  uint64_t applied = 0;
  uint64_t acked = 0;
  int power_cuts_with_writes = 0;  // the journal held unsynced writes
  uint64_t writes_undone = 0;
};

class KillLoop {
 public:
  explicit KillLoop(const KillLoopOptions& o)
      : o_(o), rng_(o.seed), history_(engine::Engine().StateHash()) {}

  int Run() {
    std::string tmp = o_.tmp.empty() ? "/tmp" : o_.tmp;
    std::string pattern = tmp + "/hitd-" + (o_.power_loss ? "powerloss" : "crash") + "-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return Fail("mkdtemp " + pattern);
    root_ = pattern;
    dir_ = root_ + "/data";
    journal_ = root_ + "/undo.journal";
    self_ = SelfPath();
    const int64_t start = ChildProcess::NowMs();
    for (int i = 0; i < o_.cycles; ++i) {
      std::string error;
      if (!Cycle(i, &error)) return Fail("cycle " + std::to_string(i) + ": " + error);
    }
    std::string error;
    if (!Verify(&error)) return Fail("the last restart: " + error);
    if (t_.acked == 0 || t_.killed_with_unacked == 0) {
      return Fail(
          "the loop never acknowledged a batch or never killed a child with one in "
          "flight: it tested nothing");
    }
    std::fprintf(stderr,
                 "hitd_crashtest %s: PASS seed=%llu cycles=%d (killed while opening: %d, "
                 "with unacknowledged batches: %d, recovered past the last ack: %d) "
                 "batches applied=%llu acked=%llu power cuts with unsynced writes=%d "
                 "writes undone=%llu in %lld ms\n",
                 Name(), ull(o_.seed), t_.cycles, t_.killed_opening, t_.killed_with_unacked,
                 t_.recovered_past_ack, ull(t_.applied), ull(t_.acked), t_.power_cuts_with_writes,
                 ull(t_.writes_undone), static_cast<long long>(ChildProcess::NowMs() - start));
    if (!o_.keep) std::filesystem::remove_all(root_);
    return 0;
  }

 private:
  const char* Name() const { return o_.power_loss ? "powerloss" : "crash"; }

  int Fail(const std::string& what) {
    std::fprintf(stderr,
                 "hitd_crashtest %s: FAIL seed=%llu: %s\n  data: %s\n  replay: %s %s --seed %llu "
                 "--cycles %d\n",
                 Name(), ull(o_.seed), what.c_str(), root_.c_str(), self_.c_str(), Name(),
                 ull(o_.seed), o_.cycles);
    return 1;
  }

  std::string Durability() {
    if (o_.durability != "mixed") return o_.durability;
    return rng_.Chance(30) ? "async" : "sync";
  }

  std::vector<std::string> ChildArgs(const char* mode, const std::string& durability) {
    const int64_t now = std::max(kStartMs, history_.run().max_now_ms + 1);
    return {self_,          "child",
            "--dir",        dir_,
            "--seed",       std::to_string(rng_.Next()),
            "--now",        std::to_string(now),
            "--durability", durability,
            "--mode",       mode};
  }

  bool Feed(const std::vector<std::string>& lines, std::string* error) {
    for (const std::string& line : lines) {
      if (!history_.OnLine(line, error)) return false;
    }
    return true;
  }

  // Reads until the child reports `ready`; false if its output ends first.
  static bool ReadUntilReady(ChildProcess& child, std::vector<std::string>* lines) {
    const int64_t deadline = ChildProcess::NowMs() + kVerifyTimeoutMs;
    for (size_t seen = 0; ChildProcess::NowMs() < deadline;) {
      const bool running = child.ReadLines(ChildProcess::NowMs() + 5, lines);
      for (; seen < lines->size(); ++seen) {
        if ((*lines)[seen].starts_with("ready")) return true;
      }
      if (!running) return false;
    }
    return true;
  }

  bool Cycle(int i, std::string* error) {
    // A few kills land while the child opens and recovers (timed from its start), the
    // rest while it works (timed from `ready`, so that however long recovery takes as the
    // store grows, most kills still find batches in flight).
    const bool while_opening = rng_.Chance(15);
    const int64_t kill_after =
        while_opening ? rng_.Range(0, 40) : rng_.Range(0, std::max(1, o_.max_kill_ms));
    std::vector<std::string> env;
    if (o_.power_loss) {
      env.push_back("LD_PRELOAD=" + o_.shim);
      env.push_back(std::string(kUndoJournalEnv) + "=" + journal_);
    }
    history_.BeginRun();
    std::unique_ptr<ChildProcess> child =
        ChildProcess::Start(ChildArgs("run", Durability()), env, error);
    if (child == nullptr) return false;
    std::vector<std::string> lines;
    bool running = true;
    if (!while_opening) running = ReadUntilReady(*child, &lines);
    if (running) running = child->ReadLines(ChildProcess::NowMs() + kill_after, &lines);
    child->Kill();
    child->ReadLines(ChildProcess::NowMs() + kVerifyTimeoutMs, &lines);
    const int status = child->Wait();
    const bool fed = Feed(lines, error);
    if (!running || !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
      *error = "the child " + DescribeStatus(status) +
               " before it was killed: " + history_.run().child_error +
               (fed ? "" : "; and " + *error);
      return false;
    }
    if (!fed) return false;
    const RunStats& run = history_.run();
    for (const std::string& line : lines) {
      if (line.starts_with("failed") || line.starts_with("diskfull")) {
        *error = "the store failed with no fault injected: " + line;
        return false;
      }
    }
    history_.EndRun();
    ++t_.cycles;
    t_.killed_opening += run.ready ? 0 : 1;
    t_.killed_with_unacked += run.ready && run.unacked_at_end > 0 ? 1 : 0;
    t_.recovered_past_ack += run.recovered_past_ack ? 1 : 0;
    t_.applied += run.applied;
    t_.acked += run.acked;
    if (o_.verbose) {
      std::fprintf(stderr, "cycle %d: kill after %lld ms, applied %llu acked %llu unacked %llu%s\n",
                   i, static_cast<long long>(kill_after), ull(run.applied), ull(run.acked),
                   ull(run.unacked_at_end), run.ready ? "" : " (while opening)");
    }
    return o_.power_loss ? LosePower(error) : true;
  }

  // Undoes every write since the last fsync, or a random subset of them.
  bool LosePower(std::string* error) {
    std::vector<UndoEntry> entries;
    if (!ReadUndoJournal(journal_, &entries, error)) return false;
    std::filesystem::remove(journal_);
    // Cut while a new store was still being made in its side directory: there is no
    // data.mdb to damage, and the next open throws the side directory away.
    if (!std::filesystem::exists(dir_ + "/data.mdb")) return true;
    if (entries.empty()) return true;
    ++t_.power_cuts_with_writes;
    const bool all = rng_.Chance(50);
    std::vector<bool> undo(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      undo[i] = all || rng_.Chance(50);
      t_.writes_undone += undo[i] ? 1 : 0;
    }
    return UndoWrites(dir_ + "/data.mdb", entries, undo, error);
  }

  bool Verify(std::string* error) {
    history_.BeginRun();
    std::unique_ptr<ChildProcess> child =
        ChildProcess::Start(ChildArgs("verify", "sync"), {}, error);
    if (child == nullptr) return false;
    std::vector<std::string> lines;
    child->ReadLines(ChildProcess::NowMs() + kVerifyTimeoutMs, &lines);
    const int status = child->Wait();
    if (!Feed(lines, error)) return false;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !history_.run().ready) {
      *error = "the verifying child " + DescribeStatus(status) + ": " + history_.run().child_error;
      return false;
    }
    return true;
  }

  static unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

  const KillLoopOptions o_;
  sim::Prng rng_;
  History history_;
  Totals t_;
  std::string root_, dir_, journal_, self_;
};

}  // namespace

int RunKillLoop(const KillLoopOptions& options) {
  KillLoop loop(options);
  return loop.Run();
}

}  // namespace hitd::reliability
