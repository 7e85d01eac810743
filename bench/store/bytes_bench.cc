// Bytes on disk: LMDB pages per record in the big store (big_store.h: 250,000 HITs,
// 1,000,000 assignments), payloads excluded (they live in their own database), from
// Store::DatabaseBytes (branch, leaf and overflow pages times the page size). Counts are
// what the builder created. Not a timing: the time printed is the measurement's.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/store/bench_dir.h"
#include "bench/store/big_store.h"
#include "engine/store/store.h"

namespace hitd::bench {
namespace {

void BM_StoreBytes(benchmark::State& state) {
  const BigStore& b = TheBigStore();
  const store::HostOptions options = BigStoreOptions(b.dir);
  std::string error;
  auto st = store::Store::Open(options.store, &error);
  if (st == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  double hits = 0, assignments = 0, accounts = 0, hit_types = 0, events = 0, payloads = 0;
  for (auto _ : state) {
    hits = double(st->DatabaseBytes("hits"));
    assignments = double(st->DatabaseBytes("assignments"));
    accounts = double(st->DatabaseBytes("accounts"));
    hit_types = double(st->DatabaseBytes("hit_types"));
    events = double(st->DatabaseBytes("events"));
    payloads = double(st->DatabaseBytes("payloads"));
  }
  const double event_count = double(st->EventCount());
  state.counters["bytes_per_hit"] = hits / double(b.hits);
  state.counters["bytes_per_assignment"] = assignments / double(b.work.assignments);
  state.counters["bytes_per_account"] = accounts / double(b.accounts);
  state.counters["bytes_per_hit_type"] = hit_types / double(b.hit_types);
  state.counters["bytes_per_event"] = events / event_count;
  state.counters["events"] = event_count;
  state.counters["hits"] = double(b.hits);
  state.counters["assignments"] = double(b.work.assignments);
  state.counters["payload_MiB"] = payloads / (1 << 20);
  state.counters["used_MiB"] = double(st->Usage().used) / (1 << 20);
  state.counters["file_MiB"] = double(FileBytes(b.data_file)) / (1 << 20);
  state.counters["build_mutations_per_s"] = double(b.mutations) / b.build_seconds;
}
BENCHMARK(BM_StoreBytes)->Iterations(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace hitd::bench
