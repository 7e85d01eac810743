// engine_bench: the engine's speed and memory on a market of 1M open HITs in 100k groups
// and 1M workers holding 0 to 10 qualifications, a third of the groups requiring
// qualifications that most workers lack (bench/RESULTS.md has the figures).
//
// The market is built once through Engine::Apply and shared by the benchmarks, which
// run in order: memory first (from a market with no assignments), then AcceptNext,
// then the accept-submit-approve cycle. BM_DeepWorker uses its own small engine.
// Counters: allocs_per_op counts operator new calls inside the timed loop.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>

#include "bench/engine/alloc_counter.h"
#include "bench/engine/market.h"
#include "engine/engine.h"

namespace hitd::bench {
namespace {

using namespace hitd::engine;

struct Shared {
  std::unique_ptr<Engine> engine;
  Market market;
  int64_t now = kNow + 1000;
};

Shared& TheMarket() {
  static Shared* shared = [] {
    auto* s = new Shared;
    EngineConfig config;
    s->engine = std::make_unique<Engine>(config);
    s->market = BuildMarket(*s->engine, MarketSpec{});
    return s;
  }();
  return *shared;
}

void BM_Memory(benchmark::State& state) {
  Shared& m = TheMarket();
  Output out;
  const uint64_t n = 2'000'000;
  int64_t before = ReadAllocStats().live_bytes;
  uint64_t taken = 0;
  Command cmd = engine::AcceptNext{};
  for (auto _ : state) {
    for (uint64_t i = 0; i < n; ++i) {
      out.Clear();
      AccountId w = m.market.workers[(i * 7919) % m.market.workers.size()];
      taken += m.engine->Apply(Context{w, TimeMs(m.now)}, cmd, out).ok();
    }
  }
  int64_t assignment_bytes = ReadAllocStats().live_bytes - before;
  state.counters["bytes_per_worker"] =
      double(m.market.worker_bytes) / double(m.market.workers.size());
  state.counters["bytes_per_open_hit"] =
      double(m.market.hit_bytes) / (double(m.market.types.size()) * 10);
  state.counters["bytes_per_assignment"] = double(assignment_bytes) / double(taken);
  state.counters["assignments"] = double(taken);
}
BENCHMARK(BM_Memory)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_AcceptNext(benchmark::State& state) {
  Shared& m = TheMarket();
  Output out;
  Command cmd = engine::AcceptNext{};
  const auto& workers = m.market.workers;
  uint64_t i = static_cast<uint64_t>(state.range(0));  // start elsewhere each repetition
  uint64_t no_work = 0;
  uint64_t allocs_before = ReadAllocStats().allocations;
  for (auto _ : state) {
    out.Clear();
    AccountId w = workers[(i++ * 7919) % workers.size()];
    Result r = m.engine->Apply(Context{w, TimeMs(m.now)}, cmd, out);
    no_work += !r.ok();
    benchmark::DoNotOptimize(r);
  }
  state.counters["allocs_per_op"] =
      double(ReadAllocStats().allocations - allocs_before) / double(state.iterations());
  state.counters["failed"] = double(no_work);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AcceptNext)
    ->Arg(3)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->Unit(benchmark::kNanosecond);

// The same market, but only 10,000 workers are active (as a day's active workers would
// be): their records stay in cache, so this shows the work AcceptNext does apart from
// waiting for memory. Each take is given back so the concurrency cap never binds; the
// figure is the pair, AcceptNext plus ReturnAssignment.
void BM_AcceptNextReturnActiveWorkers(benchmark::State& state) {
  Shared& m = TheMarket();
  Output out;
  Command cmd = engine::AcceptNext{};
  Command give_back = ReturnAssignment{};
  const auto& workers = m.market.workers;
  uint64_t i = 0;
  uint64_t failed = 0;
  uint64_t allocs_before = ReadAllocStats().allocations;
  for (auto _ : state) {
    out.Clear();
    AccountId w = workers[500'000 + (i++ % 10'000)];
    Result r = m.engine->Apply(Context{w, TimeMs(m.now)}, cmd, out);
    if (!r.ok()) {
      ++failed;
      continue;
    }
    std::get<ReturnAssignment>(give_back).assignment = r.get<AssignmentView>().assignment.id;
    failed += !m.engine->Apply(Context{w, TimeMs(m.now)}, give_back, out).ok();
  }
  state.counters["allocs_per_op"] =
      double(ReadAllocStats().allocations - allocs_before) / double(state.iterations());
  state.counters["failed"] = double(failed);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AcceptNextReturnActiveWorkers)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->Unit(benchmark::kNanosecond);

void BM_AcceptSubmitApprove(benchmark::State& state) {
  Shared& m = TheMarket();
  Output out;
  Command accept = engine::AcceptNext{};
  Command submit = SubmitAssignment{AssignmentId(), "answer"};
  Command approve = ApproveAssignment{};
  const auto& workers = m.market.workers;
  uint64_t i = 5'000'000;
  uint64_t failed = 0;
  uint64_t allocs_before = ReadAllocStats().allocations;
  for (auto _ : state) {
    out.Clear();
    AccountId w = workers[(i++ * 104729) % workers.size()];
    Context ctx{w, TimeMs(m.now)};
    Result r = m.engine->Apply(ctx, accept, out);
    if (!r.ok()) {
      ++failed;
      continue;
    }
    const AssignmentView& v = r.get<AssignmentView>();
    std::get<SubmitAssignment>(submit).assignment = v.assignment.id;
    std::get<ApproveAssignment>(approve).assignment = v.assignment.id;
    failed += !m.engine->Apply(ctx, submit, out).ok();
    failed += !m.engine->Apply(Context{v.requester, TimeMs(m.now)}, approve, out).ok();
  }
  state.counters["allocs_per_op"] =
      double(ReadAllocStats().allocations - allocs_before) / double(state.iterations());
  state.counters["failed"] = double(failed);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AcceptSubmitApprove)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->Unit(benchmark::kNanosecond);

// A worker that has already done `done` HITs of a group (each HIT keeps a free slot, so
// they stay in the group) takes the next one and gives it back, again and again.
void BM_DeepWorker(benchmark::State& state) {
  const uint32_t done = static_cast<uint32_t>(state.range(0));
  EngineConfig config;
  Engine e(config);
  Output out;
  auto run = [&](AccountId actor, const Command& c) {
    out.Clear();
    return e.Apply(Context{actor, TimeMs(kNow)}, c, out);
  };
  AccountId r = run(kBootstrapAdmin, CreateAccount{Role::kRequester, "r", Locale{{'U', 'S'}, {}},
                                                   std::string(32, 'k')})
                    .get<AccountView>()
                    .account.id;
  for (int d = 0; d < 10; ++d) run(kBootstrapAdmin, Deposit{r, Cents(100'000'000)});
  AccountId w = run(kBootstrapAdmin,
                    CreateAccount{Role::kWorker, "w", Locale{{'U', 'S'}, {}}, std::string(32, 'k')})
                    .get<AccountView>()
                    .account.id;
  CreateHitType t;
  t.type.title = "deep";
  t.type.description = "many HITs";
  t.type.reward = Cents(10);
  t.type.assignment_duration = Seconds(3600);
  CreateHits batch;
  batch.type = run(r, t).get<HitTypeCreated>().type;
  batch.hits.resize(1000);
  for (HitSpec& h : batch.hits) {
    h.max_assignments = 2;
    h.lifetime = Days(30);
    h.question = "q";
  }
  for (int k = 0; k < 21; ++k) run(r, batch);
  for (uint32_t k = 0; k < done; ++k) {
    Result a = run(w, engine::AcceptNext{});
    run(w, SubmitAssignment{a.get<AssignmentView>().assignment.id, "answer"});
  }
  Command next = engine::AcceptNext{};
  Command give_back = ReturnAssignment{};
  uint64_t allocs_before = ReadAllocStats().allocations;
  for (auto _ : state) {
    Result a = run(w, next);
    std::get<ReturnAssignment>(give_back).assignment = a.get<AssignmentView>().assignment.id;
    run(w, give_back);
  }
  state.counters["allocs_per_op"] =
      double(ReadAllocStats().allocations - allocs_before) / double(state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DeepWorker)->Arg(0)->Arg(10'000)->Repetitions(5)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace hitd::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
