#include "bench/store/big_store.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "bench/store/bench_dir.h"
#include "bench/store/pipeline.h"

namespace hitd::bench {

namespace {

BigStore* Build() {
  auto* b = new BigStore;
  b->dir = FreshDataDir("recovery");
  b->data_file = b->dir + "/data.mdb";
  b->spec.requesters = 1000;
  b->spec.workers = 50'000;
  b->spec.types_per_requester = 10;
  b->spec.hits_per_type = 25;
  b->spec.assignments_per_hit = 4;
  const auto start = std::chrono::steady_clock::now();
  std::string error;
  auto host =
      store::Host::Open(BigStoreOptions(b->dir), engine::TimeMs(kStoreNow), nullptr, &error);
  if (host == nullptr) {
    std::fprintf(stderr, "cannot open %s: %s\n", b->dir.c_str(), error.c_str());
    std::abort();
  }
  Pipeline p(*host, 256);
  p.set_now(engine::TimeMs(kStoreNow));
  StoreMarket m = BuildStoreMarket(p, b->spec);
  b->work = WorkEveryHit(p, m, b->spec, WorkMix{});
  b->accounts = m.requesters.size() + m.workers.size();
  b->hit_types = m.types.size();
  b->hits = m.hits.size();
  b->mutations = p.stats().mutations;
  if (p.stats().failed != 0 || p.stats().not_durable != 0) {
    std::fprintf(stderr, "big store: %llu commands failed, %llu batches not durable\n",
                 static_cast<unsigned long long>(p.stats().failed),
                 static_cast<unsigned long long>(p.stats().not_durable));
    std::abort();
  }
  host.reset();  // drains, syncs and closes
  b->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "big store: %llu mutations in %.1f s (%.0f/s), %llu assignments\n",
               static_cast<unsigned long long>(b->mutations), b->build_seconds,
               double(b->mutations) / b->build_seconds,
               static_cast<unsigned long long>(b->work.assignments));
  return b;
}

}  // namespace

store::HostOptions BigStoreOptions(const std::string& dir) {
  store::HostOptions o;
  o.store.dir = dir;
  o.store.map_size = uint64_t{4} << 30;
  o.writer.now_ms = [] { return kStoreNow; };
  return o;
}

const BigStore& TheBigStore() {
  static BigStore* store = Build();
  return *store;
}

}  // namespace hitd::bench
