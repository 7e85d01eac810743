// EngineLoader (engine/load.h) refuses records that cannot have come from an engine,
// naming the first problem, and never aborts: each bad store here is the market of
// load_fixture.h with one record changed, and random corruptions of it either load into
// a consistent engine or are refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/invariants.h"
#include "engine/load.h"
#include "tests/engine/load_fixture.h"

namespace hitd::engine {
namespace {

using test::kT0;

// Each bad store is the market's, with one record changed.
class LoadRefuses : public test::LoadFixture {
 protected:
  void SetUp() override { BuildMarket(); }
  ::testing::AssertionResult Refused(const std::function<void(EngineLoader&)>& change,
                                     std::string_view why) {
    EngineLoader loader(config_);
    store_.LoadInto(loader);
    change(loader);
    std::string error;
    std::unique_ptr<Engine> e = loader.Finish(&error);
    if (e != nullptr) return ::testing::AssertionFailure() << "loaded";
    if (error.find(why) == std::string::npos) {
      return ::testing::AssertionFailure() << "refused with \"" << error << "\"";
    }
    return ::testing::AssertionSuccess();
  }
  const State& s() { return original_.state(); }
};

TEST_F(LoadRefuses, AGapInTheIds) {
  Hit extra = s().hits.back();
  extra.id = HitId(extra.id.value + 2);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(extra); }, "is missing"));
  Account worker = s().accounts.back();
  worker.id = AccountId(worker.id.value + 5);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(worker); }, "account"));
}

TEST_F(LoadRefuses, AnAssignmentOfAMissingHit) {
  Assignment a = s().assignments.back();
  a.id = AssignmentId(a.id.value + 1);
  a.hit = HitId(s().hits.size() + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(a); }, "no such HIT"));
}

TEST_F(LoadRefuses, AHitOfAMissingTypeOrAnotherRequester) {
  Hit h = s().hits[0];
  h.type = HitTypeId(s().hit_types.size() + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "no such type"));
  h.type = s().hits[0].type;
  h.requester = beta_;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "requester"));
}

TEST_F(LoadRefuses, CountsThatDisagreeWithTheAssignments) {
  Hit h = s().hits[fifo_hits_[2].value - 1];
  h.accepted += 1;
  h.free -= 1;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "counts differ"));
}

TEST_F(LoadRefuses, TwoLiveAssignmentsOfOneWorkerOnOneHit) {
  Assignment twin = s().assignments.back();
  twin.id = AssignmentId(twin.id.value + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(twin); }, "twice"));
}

TEST_F(LoadRefuses, LedgerTotalsThatDoNotMatchTheAccounts) {
  EngineMeta m{s().last_event_seq, s().notifications,    s().deposits,  s().requester_available,
               s().escrow,         s().worker_available, s().withdrawn, s().platform_revenue};
  m.deposits += Cents(1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.SetMeta(m); }, "do not balance"));
  m.requester_available += Cents(1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.SetMeta(m); }, "requesters' available"));
}

TEST_F(LoadRefuses, ARequesterEscrowThatDiffersFromItsHits) {
  // The ledger's totals still agree; each requester's escrow does not.
  Account a = s().accounts[acme_.value - 1];
  Account b = s().accounts[beta_.value - 1];
  a.escrow += Cents(10);
  b.escrow -= Cents(10);
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(a);
        l.Add(b);
      },
      "escrow differs from what its HITs hold"));
}

TEST_F(LoadRefuses, ADuplicateNameOrAMissingProfile) {
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(AccountProfile{w_[1], "w0"}); }, "name"));
  Account extra = s().accounts.back();
  extra.id = AccountId(extra.id.value + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(extra); }, "profile is missing"));
}

TEST_F(LoadRefuses, AGrantToARequesterOrOfAMissingType) {
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(QualGrant{acme_, skill_, 1, TimeMs(kT0), GrantStatus::kGranted});
      },
      "not a worker"));
  const QualTypeId missing(s().qual_types.size() + 1);
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(QualGrant{w_[0], missing, 1, TimeMs(kT0), GrantStatus::kGranted});
      },
      "never"));
}

TEST_F(LoadRefuses, ATypeThatExcludesALaterType) {
  HitType t = s().hit_types[fifo_.value - 1];
  t.excluded_types = {arm_};
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(t); }, "excludes"));
}

TEST_F(LoadRefuses, AnEnumOutOfRange) {
  Assignment a = s().assignments[0];
  a.status = static_cast<AssignmentStatus>(9);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(a); }, "status"));
  Account acc = s().accounts[w_[0].value - 1];
  acc.role = static_cast<Role>(0);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(acc); }, "role"));
}

