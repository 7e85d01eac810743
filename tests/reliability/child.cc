#include "tests/reliability/child.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/load.h"
#include "engine/store/host.h"
#include "tests/reliability/workload.h"

namespace hitd::reliability {

using store::Batch;
using store::BatchStatus;
using store::Health;

namespace {

// One line to stdout in one write(2): the parent reads a pipe, and a kill must never
// leave half a line that looks whole.
void Emit(const char* format, ...) {
  char line[512];
  va_list ap;
  va_start(ap, format);
  int n = std::vsnprintf(line, sizeof line - 1, format, ap);
  va_end(ap);
  if (n < 0) std::abort();
  n = std::min<int>(n, sizeof line - 2);
  line[n++] = '\n';
  for (int at = 0; at < n;) {
    const ssize_t w = ::write(STDOUT_FILENO, line + at, static_cast<size_t>(n - at));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) std::_Exit(7);  // the parent is gone
    at += static_cast<int>(w);
  }
}

[[noreturn]] void Die(int code, const char* what) {
  Emit("error %d %s", code, what);  // the parent reports it
  std::_Exit(code);
}

uint64_t ShimCount(const char* name) {
  void* f = dlsym(RTLD_DEFAULT, name);
  if (f == nullptr) return 0;
  uint64_t (*fn)();
  std::memcpy(&fn, &f, sizeof fn);
  return fn();
}

// Loads the store as Host::Open will, and applies the recovery Tick to that copy.
struct Preview {
  uint64_t loaded_hash = 0;
  uint64_t last_batch = 0;
  uint64_t ticked_hash = 0;
};

bool PreviewRecovery(const store::HostOptions& options, int64_t now, Preview* preview,
                     std::string* error) {
  std::unique_ptr<store::Store> s = store::Store::Open(options.store, error);
  if (s == nullptr) return false;
  engine::EngineLoader loader(options.engine);
  store::LoadStats stats;
  if (!s->Load(loader, &stats, error)) return false;
  std::unique_ptr<engine::Engine> e = loader.Finish(error);
  if (e == nullptr) return false;
  preview->loaded_hash = e->StateHash();
  preview->last_batch = s->LastBatch();
  engine::Output out;
  e->Apply(engine::Context(engine::AccountId(), engine::TimeMs(now)), engine::Tick{}, out);
  preview->ticked_hash = e->StateHash();
  return true;
}

class Child {
 public:
  explicit Child(const ChildOptions& o) : o_(o), workload_(o.seed, o.now_ms) {}

  int Run() {
    if (!Open()) return 4;
    if (o_.mode == ChildMode::kVerify) return 0;
    if (o_.mode == ChildMode::kScenario) return Scenario();
    for (;;) Step(/*wait=*/false);
  }

 private:
  store::HostOptions Options() {
    store::HostOptions h;
    h.store.dir = o_.dir;
    h.store.durability = o_.durability;
    h.batches = o_.batches_in_flight;
    h.verify = true;  // every invariant at each restart, and the hash compared below
    h.writer.flush_interval_ms = 5;
    h.writer.probe_interval_ms = 20;
    // The writer's clock (retention, flushes, probes) is the workload's plus the real time
    // since the start: retention follows the clock jumps, and a probe for room still comes
    // due while the workload waits.
    h.writer.now_ms = [this] {
      const auto real = std::chrono::steady_clock::now() - start_;
      return clock_ms_.load(std::memory_order_relaxed) +
             std::chrono::duration_cast<std::chrono::milliseconds>(real).count();
    };
    h.writer.fail_commit = [this](uint64_t n) {
      commits_.fetch_add(1, std::memory_order_relaxed);
      if (n != o_.fail_commit_n) return 0;
      seam_fired_.fetch_add(1, std::memory_order_relaxed);
      return o_.fail_commit_errno;
    };
    return h;
  }

