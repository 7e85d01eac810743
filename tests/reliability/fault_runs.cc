#include "tests/reliability/fault_runs.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
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

constexpr int64_t kTimeoutMs = 120'000;

enum class Site : uint8_t { kWrite, kMeta, kSync, kCommit, kPowerCut };

struct Fault {
  const char* name;
  Site site;
  int error;  // errno (none for a power cut)
};

constexpr Fault kFaults[] = {
    {"write-eio", Site::kWrite, EIO},         {"meta-eio", Site::kMeta, EIO},
    {"sync-eio", Site::kSync, EIO},           {"write-enospc", Site::kWrite, ENOSPC},
    {"meta-enospc", Site::kMeta, ENOSPC},     {"commit-eio", Site::kCommit, EIO},
    {"commit-enospc", Site::kCommit, ENOSPC}, {"powercut", Site::kPowerCut, 0},
};

struct Counts {
  uint64_t writes = 0, meta_writes = 0, syncs = 0, commits = 0;
  uint64_t at(Site s) const {
    switch (s) {
      case Site::kWrite:
        return writes;
      case Site::kMeta:
        return meta_writes;
      case Site::kSync:
        return syncs;
      case Site::kCommit:
        return commits;
      default:
        return writes + meta_writes;
    }
  }
  friend bool operator==(const Counts&, const Counts&) = default;
};

// `name` is in the comma-separated `list`.
bool Listed(const std::string& list, const char* name) {
  const std::string key = "," + list + ",";
  return key.find("," + std::string(name) + ",") != std::string::npos;
}

class FaultRuns {
 public:
  explicit FaultRuns(const FaultOptions& o) : o_(o), empty_hash_(engine::Engine().StateHash()) {}

  int Run() {
    const int64_t start = ChildProcess::NowMs();
    std::string tmp = o_.tmp.empty() ? "/tmp" : o_.tmp;
    std::string pattern = tmp + "/hitd-faults-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return Report("mkdtemp " + pattern);
    root_ = pattern;
    self_ = SelfPath();
    // The clean scenario, twice: the counts must not depend on timing.
    Counts first, second;
    std::string error;
    if (!Clean(&first, &error) || !Clean(&second, &error)) return Report("clean run: " + error);
    if (!(first == second)) {
      return Report("the scenario is not deterministic: its write, sync or commit count changed");
    }
    // Every fault at every call, even after a failure, so that one run shows them all.
    int runs = 0;
    std::vector<std::string> failures;
    for (const Fault& f : kFaults) {
      if ((!o_.only.empty() && !Listed(o_.only, f.name)) || Listed(o_.skip, f.name)) continue;
      for (uint64_t n = 1; n <= first.at(f.site); ++n, ++runs) {
        if (!Injected(f, n, &error)) {
          failures.push_back(std::string(f.name) + " at call " + std::to_string(n) + ": " + error);
        }
      }
    }
    std::fprintf(stderr,
                 "hitd_crashtest faults: %d runs (%llu writes, %llu meta writes, %llu syncs, "
                 "%llu commits per scenario; %d failed to open, %d stopped on kFailed, %d "
                 "resumed after kDiskFull (%d checked refusals), %d power cuts undoing %llu "
                 "writes, %zu failed) in "
                 "%lld ms\n",
                 runs, ull(first.writes), ull(first.meta_writes), ull(first.syncs),
                 ull(first.commits), open_failed_, stopped_, resumed_, refused_, power_cuts_,
                 ull(writes_undone_), failures.size(),
                 static_cast<long long>(ChildProcess::NowMs() - start));
    if (resumed_ > 0 && refused_ == 0) {
      failures.push_back("no run saw a mutation refused while the disk was full");
    }
    if (!failures.empty()) {
      std::string all;
      for (const std::string& f : failures) all += "\n  " + f;
      return Report(std::to_string(failures.size()) + " runs failed:" + all);
    }
    std::fprintf(stderr, "hitd_crashtest faults: PASS\n");
    std::filesystem::remove_all(root_);
    return 0;
  }

 private:
  int Report(const std::string& what) {
    std::fprintf(stderr,
                 "hitd_crashtest faults: FAIL seed=%llu: %s\n  data (failed runs' stores): %s\n",
                 ull(o_.seed), what.c_str(), root_.c_str());
    return 1;
  }

  std::vector<std::string> Args(const std::string& dir, const char* mode) {
    return {self_,         "child",
            "--dir",       dir,
            "--seed",      std::to_string(o_.seed),
            "--mode",      mode,
            "--batches",   std::to_string(o_.batches),
            "--max-batch", "16"};
  }

  // Runs a child to its end; its lines go to `history`.
  bool RunChild(const std::vector<std::string>& args, const std::vector<std::string>& env,
                History& history, int* status, std::string* error) {
    history.BeginRun();
    std::unique_ptr<ChildProcess> child = ChildProcess::Start(args, env, error);
    if (child == nullptr) return false;
    std::vector<std::string> lines;
    if (child->ReadLines(ChildProcess::NowMs() + kTimeoutMs, &lines)) {
      *error = "the child did not finish in time";
      return false;
    }
    *status = child->Wait();
    for (const std::string& line : lines) {
      if (o_.verbose) std::fprintf(stderr, "  | %s\n", line.c_str());
      if (!history.OnLine(line, error)) return false;
    }
    history.EndRun();
    return true;
  }

