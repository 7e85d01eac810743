#include "bench/store/store_market.h"

#include <cstdio>
#include <cstdlib>

namespace hitd::bench {

using namespace hitd::engine;

namespace {

// splitmix64: a small deterministic generator.
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
};

const Result& Must(const Result& r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "store market: %s failed: %s(%.*s)\n", what,
                 std::string(ErrorCodeName(r.error().code)).c_str(),
                 static_cast<int>(r.error().field.size()), r.error().field.data());
    std::abort();
  }
  return r;
}

AccountId NewAccount(Pipeline& p, Role role, const std::string& name) {
  CreateAccount c{role, name, Locale{{'U', 'S'}, {}}, std::string(32, 'k')};
  return Must(p.Apply(kBootstrapAdmin, std::move(c)), "CreateAccount")
      .get<AccountView>()
      .account.id;
}

HitTypeSpec TypeSpec(uint32_t requester, uint32_t type) {
  HitTypeSpec t;
  t.title = "task " + std::to_string(requester) + "." + std::to_string(type);
  t.description = "Label the image with the category that fits it best.";
  t.keywords = "image,label,bench";
  t.reward = Cents(5 + (requester * 7 + type) % 50);
  t.assignment_duration = Seconds(3600);
  return t;
}

void MakeAccounts(Pipeline& p, const StoreMarketSpec& spec, StoreMarket& m, Rng& rng) {
  for (uint32_t i = 0; i < spec.requesters; ++i) {
    m.requesters.push_back(NewAccount(p, Role::kRequester, "r" + std::to_string(i)));
    Must(p.Apply(kBootstrapAdmin, Deposit{m.requesters.back(), Cents(100'000'000)}), "Deposit");
  }
  m.first_requester = m.requesters.front().value;
  if (m.requesters.back().value != m.first_requester + spec.requesters - 1) {
    std::fprintf(stderr, "store market: requester ids are not contiguous\n");
    std::abort();
  }
  std::vector<QualTypeId> quals;
  for (uint32_t q = 0; q < spec.qual_types; ++q) {
    CreateQualificationType c;
    c.spec.name = "skill" + std::to_string(q);
    c.spec.description = "benchmark skill";
    quals.push_back(Must(p.Apply(m.requesters[0], std::move(c)), "CreateQualificationType")
                        .get<QualTypeCreated>()
                        .type);
  }
  m.workers.reserve(spec.workers);
  for (uint32_t i = 0; i < spec.workers; ++i) {
    m.workers.push_back(NewAccount(p, Role::kWorker, "w" + std::to_string(i)));
    if (quals.empty() || rng.Below(100) >= spec.grant_percent) continue;
    AssociateQualificationWithWorker g;
    g.type = quals[rng.Below(spec.qual_types)];
    g.worker = m.workers.back();
    g.value = static_cast<int32_t>(rng.Below(101));
    Must(p.Apply(m.requesters[0], g), "AssociateQualificationWithWorker");
  }
}

void MakeHits(Pipeline& p, const StoreMarketSpec& spec, StoreMarket& m) {
  const std::string question(spec.question_bytes, 'q');
  m.hits.reserve(uint64_t{spec.requesters} * spec.types_per_requester * spec.hits_per_type);
  for (uint32_t r = 0; r < spec.requesters; ++r) {
    for (uint32_t t = 0; t < spec.types_per_requester; ++t) {
      CreateHitType c;
      c.type = TypeSpec(r, t);
      m.type_specs.push_back(c.type);
      m.types.push_back(
          Must(p.Apply(m.requesters[r], std::move(c)), "CreateHitType").get<HitTypeCreated>().type);
      CreateHits batch;
      batch.type = m.types.back();
      batch.hits.resize(spec.hits_per_type);
      for (HitSpec& h : batch.hits) {
        h.max_assignments = spec.assignments_per_hit;
        h.lifetime = Days(30);
        h.question = question;
      }
      Result created = p.Apply(m.requesters[r], std::move(batch));
      for (HitId h : Must(created, "CreateHits").get<HitsCreated>().hits) m.hits.push_back(h);
    }
  }
}

}  // namespace

const std::string& AnswerPayload() {
  static const std::string answer =
      "<answer><label>cat</label><confidence>0.93</confidence><time>8.2</time></answer>";
  return answer;
}

StoreMarket BuildStoreMarket(Pipeline& pipeline, const StoreMarketSpec& spec) {
  StoreMarket m;
  m.types_per_requester = spec.types_per_requester;
  Rng rng{spec.seed};
  MakeAccounts(pipeline, spec, m, rng);
  MakeHits(pipeline, spec, m);
  pipeline.Drain();
  return m;
}

WorkStats WorkEveryHit(Pipeline& p, const StoreMarket& m, const StoreMarketSpec& spec,
                       const WorkMix& mix) {
  WorkStats s;
  Rng rng{spec.seed + 1};
  const uint64_t workers = m.workers.size();
  uint64_t n = 0;
  for (size_t h = 0; h < m.hits.size(); ++h) {
    // The HIT's type, and so its requester, follow from creation order.
    const AccountId requester = m.requesters[h / spec.hits_per_type / spec.types_per_requester];
    for (uint32_t k = 0; k < spec.assignments_per_hit; ++k, ++n) {
      // Consecutive HITs go to workers far apart, as a real crowd would take them.
      const AccountId worker = m.workers[(n * 7919) % workers];
      const AssignmentId a =
          Must(p.Apply(worker, Accept{m.hits[h]}), "Accept").get<AssignmentView>().assignment.id;
      ++s.assignments;
      const uint32_t roll = rng.Below(100);
      if (roll < mix.accepted) {
        ++s.accepted;
        continue;
      }
      if (roll < mix.accepted + mix.returned) {
        Must(p.Apply(worker, ReturnAssignment{a}), "ReturnAssignment");
        ++s.returned;
        continue;
      }
      Must(p.Apply(worker, SubmitAssignment{a, AnswerPayload()}), "SubmitAssignment");
      const uint32_t decided = mix.accepted + mix.returned + mix.submitted;
      if (roll < decided) {
        ++s.submitted;
      } else if (roll < decided + mix.rejected) {
        Must(p.Apply(requester, RejectAssignment{a, "wrong label"}), "RejectAssignment");
        ++s.rejected;
      } else {
        Must(p.Apply(requester, ApproveAssignment{a, {}, false}), "ApproveAssignment");
        ++s.approved;
      }
    }
  }
  p.Drain();
  return s;
}

}  // namespace hitd::bench