  bool Open() {
    clock_ms_.store(o_.now_ms);
    store::HostOptions options = Options();
    Preview p;
    std::string error;
    if (!PreviewRecovery(options, o_.now_ms, &p, &error)) {
      Emit("openfailed preview: %s", error.c_str());
      return false;
    }
    Emit("recovered %llu %llu", ull(p.loaded_hash), ull(p.last_batch));
    Emit("applied %llu %llu %lld", ull(p.last_batch + 1), ull(p.ticked_hash),
         static_cast<long long>(o_.now_ms));
    store::RecoveryReport report;
    host_ = store::Host::Open(std::move(options), engine::TimeMs(o_.now_ms), &report, &error);
    if (host_ == nullptr) {
      Emit("openfailed host: %s", error.c_str());
      return false;
    }
    if (report.state_hash != p.loaded_hash) Die(3, "the host loaded another state");
    if (host_->engine().StateHash() != p.ticked_hash) Die(3, "the recovery tick differs");
    if (host_->writer().submitted() != p.last_batch + 1) Die(3, "the tick has another number");
    host_->engine().CheckInvariants();
    durable_hash_ = p.ticked_hash;
    done_seq_ = p.last_batch + 1;  // Open took the tick's batch back itself
    Emit("ready %llu %llu", ull(p.last_batch + 1), ull(p.ticked_hash));
    return true;
  }

  // Takes finished batches back, in order, and reports them.
  void TakeBack() {
    while (Batch* b = host_->NextDone()) {
      if (b->seq != ++done_seq_) Die(6, "batches came back out of order");
      const auto it = in_flight_.find(b->seq);
      if (it == in_flight_.end()) Die(6, "an unknown batch came back");
      switch (b->status) {
        case BatchStatus::kDurable:
          if (failed_) Die(6, "a batch was acknowledged after a store failure");
          durable_hash_ = it->second;
          ++acked_;
          Emit("acked %llu", ull(b->seq));
          break;
        case BatchStatus::kDiskFull:
          Emit("diskfull %llu", ull(b->seq));
          break;
        default:
          failed_ = true;
          Emit("failed %llu", ull(b->seq));
          break;
      }
      in_flight_.erase(it);
      commands_[b].clear();
      host_->Recycle(b);
    }
  }

  // After a full disk: once every batch is back, the host reloads the engine from the
  // store, which must hold exactly the state after the last acknowledged batch.
  void Maintain() {
    const uint64_t before = host_->rollbacks();
    std::string error;
    if (!host_->Maintain(&error)) Die(6, error.c_str());
    if (host_->rollbacks() == before) return;
    const uint64_t hash = host_->engine().StateHash();
    Emit("rollback %llu", ull(hash));
    if (hash != durable_hash_) Die(5, "the rollback did not restore the last durable state");
    host_->engine().CheckInvariants();
  }

  // Applies one batch and submits it; with `wait`, also waits for it to come back.
  void Step(bool wait) {
    TakeBack();
    Maintain();
    Batch* b = host_->Begin();
    if (b == nullptr) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      return;
    }
    std::vector<engine::Command>& commands = commands_[b];
    commands.reserve(static_cast<size_t>(o_.max_batch));  // never moves: payloads point in
    const int n = static_cast<int>(workload_.rng().Range(1, o_.max_batch));
    for (int i = 0; i < n; ++i) {
      reliability::Step step = workload_.Next(host_->engine());
      commands.push_back(std::move(step.command));
      (void)host_->Apply(*b, step.ctx, commands.back());
    }
    clock_ms_.store(workload_.now_ms(), std::memory_order_relaxed);
    const uint64_t seq = host_->writer().submitted() + 1;
    const uint64_t hash = host_->engine().StateHash();
    in_flight_[seq] = hash;
    Emit("applied %llu %llu %lld", ull(seq), ull(hash), static_cast<long long>(workload_.now_ms()));
    host_->Submit(b);
    if (b->seq != seq) Die(6, "the writer numbered the batch differently");
    if (!wait) return;
    host_->writer().WaitDone(seq, 60'000);
    TakeBack();
  }

