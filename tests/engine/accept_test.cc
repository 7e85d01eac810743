// Matching (engine/accept.cc, engine/matching.cc): which HIT AcceptNext gives a worker.
// Order across groups (higher reward, then older type), each assignment order inside a
// group as matching.h documents it, filters, never twice on one HIT, and the per-worker
// cursor: however many HITs a worker has done, and whatever re-enters the group, the
// worker gets the first HIT in the group's order that it may take.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/flat_map.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptHit;
using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::NextHit;
using test::Rejected;

constexpr int64_t kSec = 1000;

HitTypeSpec Ordered(AssignmentOrder order, Cents reward = Cents(10)) {
  HitTypeSpec t = BasicHitType(reward);
  t.order = order;
  return t;
}
HitSpec WithPriority(int32_t priority, uint32_t max_assignments = 1) {
  HitSpec h = BasicHit(max_assignments);
  h.priority = priority;
  return h;
}

// Everything AcceptNext gives the worker, submitting each so that the concurrency cap
// never stops it, until it answers an error.
std::vector<HitId> TakeAll(Engine& e, AccountId worker, WorkFilter filter = {}) {
  std::vector<HitId> taken;
  for (int i = 0; i < 200; ++i) {
    Result r = Apply(e, worker, kT0 + kSec, AcceptNext{filter});
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kNoWorkAvailable);
      break;
    }
    taken.push_back(r.get<AssignmentView>().assignment.hit);
    test::Submit(e, worker, r.get<AssignmentView>().assignment.id, kT0 + kSec);
  }
  return taken;
}

struct Matching : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");
  AccountId w3 = MakeWorker(e, "w3");

  HitId Make(const HitTypeSpec& t, const HitSpec& h = BasicHit()) {
    return MakeHitOf(e, requester, t, h);
  }
};

using Hits = std::vector<HitId>;

TEST_F(Matching, AcceptNextTakesHighestRewardGroupFirst) {
  HitId low = Make(BasicHitType(Cents(10)));
  HitId high = Make(BasicHitType(Cents(50)));
  HitId mid = Make(BasicHitType(Cents(30)));
  EXPECT_EQ(TakeAll(e, w1), (Hits{high, mid, low}));
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{}, ErrorCode::kNoWorkAvailable));
}

TEST_F(Matching, AmongEqualRewardsTheOlderTypeComesFirst) {
  HitTypeSpec older = BasicHitType(Cents(20));
  older.title = "Older";
  HitTypeSpec newer = BasicHitType(Cents(20));
  newer.title = "Newer";
  ASSERT_TRUE(Apply(e, requester, kT0, CreateHitType{older}).ok());
  ASSERT_TRUE(Apply(e, requester, kT0, CreateHitType{newer}).ok());
  HitId from_newer = Make(newer);  // the older HIT, of the newer type
  HitId from_older = Make(older);
  EXPECT_EQ(TakeAll(e, w1), (Hits{from_older, from_newer}));
}

TEST_F(Matching, FifoFillsTheOldestHitFirst) {
  HitId h1 = Make(Ordered(AssignmentOrder::kFifo), BasicHit(2));
  HitId h2 = Make(Ordered(AssignmentOrder::kFifo), BasicHit(2));
  EXPECT_EQ(NextHit(e, w1), h1);
  EXPECT_EQ(NextHit(e, w2), h1);  // the oldest HIT is filled before the next one
  EXPECT_EQ(NextHit(e, w3), h2);
}

TEST_F(Matching, BreadthFirstTakesTheHitWithFewestAssignmentsTaken) {
  HitTypeSpec t = Ordered(AssignmentOrder::kBreadthFirst);
  HitId h1 = Make(t, BasicHit(3));
  HitId h2 = Make(t, BasicHit(3));
  HitId h3 = Make(t, BasicHit(3));
  AccountId w4 = MakeWorker(e, "w4");
  EXPECT_EQ(NextHit(e, w1), h1);
  EXPECT_EQ(NextHit(e, w2), h2);
  EXPECT_EQ(NextHit(e, w3), h3);
  EXPECT_EQ(NextHit(e, w4), h1);  // all tied at one: the oldest
  EXPECT_EQ(NextHit(e, w1), h2);  // h1 has two now
}

