// Durable throughput: mutations a second through engine plus store (bench/RESULTS.md,
// "Store (issue 3)").
//
// BM_DurableMutations/<durability>/<clients>/<serial>: the accept -> submit -> approve
// cycle plus CreateHit (cycle_driver.h) of `clients` closed-loop clients on a market of
// 100,000 workers, 1,000 requesters and 100,000 open HITs of 10 assignments, built
// through the store first. The engine thread batches up to 256 commands (a Tick opens each batch)
// and goes on while the store thread commits; durability 1 is sync (the default: one fsync'ed LMDB
// commit per group of batches), 2 is async (no fsync; the ceiling without the disk). With serial:1
// the engine thread waits for each batch to be durable before it starts the next, so every commit
// carries exactly one batch of 256. Each repetition applies 1,000,000 more mutations to the same
// market.
//
// BM_SyncCommitLatency: one Deposit per batch, waited for: the floor a single fsync'ed
// commit puts under every group.
//
// Data lives under build/release/bench/store-bench-data (see bench_dir.h), on the disk.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "bench/store/bench_dir.h"
#include "bench/store/cycle_driver.h"
#include "bench/store/pipeline.h"
#include "bench/store/store_market.h"
#include "bench/store/thread_times.h"
#include "engine/store/host.h"

namespace hitd::bench {
namespace {

using namespace hitd::engine;
using store::Durability;

constexpr size_t kBatchCommands = 256;
constexpr uint64_t kMutationsPerRun = 1'000'000;

store::HostOptions BenchOptions(const std::string& dir, Durability durability) {
  store::HostOptions o;
  o.store.dir = dir;
  o.store.durability = durability;
  o.store.map_size = uint64_t{4} << 30;
  // Event retention measures age from this clock; the engine's clock is kStoreNow too.
  o.writer.now_ms = [] { return kStoreNow; };
  return o;
}

std::unique_ptr<store::Host> OpenHost(const store::HostOptions& options) {
  std::string error;
  auto host = store::Host::Open(options, TimeMs(kStoreNow), nullptr, &error);
  if (host == nullptr) {
    std::fprintf(stderr, "cannot open the store in %s: %s\n", options.store.dir.c_str(),
                 error.c_str());
    std::abort();
  }
  return host;
}

struct Durable {
  std::string dir;
  std::string fs;
  std::unique_ptr<store::Host> host;
  std::unique_ptr<Pipeline> pipeline;
  StoreMarket market;
};

Durable& TheDurableMarket(Durability durability) {
  static std::map<Durability, Durable*> markets;
  Durable*& d = markets[durability];
  if (d != nullptr) return *d;
  d = new Durable;
  d->dir = FreshDataDir(durability == Durability::kSync ? "durable-sync" : "durable-async");
  d->fs = FileSystemOf(d->dir);
  d->host = OpenHost(BenchOptions(d->dir, durability));
  d->pipeline = std::make_unique<Pipeline>(*d->host, kBatchCommands);
  d->pipeline->set_now(TimeMs(kStoreNow));
  d->market = BuildStoreMarket(*d->pipeline, StoreMarketSpec{});
  d->pipeline->set_now(TimeMs(kStoreNow + 1000));
  d->pipeline->set_tick_each_batch(true);
  return *d;
}

double Ratio(double a, double b) { return b == 0 ? 0 : a / b; }

void BM_DurableMutations(benchmark::State& state) {
  const auto durability = static_cast<Durability>(state.range(0));
  const auto clients = static_cast<uint32_t>(state.range(1));
  const bool serial = state.range(2) != 0;
  Durable& d = TheDurableMarket(durability);
  d.pipeline->set_serial(serial);
  CycleDriver driver(*d.pipeline, d.market, clients);
  const store::WriterCounters& w = d.host->writer().counters();
  const PipelineStats before = d.pipeline->stats();
  const uint64_t commits0 = w.commits.load(), batches0 = w.batches_committed.load();
  const uint64_t commit_ns0 = w.commit_ns_total.load();
  const ProcIo io0 = ReadProcIo();
  const ThreadTimes store0 = OtherThreadsTimes();
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) driver.Run(kMutationsPerRun);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const PipelineStats& after = d.pipeline->stats();
  const double mutations = double(after.mutations - before.mutations);
  const double batches = double(after.batches - before.batches);
  const double commits = double(w.commits.load() - commits0);
  const double commit_ns = double(w.commit_ns_total.load() - commit_ns0);
  state.counters["mutations_per_s"] = mutations / seconds;
  state.counters["mutations_per_batch"] = Ratio(mutations, batches);
  state.counters["batches_per_commit"] =
      Ratio(double(w.batches_committed.load() - batches0), commits);
  state.counters["commits_per_s"] = commits / seconds;
  state.counters["commit_ms"] = Ratio(commit_ns, commits) / 1e6;
  state.counters["engine_us_per_mut"] =
      Ratio(double(after.engine_ns - before.engine_ns), mutations) / 1e3;
  state.counters["store_us_per_mut"] = Ratio(commit_ns, mutations) / 1e3;
  const ProcIo io = ReadProcIo();
  // The store thread's time: on a CPU, waiting for one (other processes), and the rest
  // of its commits, asleep in fsync (approximately: the CPU time includes its brief
  // spins between commits).
  const ThreadTimes store = OtherThreadsTimes();
  const double run_ns = double(store.run_ns - store0.run_ns);
  const double wait_ns = double(store.wait_ns - store0.wait_ns);
  state.counters["store_cpu_us_per_mut"] = Ratio(run_ns, mutations) / 1e3;
  state.counters["store_runq_us_per_mut"] = Ratio(wait_ns, mutations) / 1e3;
  state.counters["store_io_us_per_mut"] =
      std::max(0.0, Ratio(commit_ns - run_ns - wait_ns, mutations) / 1e3);
  // What each commit hands to write(2): LMDB writes every page it dirtied, then the meta
  // page.
  state.counters["write_KiB_per_commit"] = Ratio(double(io.wchar - io0.wchar), commits) / 1024;
  state.counters["failed"] = double(after.failed - before.failed);
  state.counters["not_durable"] = double(after.not_durable - before.not_durable);
  state.counters["stalls"] = double(after.stalls - before.stalls);
  state.SetLabel(d.fs);
  d.pipeline->set_serial(false);
}
BENCHMARK(BM_DurableMutations)
    ->ArgNames({"durability", "clients", "serial"})
    ->Args({int(Durability::kSync), 16384, 0})
    ->Args({int(Durability::kSync), 2048, 0})
    ->Args({int(Durability::kSync), 16384, 1})
    ->Args({int(Durability::kAsync), 16384, 0})
    ->Iterations(1)
    ->Repetitions(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SyncCommitLatency(benchmark::State& state) {
  const std::string dir = FreshDataDir("commit-latency");
  auto host = OpenHost(BenchOptions(dir, Durability::kSync));
  Pipeline p(*host, 1);
  p.set_now(TimeMs(kStoreNow));
  const AccountId requester =
      p.Apply(kBootstrapAdmin,
              CreateAccount{Role::kRequester, "r", Locale{{'U', 'S'}, {}}, std::string(32, 'k')})
          .get<AccountView>()
          .account.id;
  p.Drain();
  for (auto _ : state) {
    p.Apply(kBootstrapAdmin, Deposit{requester, Cents(1)});
    p.Drain();
  }
  state.counters["failed"] = double(p.stats().failed);
  state.SetLabel(FileSystemOf(dir));
}
BENCHMARK(BM_SyncCommitLatency)
    ->Iterations(500)
    ->Repetitions(3)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace hitd::bench