  bool Clean(Counts* counts, std::string* error) {
    const std::string dir = root_ + "/clean";
    std::filesystem::remove_all(dir);
    History history(empty_hash_);
    int status = 0;
    if (!RunChild(Args(dir, "scenario"), {"LD_PRELOAD=" + o_.shim}, history, &status, error)) {
      return false;
    }
    const RunStats& run = history.run();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || run.counts.size() != 5) {
      *error = "the child " + DescribeStatus(status);
      return false;
    }
    if (run.failed + run.disk_full != 0 || run.counts[4] != 0) {
      *error = "the store failed with no fault injected";
      return false;
    }
    if (run.counts[0] == 0 || run.counts[1] == 0 || run.counts[2] == 0) {
      *error = "the shim saw no writes or syncs to data.mdb: is it preloaded?";
      return false;
    }
    *counts = Counts{run.counts[0], run.counts[1], run.counts[2], run.counts[3]};
    return Verify(dir, history, error);
  }

  bool Injected(const Fault& f, uint64_t n, std::string* error) {
    error->clear();
    const std::string dir = root_ + "/" + f.name + "-" + std::to_string(n);
    const std::string journal = dir + ".journal";
    std::vector<std::string> args = Args(dir, "scenario");
    std::vector<std::string> env = {"LD_PRELOAD=" + o_.shim};
    const std::string at = std::to_string(n);
    switch (f.site) {
      case Site::kCommit:
        args.insert(args.end(),
                    {"--fail-commit", at, "--fail-commit-errno", std::to_string(f.error)});
        break;
      case Site::kPowerCut:
        env.push_back("HITD_CRASH_AFTER_WRITE_N=" + at);
        env.push_back(std::string(kUndoJournalEnv) + "=" + journal);
        break;
      default:
        env.push_back((f.site == Site::kWrite  ? "HITD_FAULT_WRITE_N="
                       : f.site == Site::kMeta ? "HITD_FAULT_META_N="
                                               : "HITD_FAULT_SYNC_N=") +
                      at);
        env.push_back("HITD_FAULT_ERRNO=" + std::to_string(f.error));
        break;
    }
    History history(empty_hash_);
    int status = 0;
    if (!RunChild(args, env, history, &status, error)) return false;
    const bool outcome = f.site == Site::kPowerCut ? PowerCut(n, journal, dir, status, error)
                                                   : Outcome(f, history.run(), status, error);
    std::string verify_error;
    if (!Verify(dir, history, &verify_error)) {
      *error += (outcome ? "" : "; then ") + verify_error;
      return false;
    }
    if (outcome) std::filesystem::remove_all(dir);
    return outcome;
  }

  // The child killed itself right after write n: the power goes too. Every write since
  // the last sync is undone (odd n), or a random subset of them (even n).
  bool PowerCut(uint64_t n, const std::string& journal, const std::string& dir, int status,
                std::string* error) {
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
      *error = "the child " + DescribeStatus(status) + ", not at the power cut";
      return false;
    }
    std::vector<UndoEntry> entries;
    if (!ReadUndoJournal(journal, &entries, error)) return false;
    std::filesystem::remove(journal);
    // Cut while a new store was still being made in its side directory: there is no
    // data.mdb to damage, and the next open throws the side directory away.
    if (!std::filesystem::exists(dir + "/data.mdb")) return true;
    sim::Prng rng(o_.seed * 1'000'003 + n);
    std::vector<bool> undo(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      undo[i] = n % 2 == 1 || rng.Chance(50);
      writes_undone_ += undo[i] ? 1 : 0;
    }
    ++power_cuts_;
    return UndoWrites(dir + "/data.mdb", entries, undo, error);
  }

  // What the faulty run itself must show.
  bool Outcome(const Fault& f, const RunStats& run, int status, std::string* error) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 4) {  // refused to open: nothing acked
      ++open_failed_;
      return true;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || run.counts.size() != 5) {
      *error = "the child " + DescribeStatus(status) + ": " + run.child_error;
      return false;
    }
    if (run.counts[4] != 1) {
      *error = "the fault fired " + std::to_string(run.counts[4]) + " times, not once";
      return false;
    }
    if (f.error == EIO) {
      if (run.failed == 0 || run.disk_full != 0) {
        *error = "no batch came back kFailed after an I/O error";
        return false;
      }
      if (run.acked_after_failure) {
        *error = "a batch was acknowledged after the store failed";
        return false;
      }
      ++stopped_;
      return true;
    }
    if (run.disk_full == 0 || run.failed != 0 || run.rollbacks == 0) {
      *error = "a full disk did not end in kDiskFull batches and a rollback (failed " +
               std::to_string(run.failed) + ", disk full " + std::to_string(run.disk_full) +
               ", rollbacks " + std::to_string(run.rollbacks) + ")";
      return false;
    }
    if (!run.acked_after_disk_full) {
      *error = "no batch was acknowledged once the disk had room again";
      return false;
    }
    ++resumed_;
    refused_ += run.refusals > 0 ? 1 : 0;
    return true;
  }

  // Reopens without faults: the store holds a boundary at or after the last ack.
  bool Verify(const std::string& dir, History& history, std::string* error) {
    int status = 0;
    std::vector<std::string> args = Args(dir, "verify");
    const int64_t now = std::max<int64_t>(1'700'000'000'000, history.run().max_now_ms + 1);
    args.insert(args.end(), {"--now", std::to_string(now)});
    if (!RunChild(args, {}, history, &status, error)) return false;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !history.run().ready) {
      *error = "reopening: the child " + DescribeStatus(status) + ": " + history.run().child_error;
      return false;
    }
    return true;
  }

  static unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

  const FaultOptions o_;
  const uint64_t empty_hash_;
  std::string root_, self_;
  int open_failed_ = 0, stopped_ = 0, resumed_ = 0, refused_ = 0, power_cuts_ = 0;
  uint64_t writes_undone_ = 0;
};

}  // namespace

int RunFaults(const FaultOptions& options) {
  FaultRuns runs(options);
  return runs.Run();
}

}  // namespace hitd::reliability