TEST_F(LoadRefuses, ABootstrapAdminThatIsNotAnAdminOrAReservedTypeId) {
  Account admin = s().accounts[0];
  admin.role = Role::kWorker;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(admin); }, "not the admin"));
  QualType reserved = s().qual_types[skill_.value - 1];
  reserved.id = QualTypeId(system_qual::kCount + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(reserved); }, "reserved id"));
}

TEST_F(LoadRefuses, ATokenOfAMissingAccount) {
  TokenRecord t{AccountId(999), "tok", 1, TimeMs(kT0), Result{Empty{}}};
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(t); }, "no such account"));
}

TEST_F(LoadRefuses, TwoTypesOfOneOwnerWithOneName) {
  QualType twin = s().qual_types[skill_.value - 1];
  twin.id = QualTypeId(s().qual_types.size() + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(twin); }, "share a name"));
}

TEST_F(LoadRefuses, LedgerTotalsOutOfRange) {
  EngineMeta m{s().last_event_seq, s().notifications,    s().deposits,  s().requester_available,
               s().escrow,         s().worker_available, s().withdrawn, s().platform_revenue};
  m.deposits = Cents(INT64_MAX);
  m.platform_revenue = Cents(INT64_MIN + 5);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.SetMeta(m); }, "out of range"));
}

// Collects the store's records, so that one of them can be changed before loading.
struct Collected {
  EngineLoader::Records r;
  void Add(const Account& x) { r.accounts.push_back(x); }
  void Add(const AccountProfile& x) { r.profiles.push_back(x); }
  void Add(const QualType& x) { r.qual_types.push_back(x); }
  void Add(const QualGrant& x) { r.grants.push_back(x); }
  void Add(const QualRequest& x) { r.qual_requests.push_back(x); }
  void Add(const HitType& x) { r.hit_types.push_back(x); }
  void Add(const Hit& x) { r.hits.push_back(x); }
  void Add(const Assignment& x) { r.assignments.push_back(x); }
  void Add(const Bonus& x) { r.bonuses.push_back(x); }
  void Add(const WorkerBlock& x) { r.blocks.push_back(x); }
  void Add(const TokenRecord& x) { r.tokens.push_back(x); }
  void SetMeta(const EngineMeta& m) { r.meta = m; }
  void LoadInto(EngineLoader& l) const {
    for (const auto& x : r.accounts) l.Add(x);
    for (const auto& x : r.profiles) l.Add(x);
    for (const auto& x : r.qual_types) l.Add(x);
    for (const auto& x : r.grants) l.Add(x);
    for (const auto& x : r.qual_requests) l.Add(x);
    for (const auto& x : r.hit_types) l.Add(x);
    for (const auto& x : r.hits) l.Add(x);
    for (const auto& x : r.assignments) l.Add(x);
    for (const auto& x : r.bonuses) l.Add(x);
    for (const auto& x : r.blocks) l.Add(x);
    for (const auto& x : r.tokens) l.Add(x);
    l.SetMeta(r.meta);
  }
};

// Changes one field of one record to a value near the real one, or to an arbitrary one.
class Corrupter {
 public:
  explicit Corrupter(uint64_t seed) : rng_(seed) {}

  void Corrupt(EngineLoader::Records& r) {
    switch (Below(10)) {
      case 0:
        return Account(Pick(r.accounts));
      case 1:
        return Hit(Pick(r.hits));
      case 2:
        return Assignment(Pick(r.assignments));
      case 3:
        return HitType(Pick(r.hit_types));
      case 4:
        return Grant(Pick(r.grants));
      case 5:
        return Request(Pick(r.qual_requests));
      case 6:
        return Bonus(Pick(r.bonuses));
      case 7:
        return Block(Pick(r.blocks));
      case 8:
        return Token(Pick(r.tokens));
      default:
        return Meta(r.meta);
    }
  }

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  template <typename T>
  T& Pick(std::vector<T>& v) {
    return v[Below(v.size())];
  }
  // A value near `v`, or anything.
  template <typename T>
  void Nudge(T& v) {
    const uint64_t roll = Below(4);
    if (roll == 0) {
      v = static_cast<T>(rng_());
    } else {
      v = static_cast<T>(v + static_cast<T>(roll == 1 ? 1 : roll == 2 ? -1 : 3));
    }
  }
  template <typename Tag>
  void Nudge(StrongId<Tag>& id) {
    Nudge(id.value);
  }
  void Nudge(Cents& c) { Nudge(c.value); }
  void Nudge(TimeMs& t) { Nudge(t.value); }
  template <typename E>
  void Enum(E& e) {
    e = static_cast<E>(Below(12));
  }