TEST_F(Matching, PriorityTakesTheHighestPriorityThenTheOldest) {
  HitTypeSpec t = Ordered(AssignmentOrder::kPriority);
  HitId p5 = Make(t, WithPriority(5));
  HitId p10a = Make(t, WithPriority(10));
  HitId p0 = Make(t, WithPriority(0));
  HitId p10b = Make(t, WithPriority(10));
  EXPECT_EQ(TakeAll(e, w1), (Hits{p10a, p10b, p5, p0}));
}

// The documented random order: ascending (MixKey(seed ^ id) >> 40, id).
Hits DocumentedRandomOrder(uint64_t seed, uint64_t n) {
  std::vector<uint64_t> ids;
  for (uint64_t id = 1; id <= n; ++id) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](uint64_t a, uint64_t b) {
    uint64_t ka = MixKey(seed ^ a) >> 40, kb = MixKey(seed ^ b) >> 40;
    return ka != kb ? ka < kb : a < b;
  });
  Hits hits;
  for (uint64_t id : ids) hits.push_back(HitId(id));
  return hits;
}

Hits RandomOrderWithSeed(uint64_t seed) {
  EngineConfig config;
  config.random_order_seed = seed;
  Engine e(config);
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  for (int i = 0; i < 10; ++i) MakeHitOf(e, r, Ordered(AssignmentOrder::kRandom), BasicHit());
  return TakeAll(e, MakeWorker(e, "w1"));
}

TEST_F(Matching, RandomOrderIsReproducibleWithTheSameSeedAndDiffersWithAnother) {
  Hits a = RandomOrderWithSeed(1234);
  EXPECT_EQ(a, RandomOrderWithSeed(1234));
  EXPECT_EQ(a, DocumentedRandomOrder(1234, 10));
  Hits b = RandomOrderWithSeed(98765);
  EXPECT_EQ(b, DocumentedRandomOrder(98765, 10));
  EXPECT_NE(a, b);
  Hits fifo;
  for (uint64_t id = 1; id <= 10; ++id) fifo.push_back(HitId(id));
  EXPECT_NE(a, fifo);
  std::sort(a.begin(), a.end());
  EXPECT_EQ(a, fifo);  // a permutation of every HIT
}

TEST_F(Matching, FiltersNarrowByTypeRequesterMinimumRewardAndKeyword) {
  HitTypeSpec images = BasicHitType(Cents(10));
  images.keywords = "image, label";
  HitTypeSpec audio = BasicHitType(Cents(50));
  audio.keywords = "audio,transcribe";
  HitId image_hit = Make(images, BasicHit(3));
  HitId audio_hit = Make(audio, BasicHit(3));
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  HitTypeSpec theirs = BasicHitType(Cents(30));
  theirs.keywords = "Image";
  HitId their_hit = MakeHitOf(e, other, theirs, BasicHit(3));

  WorkFilter by_type, by_requester, by_reward, by_keyword, partial;
  by_type.type = test::TypeOfHit(e, requester, image_hit);
  by_requester.requester = other;
  by_reward.min_reward = Cents(31);
  by_keyword.keyword = " IMAGE ";
  partial.keyword = "imag";
  EXPECT_EQ(TakeAll(e, w1, by_type), (Hits{image_hit}));
  EXPECT_EQ(TakeAll(e, w2, by_requester), (Hits{their_hit}));
  EXPECT_EQ(TakeAll(e, w3, by_reward), (Hits{audio_hit}));
  EXPECT_EQ(TakeAll(e, w3, by_keyword), (Hits{their_hit, image_hit}));
  EXPECT_EQ(TakeAll(e, MakeWorker(e, "w4"), partial), Hits{});  // whole keywords only
  WorkFilter unknown;
  unknown.type = HitTypeId(77);
  EXPECT_TRUE(Rejected(e, w1, kT0, AcceptNext{unknown}, ErrorCode::kNotFound, "hit_type_id"));
}

TEST_F(Matching, AWorkerIsNeverTwiceOnTheSameHit) {
  HitId h1 = Make(BasicHitType(Cents(10)), BasicHit(3));
  HitId h2 = Make(BasicHitType(Cents(10)), BasicHit(3));
  HitId h3 = Make(BasicHitType(Cents(10)), BasicHit(3));
  EXPECT_EQ(TakeAll(e, w1), (Hits{h1, h2, h3}));
  EXPECT_TRUE(Rejected(e, w1, kT0 + kSec, AcceptNext{}, ErrorCode::kNoWorkAvailable));
  EXPECT_TRUE(Rejected(e, w1, kT0 + kSec, Accept{h2}, ErrorCode::kAlreadyExists, "hit_id"));
  EXPECT_EQ(TakeAll(e, w2), (Hits{h1, h2, h3}));  // the slots were still there
  e.CheckInvariants();
}

