// Matching order against a reference (engine/matching.cc): for each assignment order,
// a seeded stream of accepts, returns, submissions, rejections that reopen slots, extra
// assignments and new HITs, where every AcceptNext must give exactly the HIT that
// matching.h's documented order names: the first open HIT of the group, in that order,
// that the worker does not hold. This exercises the per-worker cursors (HITs re-entering
// the group, a worker's own returns) without looking at them.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/engine.h"
#include "engine/flat_map.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeRequester;
using test::MakeWorker;

constexpr uint64_t kSeed = 0x5eed;

struct Prng {  // xorshift64*: small and reproducible
  uint64_t s;
  uint64_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545f4914f6cdd1dULL;
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
};

bool Holds(const State& s, AccountId worker, HitId hit) {
  for (const Assignment& a : s.assignments) {
    if (a.worker == worker && a.hit == hit && a.status != AssignmentStatus::kReturned &&
        a.status != AssignmentStatus::kAbandoned) {
      return true;
    }
  }
  return false;
}

// The documented order key of a HIT inside its group (smaller first); breadth_first
// ranks by slots taken.
std::tuple<uint64_t, uint64_t> Rank(const Hit& h, AssignmentOrder order) {
  const uint64_t id = h.id.value;
  switch (order) {
    case AssignmentOrder::kPriority:
      return {uint64_t(1'000'000 - h.priority), id};
    case AssignmentOrder::kRandom:
      return {MixKey(kSeed ^ id) >> 40, id};
    case AssignmentOrder::kBreadthFirst:
      return {h.max_assignments - h.free, id};
    case AssignmentOrder::kFifo:
      break;
  }
  return {0, id};
}

// The HIT DESIGN's matching order names: across groups the highest reward, then the
// oldest type; inside the group, the type's order; among open HITs the worker does not
// hold.
std::optional<HitId> Expected(const State& s, AccountId worker, TimeMs now) {
  std::optional<HitId> best;
  std::tuple<int64_t, uint64_t, uint64_t, uint64_t> best_rank;
  for (const Hit& h : s.hits) {
    if (h.free == 0 || h.expired || h.disposed || now >= h.expires) continue;
    if (Holds(s, worker, h.id)) continue;
    const HitType& type = s.hit_types[h.type.value - 1];
    auto [first, second] = Rank(h, type.order);
    auto rank = std::make_tuple(-type.reward.value, type.id.value, first, second);
    if (!best || rank < best_rank) {
      best = h.id;
      best_rank = rank;
    }
  }
  return best;
}

// Ids of the worker's assignments in `status`.
std::vector<AssignmentId> InStatus(const State& s, AccountId worker, AssignmentStatus status) {
  std::vector<AssignmentId> ids;
  for (const Assignment& a : s.assignments) {
    if (a.worker == worker && a.status == status) ids.push_back(a.id);
  }
  return ids;
}

// One seeded stream over two groups: one in the order under test, a better-paid one in
// another order, with HITs moving between them (UpdateHITTypeOfHIT). HITs live 1 to 10
// minutes and assignments 2 minutes, so expiry (by time and by Tick), extensions and
// abandonment interleave with the matching.
class MatchingOrder : public ::testing::TestWithParam<AssignmentOrder> {
 protected:
  static EngineConfig Config() {
    EngineConfig config;
    config.random_order_seed = kSeed;
    return config;
  }

  void SetUp() override {
    for (int i = 0; i < 5; ++i) workers_.push_back(MakeWorker(e_, "w" + std::to_string(i)));
    HitTypeSpec t = BasicHitType(Cents(10));
    t.reject_reopens_slot = true;
    t.assignment_duration = Seconds(120);
    t.order = GetParam();
    types_.push_back(Apply(e_, requester_, kT0, CreateHitType{t}).get<HitTypeCreated>().type);
    t.reward = Cents(12);
    t.order = static_cast<AssignmentOrder>(int(GetParam()) % 4 + 1);
    types_.push_back(Apply(e_, requester_, kT0, CreateHitType{t}).get<HitTypeCreated>().type);
    for (int i = 0; i < 30; ++i) NewHit(kT0);
  }

  void NewHit(int64_t now) {
    HitSpec h = BasicHit(1 + rng_.Below(3));
    h.priority = static_cast<int32_t>(rng_.Below(4));
    h.lifetime = Seconds(60 + rng_.Below(540));
    HitTypeId type = types_[rng_.Below(4) == 0 ? 1 : 0];
    Result r = Apply(e_, requester_, now, CreateHitWithHitType{type, h});
    ASSERT_TRUE(r.ok()) << test::Describe(r);
  }

