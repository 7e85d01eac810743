// Recovery: Host::Open on the big store (big_store.h, about 1.3 M records), timed from
// the call to a ready host: open LMDB, read and decode every record, rebuild the engine
// and its indexes, check the records and the ledger, commit the recovery Tick
// (bench/RESULTS.md, "Store (issue 3)"). With verify:1 (HostOptions::verify, the debug
// and test default) it also runs every index check and hashes the state.
//
// BM_RecoveryOpen/cold:1 evicts data.mdb from the page cache first (posix_fadvise
// DONTNEED on the closed, synced file; `resident_before` says how much of it was still
// cached, by mincore); cold:0 opens a cached store. The reported time is the open alone
// (manual time); closing the host is not counted.
//
// BM_RecoveryPhases/cold:N splits the same work: Store::Open, Store::Load (LMDB reads,
// decoding, EngineLoader::Add), EngineLoader::Finish (placing records, rebuilding
// indexes), CheckInvariants and StateHash.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "bench/store/bench_dir.h"
#include "bench/store/big_store.h"
#include "engine/load.h"
#include "engine/store/host.h"

namespace hitd::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Evicts the big store when `cold`; returns the fraction of it still cached before the
// open.
double Prepare(const BigStore& b, bool cold) {
  if (cold && !EvictFromPageCache(b.data_file)) {
    std::fprintf(stderr, "posix_fadvise(DONTNEED) failed on %s\n", b.data_file.c_str());
  }
  return ResidentFraction(b.data_file);
}

void BM_RecoveryOpen(benchmark::State& state) {
  const bool cold = state.range(0) != 0;
  const BigStore& b = TheBigStore();
  store::HostOptions options = BigStoreOptions(b.dir);
  options.verify = state.range(1) != 0;
  if (!cold) Prepare(b, false);
  double resident = 0, open_ms = 0, load_ms = 0, records = 0;
  int64_t now = kStoreNow + 2000;
  for (auto _ : state) {
    resident = Prepare(b, cold);
    store::RecoveryReport report;
    std::string error;
    const auto start = Clock::now();
    auto host = store::Host::Open(options, engine::TimeMs(now++), &report, &error);
    open_ms = MsSince(start);
    if (host == nullptr) {
      state.SkipWithError(error.c_str());
      return;
    }
    state.SetIterationTime(open_ms / 1e3);
    load_ms = double(report.load_ms);
    records = double(report.loaded.records);
    host.reset();
  }
  state.counters["records"] = records;
  state.counters["open_ms"] = open_ms;
  state.counters["load_ms"] = load_ms;
  state.counters["ms_per_M_records"] = open_ms / (records / 1e6);
  state.counters["resident_before"] = resident;
  state.SetLabel(FileSystemOf(b.dir));
}
BENCHMARK(BM_RecoveryOpen)
    ->ArgNames({"cold", "verify"})
    ->Args({1, 0})
    ->Args({0, 0})
    ->Args({1, 1})
    ->Iterations(1)
    ->Repetitions(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_RecoveryPhases(benchmark::State& state) {
  const bool cold = state.range(0) != 0;
  const BigStore& b = TheBigStore();
  double open_ms = 0, load_ms = 0, finish_ms = 0, check_ms = 0, hash_ms = 0, resident = 0;
  double records = 0, mib = 0;
  for (auto _ : state) {
    resident = Prepare(b, cold);
    const store::HostOptions options = BigStoreOptions(b.dir);
    std::string error;
    auto start = Clock::now();
    auto st = store::Store::Open(options.store, &error);
    open_ms = MsSince(start);
    if (st == nullptr) {
      state.SkipWithError(error.c_str());
      return;
    }
    engine::EngineLoader loader(options.engine);
    store::LoadStats stats;
    start = Clock::now();
    if (!st->Load(loader, &stats, &error)) {
      state.SkipWithError(error.c_str());
      return;
    }
    load_ms = MsSince(start);
    start = Clock::now();
    std::unique_ptr<engine::Engine> e = loader.Finish(&error);
    finish_ms = MsSince(start);
    if (e == nullptr) {
      state.SkipWithError(error.c_str());
      return;
    }
    start = Clock::now();
    e->CheckInvariants();
    check_ms = MsSince(start);
    start = Clock::now();
    benchmark::DoNotOptimize(e->StateHash());
    hash_ms = MsSince(start);
    state.SetIterationTime((open_ms + load_ms + finish_ms + check_ms + hash_ms) / 1e3);
    records = double(stats.records);
    mib = double(stats.bytes) / (1 << 20);
  }
  state.counters["store_open_ms"] = open_ms;
  state.counters["read_decode_ms"] = load_ms;
  state.counters["rebuild_ms"] = finish_ms;
  state.counters["invariants_ms"] = check_ms;
  state.counters["state_hash_ms"] = hash_ms;
  state.counters["records"] = records;
  state.counters["record_MiB"] = mib;
  state.counters["resident_before"] = resident;
}
BENCHMARK(BM_RecoveryPhases)
    ->ArgName("cold")
    ->Arg(1)
    ->Arg(0)
    ->Iterations(1)
    ->Repetitions(3)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hitd::bench