TEST_F(Matching, AnExpiredHitAwaitingItsTimerIsNotOffered) {
  HitSpec short_lived = BasicHit();
  short_lived.lifetime = Seconds(30);
  HitId gone = Make(BasicHitType(Cents(10)), short_lived);
  HitId live = Make(BasicHitType(Cents(10)));
  const int64_t later = kT0 + 30 * kSec;
  EXPECT_TRUE(Rejected(e, w1, later, Accept{gone}, ErrorCode::kFailedPrecondition, "hit_id"));
  EXPECT_EQ(NextHit(e, w1, later), live);
  EXPECT_TRUE(Rejected(e, w2, later, AcceptNext{}, ErrorCode::kNoWorkAvailable));
}

TEST_F(Matching, AWorkerWhoDidManyHitsOfAGroupGetsTheNextUndoneOne) {
  std::vector<HitId> hits;
  for (int i = 0; i < 60; ++i) hits.push_back(Make(BasicHitType(Cents(10)), BasicHit(2)));
  for (int i = 0; i < 40; ++i) {
    AssignmentView a = test::TakeNext(e, w1, kT0 + kSec);
    ASSERT_EQ(a.assignment.hit, hits[i]);
    test::Submit(e, w1, a.assignment.id, kT0 + kSec);
  }
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), hits[40]);
  EXPECT_EQ(NextHit(e, w2, kT0 + kSec), hits[0]);  // still open for others
  EXPECT_EQ(NextHit(e, w2, kT0 + kSec), hits[1]);
}

TEST_F(Matching, AHitReenteringTheGroupGoesToAWorkerWhoPassedIt) {
  std::vector<HitId> hits;
  for (int i = 0; i < 5; ++i) hits.push_back(Make(BasicHitType(Cents(10))));
  AssignmentId held = AcceptHit(e, w2, hits[0]);  // full: out of the group
  EXPECT_EQ(NextHit(e, w1), hits[1]);
  EXPECT_EQ(NextHit(e, w1), hits[2]);
  ASSERT_TRUE(Apply(e, w2, kT0 + kSec, ReturnAssignment{held}).ok());
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), hits[0]);  // fifo: the oldest again
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), hits[3]);
}

TEST_F(Matching, AWorkersOwnReturnLetsItRetakeThatHit) {
  HitId h1 = Make(BasicHitType(Cents(10)), BasicHit(2));
  HitId h2 = Make(BasicHitType(Cents(10)), BasicHit(2));
  HitId h3 = Make(BasicHitType(Cents(10)), BasicHit(1));
  AssignmentId a1 = test::TakeNext(e, w1).assignment.id;
  ASSERT_EQ(NextHit(e, w1), h2);
  AssignmentId a3 = test::TakeNext(e, w1).assignment.id;  // h3 fills and leaves the group
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, ReturnAssignment{a1}).ok());
  ASSERT_TRUE(Apply(e, w1, kT0 + kSec, ReturnAssignment{a3}).ok());
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), h1);
  EXPECT_EQ(NextHit(e, w1, kT0 + kSec), h3);
}

TEST_F(Matching, ManyHitsReenteringAtOnceAreAllFound) {
  std::vector<HitId> hits;
  std::vector<AccountId> holders;
  std::vector<AssignmentId> held;
  for (int i = 0; i < 20; ++i) hits.push_back(Make(BasicHitType(Cents(10))));
  for (int i = 0; i < 12; ++i) {
    holders.push_back(MakeWorker(e, "h" + std::to_string(i)));
    held.push_back(AcceptHit(e, holders[i], hits[i]));
  }
  EXPECT_EQ(NextHit(e, w1), hits[12]);
  for (int i = 0; i < 12; ++i) {  // more re-entries than the group remembers one by one
    ASSERT_TRUE(Apply(e, holders[i], kT0 + kSec, ReturnAssignment{held[i]}).ok());
  }
  std::vector<HitId> expected(hits.begin(), hits.begin() + 12);
  expected.insert(expected.end(), hits.begin() + 13, hits.end());
  EXPECT_EQ(TakeAll(e, w1), expected);
}

}  // namespace
}  // namespace hitd::engine