  // AcceptNext must take exactly the HIT the reference names.
  void AcceptNextMatches(AccountId w, int64_t now, int step) {
    const State& s = e_.state();
    std::optional<HitId> want = Expected(s, w, TimeMs(now));
    // An assignment past its deadline no longer counts toward the cap, Tick or not.
    size_t live = 0;
    for (AssignmentId a : InStatus(s, w, AssignmentStatus::kAccepted)) {
      live += TimeMs(now) < s.assignments[a.value - 1].deadline;
    }
    const bool capped = live >= 25;
    Result r = Apply(e_, w, now, AcceptNext{});
    if (capped) {
      ASSERT_TRUE(test::IsError(r, ErrorCode::kResourceExhausted)) << "step " << step;
    } else if (!want) {
      ASSERT_TRUE(test::IsError(r, ErrorCode::kNoWorkAvailable))
          << "step " << step << " took HIT " << r.get<AssignmentView>().assignment.hit.value;
    } else {
      ASSERT_TRUE(r.ok()) << "step " << step << ": " << test::Describe(r) << ", expected HIT "
                          << want->value;
      ASSERT_EQ(r.get<AssignmentView>().assignment.hit, *want) << "step " << step;
      ++accepts_;
    }
  }

  void WorkerActs(AccountId w, int64_t now, uint32_t action) {
    const State& s = e_.state();
    std::vector<AssignmentId> held = InStatus(s, w, AssignmentStatus::kAccepted);
    std::vector<AssignmentId> done = InStatus(s, w, AssignmentStatus::kSubmitted);
    if (action < 60 && !held.empty()) {
      AssignmentId a = held[rng_.Below(held.size())];
      // Past its deadline an assignment is abandoned, Tick or not: no return then.
      if (TimeMs(now) < s.assignments[a.value - 1].deadline) {
        ASSERT_TRUE(Apply(e_, w, now, ReturnAssignment{a}).ok());
      }
    } else if (action < 80 && !held.empty()) {
      AssignmentId a = held[rng_.Below(held.size())];
      if (TimeMs(now) < s.assignments[a.value - 1].deadline) test::Submit(e_, w, a, now);
    } else if (action >= 80 && !done.empty()) {
      AssignmentId a = done[rng_.Below(done.size())];
      if (rng_.Below(2) == 0) {
        test::Reject(e_, requester_, a, now);  // reopens the slot while the HIT lives
      } else {
        test::Approve(e_, requester_, a, now);
      }
    }
  }

  void RequesterActs(int64_t now, uint32_t action) {
    HitId h(1 + rng_.Below(e_.state().hits.size()));
    if (action < 92) {
      Result r = Apply(e_, requester_, now, CreateAdditionalAssignmentsForHit{h, 1});
      ASSERT_TRUE(r.ok() || test::IsError(r, ErrorCode::kFailedPrecondition)) << test::Describe(r);
    } else if (action < 94) {
      HitTypeId to = e_.state().hits[h.value - 1].type == types_[0] ? types_[1] : types_[0];
      Result r = Apply(e_, requester_, now, UpdateHitTypeOfHit{h, to});
      ASSERT_TRUE(r.ok() || test::IsError(r, ErrorCode::kFailedPrecondition)) << test::Describe(r);
    } else if (action < 96) {
      // Extends, shortens, re-opens an expired HIT, or expires it at once.
      TimeMs at(now + (int64_t(rng_.Below(700)) - 100) * 1000);
      ASSERT_TRUE(Apply(e_, requester_, now, UpdateExpirationForHit{h, at}).ok());
    } else if (action < 98) {
      ASSERT_TRUE(Apply(e_, AccountId(), now, Tick{}).ok());
    } else {
      NewHit(now);
    }
  }

  Engine e_{Config()};
  AccountId requester_ = MakeRequester(e_, "acme", Cents(100'000'000));
  std::vector<AccountId> workers_;
  std::vector<HitTypeId> types_;
  Prng rng_{0x1234567 + uint64_t(GetParam())};
  int accepts_ = 0;
};

TEST_P(MatchingOrder, AcceptNextAlwaysGivesTheFirstHitInTheDocumentedOrder) {
  for (int step = 0; step < 3000; ++step) {
    const int64_t now = kT0 + step * 400;
    AccountId w = workers_[rng_.Below(workers_.size())];
    uint32_t action = rng_.Below(100);
    if (action < 45) {
      AcceptNextMatches(w, now, step);
    } else if (action < 90) {
      WorkerActs(w, now, (action - 45) * 100 / 45);
    } else {
      RequesterActs(now, action);
    }
    if (HasFatalFailure()) return;
    e_.CheckInvariants();
  }
  EXPECT_GT(accepts_, 500);  // the stream did exercise matching
}

INSTANTIATE_TEST_SUITE_P(EveryOrder, MatchingOrder,
                         ::testing::Values(AssignmentOrder::kFifo, AssignmentOrder::kBreadthFirst,
                                           AssignmentOrder::kPriority, AssignmentOrder::kRandom),
                         [](const ::testing::TestParamInfo<AssignmentOrder>& info) {
                           switch (info.param) {
                             case AssignmentOrder::kFifo:
                               return std::string("Fifo");
                             case AssignmentOrder::kBreadthFirst:
                               return std::string("BreadthFirst");
                             case AssignmentOrder::kPriority:
                               return std::string("Priority");
                             case AssignmentOrder::kRandom:
                               return std::string("Random");
                           }
                           return std::string("Unknown");
                         });

}  // namespace
}  // namespace hitd::engine
