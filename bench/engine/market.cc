#include "bench/engine/market.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/engine/alloc_counter.h"

namespace hitd::bench {

using namespace hitd::engine;

namespace {

Result MustApply(Engine& e, AccountId actor, const Command& c, Output& out) {
  out.Clear();
  Result r = e.Apply(Context{actor, TimeMs(kNow)}, c, out);
  if (!r.ok()) {
    std::fprintf(stderr, "market setup failed: %s %.*s\n",
                 std::string(ErrorCodeName(r.error().code)).c_str(),
                 static_cast<int>(r.error().field.size()), r.error().field.data());
    std::abort();
  }
  return r;
}

AccountId MakeAccount(Engine& e, Role role, const std::string& name, Output& out) {
  CreateAccount c{role, name, Locale{{'U', 'S'}, {}}, std::string(32, 'k')};
  return MustApply(e, kBootstrapAdmin, c, out).get<AccountView>().account.id;
}

void MakeRequesters(Engine& e, const MarketSpec& spec, Market& m, Output& out) {
  for (uint32_t i = 0; i < spec.requesters; ++i) {
    AccountId r = MakeAccount(e, Role::kRequester, "r" + std::to_string(i), out);
    // The first requester posts a third of all groups: it needs far more funds.
    int deposits = i == 0 ? 40 : 1;
    for (int d = 0; d < deposits; ++d) {
      MustApply(e, kBootstrapAdmin, Deposit{r, Cents(100'000'000)}, out);
    }
    m.requesters.push_back(r);
  }
  // The first requester owns the qualification types.
  for (uint32_t q = 0; q < spec.qual_types; ++q) {
    CreateQualificationType c;
    c.spec.name = "skill" + std::to_string(q);
    c.spec.description = "benchmark skill";
    m.qual_types.push_back(MustApply(e, m.requesters[0], c, out).get<QualTypeCreated>().type);
  }
}

void MakeWorkers(Engine& e, const MarketSpec& spec, Market& m, Rng& rng, Output& out) {
  int64_t before = ReadAllocStats().live_bytes;
  m.workers.reserve(spec.workers);
  for (uint32_t i = 0; i < spec.workers; ++i) {
    AccountId w = MakeAccount(e, Role::kWorker, "w" + std::to_string(i), out);
    m.workers.push_back(w);
    uint32_t n = rng.Below(spec.max_quals_per_worker + 1);
    for (uint32_t k = 0; k < n; ++k) {
      AssociateQualificationWithWorker g;
      g.type = m.qual_types[rng.Below(spec.qual_types)];
      g.worker = w;
      g.value = static_cast<int32_t>(rng.Below(101));
      MustApply(e, m.requesters[0], g, out);
    }
  }
  m.worker_bytes = ReadAllocStats().live_bytes - before;
}

void MakeHits(Engine& e, const MarketSpec& spec, Market& m, Rng& rng, Output& out) {
  int64_t before = ReadAllocStats().live_bytes;
  static constexpr int32_t kThresholds[] = {50, 75, 90};
  CreateHits batch;
  batch.hits.resize(spec.hits_per_group);
  for (HitSpec& h : batch.hits) {
    h.max_assignments = spec.assignments_per_hit;
    h.lifetime = Days(30);
    h.question = "<question/>";
  }
  for (uint32_t g = 0; g < spec.groups; ++g) {
    // The first requester owns the qualification types, so it posts the qualified groups.
    bool qualified = g % 3 == 0;
    AccountId requester = qualified ? m.requesters[0] : m.requesters[1 + g % (spec.requesters - 1)];
    CreateHitType t;
    t.type.title = "task " + std::to_string(g);
    t.type.description = "a benchmark task";
    t.type.keywords = "bench,task";
    t.type.reward = Cents(1 + rng.Below(100));
    t.type.assignment_duration = Seconds(3600);
    if (qualified) {
      QualificationRequirement q;
      q.type = m.qual_types[rng.Below(spec.required_types)];
      q.comparator = Comparator::kGreaterThanOrEqualTo;
      q.integer_values = {kThresholds[rng.Below(3)]};
      t.type.requirements.push_back(q);
    }
    batch.type = MustApply(e, requester, t, out).get<HitTypeCreated>().type;
    m.types.push_back(batch.type);
    MustApply(e, requester, batch, out);
  }
  m.hit_bytes = ReadAllocStats().live_bytes - before;
}

}  // namespace

Market BuildMarket(Engine& e, const MarketSpec& spec) {
  Market m;
  Rng rng{spec.seed};
  Output out;
  MakeRequesters(e, spec, m, out);
  MakeWorkers(e, spec, m, rng, out);
  MakeHits(e, spec, m, rng, out);
  return m;
}

}  // namespace hitd::bench