  void Account(hitd::engine::Account& a) {
    switch (Below(6)) {
      case 0:
        return Nudge(a.id);
      case 1:
        return Enum(a.role);
      case 2:
        return Enum(a.status);
      case 3:
        return Nudge(a.available);
      case 4:
        return Nudge(a.escrow);
      default:
        return Nudge(a.counters.accepted);
    }
  }
  void Hit(hitd::engine::Hit& h) {
    switch (Below(10)) {
      case 0:
        return Nudge(h.id);
      case 1:
        return Nudge(h.type);
      case 2:
        return Nudge(h.free);
      case 3:
        return Nudge(h.accepted);
      case 4:
        return Nudge(h.max_assignments);
      case 5:
        return Nudge(h.priority);
      case 6:
        return Nudge(h.fee);
      case 7:
        h.expired = !h.expired;
        return;
      case 8:
        h.disposed = !h.disposed;
        return;
      default:
        return Nudge(h.expires);
    }
  }
  void Assignment(hitd::engine::Assignment& a) {
    switch (Below(5)) {
      case 0:
        return Nudge(a.id);
      case 1:
        return Nudge(a.hit);
      case 2:
        return Nudge(a.worker);
      case 3:
        return Enum(a.status);
      default:
        return Nudge(a.deadline);
    }
  }
  void HitType(hitd::engine::HitType& t) {
    switch (Below(6)) {
      case 0:
        return Nudge(t.id);
      case 1:
        return Nudge(t.requester);
      case 2:
        return Nudge(t.reward);
      case 3:
        return Enum(t.order);
      case 4:
        t.excluded_types.push_back(HitTypeId(Below(8)));
        return;
      default:
        if (!t.requirements.empty()) Nudge(t.requirements[0].type);
        return;
    }
  }
  void Grant(QualGrant& g) {
    switch (Below(3)) {
      case 0:
        return Nudge(g.worker);
      case 1:
        return Nudge(g.type);
      default:
        return Enum(g.status);
    }
  }
  void Request(QualRequest& q) {
    switch (Below(3)) {
      case 0:
        return Nudge(q.worker);
      case 1:
        return Nudge(q.type);
      default:
        return Enum(q.status);
    }
  }
  void Bonus(hitd::engine::Bonus& b) {
    switch (Below(3)) {
      case 0:
        return Nudge(b.assignment);
      case 1:
        return Nudge(b.hit);
      default:
        return Nudge(b.amount);
    }
  }
  void Block(WorkerBlock& b) { Below(2) == 0 ? Nudge(b.requester) : Nudge(b.worker); }
  void Token(TokenRecord& t) { Below(2) == 0 ? Nudge(t.account) : Nudge(t.created); }
  void Meta(EngineMeta& m) { Below(2) == 0 ? Nudge(m.escrow) : Nudge(m.last_event_seq); }

  std::mt19937_64 rng_;
};

// Whatever one record holds, Finish refuses the store or builds an engine whose every
// index agrees with its records and which goes on working: no input makes it abort.
TEST_F(LoadRefuses, RandomCorruptionsAreRefusedOrLoadConsistently) {
  Collected clean;
  store_.LoadInto(clean);
  int refused = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    Collected bad = clean;
    Corrupter(seed).Corrupt(bad.r);
    EngineLoader loader(config_);
    bad.LoadInto(loader);
    std::string error;
    std::unique_ptr<Engine> e = loader.Finish(&error);
    if (e == nullptr) {
      EXPECT_NE(error, "") << "seed " << seed;
      ++refused;
      continue;
    }
    ASSERT_EQ(FindRecordViolation(e->state()), "") << "seed " << seed;
    ASSERT_EQ(FindIndexViolation(e->state()), "") << "seed " << seed;
    Output out;
    for (AccountId w : w_) e->Apply(Context{w, TimeMs(test::kLoadAt)}, AcceptNext{}, out);
    e->Apply(Context{AccountId(), TimeMs(kT0 + 30 * test::kHour)}, Tick{}, out);
    e->CheckInvariants();
  }
  EXPECT_GT(refused, 200);  // most changes break something the loader checks
}

}  // namespace
}  // namespace hitd::engine