  // While the disk is full: mutations are refused with RESOURCE_EXHAUSTED, reads go on.
  void CheckRefusals() {
    Batch* b = host_->Begin();
    if (b == nullptr) Die(6, "no batch free while idle");
    std::vector<engine::Command>& commands = commands_[b];
    commands.reserve(static_cast<size_t>(o_.max_batch));
    commands.push_back(engine::Deposit{engine::kBootstrapAdmin, engine::Cents(1)});
    commands.push_back(engine::GetStats{});
    const engine::Context ctx(engine::kBootstrapAdmin, engine::TimeMs(workload_.now_ms()));
    const bool full_before = host_->writer().health() == Health::kDiskFull;
    const engine::Result write = host_->Apply(*b, ctx, commands[0]);
    const engine::Result read = host_->Apply(*b, ctx, commands[1]);
    const bool full_after = host_->writer().health() == Health::kDiskFull;
    if (full_before && full_after) {
      if (write.error().code != engine::ErrorCode::kResourceExhausted) {
        Die(6, "a mutation was not refused while the disk was full");
      }
      if (!read.ok()) Die(6, "a read was refused while the disk was full");
      Emit("refused");
    }
    const uint64_t seq = host_->writer().submitted() + 1;
    in_flight_[seq] = host_->engine().StateHash();
    Emit("applied %llu %llu %lld", ull(seq), ull(in_flight_[seq]),
         static_cast<long long>(workload_.now_ms()));
    host_->Submit(b);
    host_->writer().WaitDone(seq, 60'000);
    TakeBack();
  }

  // A fixed sequence of batches, one in flight at a time. After a full disk, waits for
  // the store to take writes again; after a store failure, goes on a few batches to show
  // that none is acknowledged.
  int Scenario() {
    int after_failure = 0;
    for (int guard = 0; acked_ < static_cast<uint64_t>(o_.batches) && after_failure < 5; ++guard) {
      if (guard > 10 * o_.batches) Die(6, "the scenario made no progress");
      Maintain();
      const auto start = std::chrono::steady_clock::now();
      while (host_->writer().health() == Health::kDiskFull) {
        if (host_->writer().rollback_pending())
          Die(6, "a rollback is pending with all batches back");
        CheckRefusals();
        if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) {
          Die(6, "writes did not resume after the disk had room again");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      Step(/*wait=*/true);
      if (failed_) ++after_failure;
    }
    host_->Drain();
    TakeBack();
    Emit("counts %llu %llu %llu %llu %llu", ull(ShimCount("hitd_faultshim_writes")),
         ull(ShimCount("hitd_faultshim_meta_writes")), ull(ShimCount("hitd_faultshim_syncs")),
         ull(commits_.load()), ull(ShimCount("hitd_faultshim_fired") + seam_fired_.load()));
    return 0;
  }

  static unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

  const ChildOptions o_;
  Workload workload_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::atomic<int64_t> clock_ms_{0};
  std::atomic<uint64_t> commits_{0};
  std::atomic<uint64_t> seam_fired_{0};
  std::unique_ptr<store::Host> host_;
  // The commands of each batch in flight: the batch's Output points into them.
  std::unordered_map<Batch*, std::vector<engine::Command>> commands_;
  std::map<uint64_t, uint64_t> in_flight_;  // seq -> state hash at the batch's end
  uint64_t done_seq_ = 0;
  uint64_t durable_hash_ = 0;  // the state after the last acknowledged batch
  uint64_t acked_ = 0;
  bool failed_ = false;
};

}  // namespace

bool ParseChildArgs(int argc, char** argv, ChildOptions* o, std::string* error) {
  for (int i = 0; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) {
      *error = "missing value for " + flag;
      return false;
    }
    const std::string v = argv[++i];
    if (flag == "--dir") {
      o->dir = v;
    } else if (flag == "--seed") {
      o->seed = std::stoull(v);
    } else if (flag == "--now") {
      o->now_ms = std::stoll(v);
    } else if (flag == "--durability") {
      o->durability = v == "async" ? store::Durability::kAsync : store::Durability::kSync;
    } else if (flag == "--mode") {
      o->mode = v == "scenario" ? ChildMode::kScenario
                : v == "verify" ? ChildMode::kVerify
                                : ChildMode::kRun;
    } else if (flag == "--batches") {
      o->batches = std::stoi(v);
    } else if (flag == "--max-batch") {
      o->max_batch = std::stoi(v);
    } else if (flag == "--fail-commit") {
      o->fail_commit_n = std::stoull(v);
    } else if (flag == "--fail-commit-errno") {
      o->fail_commit_errno = std::stoi(v);
    } else {
      *error = "unknown flag " + flag;
      return false;
    }
  }
  if (o->dir.empty()) *error = "--dir is required";
  return !o->dir.empty();
}

int RunChild(const ChildOptions& options) {
  Child child(options);
  return child.Run();
}

}  // namespace hitd::reliability
