// EngineLoader (engine/load.h): an engine rebuilt from the records another engine
// emitted has the same state hash, passes every whole-state check, and answers every
// later command exactly as the original does; records that cannot have come from an
// engine are refused with a reason (load_refuses_test.cc); tokens beyond the capacity
// keep the newest. The market loaded is load_fixture.h's.
#include "engine/load.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/load_fixture.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::kHour;
using test::kLoadAt;
using test::kT0;
using test::Slots;
using test::TypeSpec;

class Load : public test::LoadFixture {
 protected:
  using LoadFixture::LoadFixture;
};

TEST_F(Load, RoundTripKeepsTheStateHashAndEveryInvariant) {
  BuildMarket();
  original_.CheckInvariants();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  loaded->CheckInvariants();
  // A second generation, loaded from what the first would have stored, is the same too.
  EXPECT_EQ(Reload()->StateHash(), original_.StateHash());
}

TEST_F(Load, EmptyStoreGivesAFreshEngine) {
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), Engine(config_).StateHash());
  EXPECT_EQ(loaded->state().names, std::vector<std::string>{"admin"});
  EXPECT_EQ(loaded->state().qual_types.size(), system_qual::kFirstUserId - 1);
}

TEST_F(Load, LoadedBuiltInRecordsReplaceTheFreshEngines) {
  // The bootstrap admin and the system types are never emitted unless they change; a
  // store that holds them anyway (changed, here) has them replace the built-in ones.
  EngineLoader loader(config_);
  Account admin = Engine(config_).state().accounts[0];
  admin.created = TimeMs(kT0);
  QualType masters = Engine(config_).state().qual_types[system_qual::kMasters.value - 1];
  masters.description = "the best";
  loader.Add(admin);
  loader.Add(AccountProfile{kBootstrapAdmin, "root"});
  loader.Add(masters);
  std::string error;
  std::unique_ptr<Engine> e = loader.Finish(&error);
  ASSERT_NE(e, nullptr) << error;
  EXPECT_EQ(e->state().accounts[0], admin);
  EXPECT_EQ(e->state().names[0], "root");
  EXPECT_EQ(e->state().qual_types[system_qual::kMasters.value - 1], masters);
  e->CheckInvariants();
}

TEST_F(Load, AcceptNextPicksTheSameHitAsTheOriginal) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  for (int round = 0; round < 4; ++round) {
    for (AccountId w : w_) Both(*loaded, w, kLoadAt + round, AcceptNext{});
  }
  // The skilled group goes to w0 only: its requirement hides it from the others.
  Result r = Both(*loaded, w_[0], kLoadAt + 5, Accept{skilled_hit_});
  EXPECT_TRUE(test::IsError(r, ErrorCode::kAlreadyExists, "hit_id")) << test::Describe(r);
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[1], kLoadAt + 5, Accept{skilled_hit_}),
                            ErrorCode::kNotFound, "hit_id"));
  loaded->CheckInvariants();
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
}

TEST_F(Load, TheCapAndExclusionsStillHold) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // w2 holds two of the capped priority group.
  WorkFilter prio;
  prio.type = prio_;
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[2], kLoadAt, Accept{prio_hits_[2]}),
                            ErrorCode::kResourceExhausted, "per_worker_cap"));
  EXPECT_TRUE(
      test::IsError(Both(*loaded, w_[2], kLoadAt, AcceptNext{prio}), ErrorCode::kNoWorkAvailable));
  // w5 holds the arm, which excludes the fifo group; w3 holds fifo work, so not the arm.
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[5], kLoadAt, Accept{fifo_hits_[2]}),
                            ErrorCode::kPermissionDenied, "excluded_types"));
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[3], kLoadAt, Accept{arm_hit_}),
                            ErrorCode::kPermissionDenied, "excluded_types"));
  // A block survives; a deleted one stays deleted.
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[1], kLoadAt, Accept{fifo_hits_[2]}),
                            ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Both(*loaded, w_[2], kLoadAt, Accept{reopen_hits_[2]}).ok());
}

TEST_F(Load, ATokenRepeatReturnsTheFirstAnswer) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  const Command more = CreateHits{fifo_, {Slots(1, 2 * kHour), Slots(3)}};
  Result first = Both(*loaded, acme_, kLoadAt, more, "hits-1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.get<HitsCreated>().hits.size(), 2u);
  EXPECT_EQ(loaded->state().hits.size(), original_.state().hits.size());
  // The same token for another request is a conflict; an unknown token runs.
  Context other{acme_, TimeMs(kLoadAt), "hits-1", 8};
  Output out;
  EXPECT_TRUE(test::IsError(loaded->Apply(other, more, out), ErrorCode::kTokenConflict));
  EXPECT_TRUE(Both(*loaded, acme_, kLoadAt, more, "hits-2").ok());
}

TEST_F(Load, TickAfterLoadAbandonsOverdueWorkAndExpiresHits) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // Three hours on: the fifo deadlines (an hour) and the two-hour HITs are overdue, and
  // w3's submission is past its auto-approval.
  Result r = Both(*loaded, AccountId(), kT0 + 3 * kHour, Tick{});
  ASSERT_TRUE(r.ok());
  const TickResult& tick = r.get<TickResult>();
  EXPECT_EQ(tick.abandoned, 2u);      // w3's and w4's fifo assignments
  EXPECT_EQ(tick.expired, 5u);        // the random HITs and one of CreateHits'
  EXPECT_EQ(tick.auto_approved, 2u);  // w3's and w4's submissions
  loaded->CheckInvariants();
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  for (AccountId w : w_) Both(*loaded, w, kT0 + 3 * kHour, AcceptNext{});
}

TEST_F(Load, TheLastRecordAddedWins) {
  BuildMarket();
  EngineLoader loader(config_);
  store_.LoadInto(loader);
  // A stale snapshot of the HIT after the current one would be taken as current.
  Hit stale = original_.state().hits[0];
  stale.free += 1;
  loader.Add(stale);
  std::string error;
  EXPECT_EQ(loader.Finish(&error), nullptr);
  EXPECT_NE(error, "");
  // The current snapshot added last wins over the stale one.
  EngineLoader again(config_);
  again.Add(stale);
  store_.LoadInto(again);
  std::unique_ptr<Engine> e = again.Finish(&error);
  ASSERT_NE(e, nullptr) << error;
  EXPECT_EQ(e->StateHash(), original_.StateHash());
}

// Tokens: at most the capacity, the newest by creation time.
class LoadTokens : public Load {
 protected:
  static EngineConfig Capacity(uint64_t n) {
    EngineConfig c;
    c.token_capacity = n;
    return c;
  }
  LoadTokens() : Load(Capacity(2)) {}
};

TEST_F(LoadTokens, ForgottenTokensStayForgotten) {
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Result first = Must(acme_, kT0 + 1, create, "a");
  Must(acme_, kT0 + 2, create, "b");
  Result third = Must(acme_, kT0 + 3, create, "c");
  EXPECT_EQ(store_.tokens(), 2u);  // the engine reported "a" forgotten
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  // "c" is a repeat; "a" creates another HIT, in both engines.
  EXPECT_EQ(Both(*loaded, acme_, kT0 + 4, create, "c"), third);
  Result again = Both(*loaded, acme_, kT0 + 5, create, "a");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again.get<HitCreated>().hit, first.get<HitCreated>().hit);
}

TEST_F(LoadTokens, CapacityKeepsTheNewest) {
  // Written under a capacity of 2, loaded under a capacity of 1: only "a", the newest by
  // creation time, is kept, though "b" was added last.
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Result first = Must(acme_, kT0 + 2, create, "a");
  Result second = Must(acme_, kT0 + 1, create, "b");  // created first, though added second
  ASSERT_EQ(store_.tokens(), 2u);
  std::string error;
  std::unique_ptr<Engine> loaded = store_.Load(Capacity(1), &error);
  ASSERT_NE(loaded, nullptr) << error;
  ASSERT_EQ(loaded->state().tokens.size(), 1u);
  Output out;
  EXPECT_EQ(loaded->Apply(Context{acme_, TimeMs(kT0 + 3), "a", 7}, create, out), first);
  Result fresh = loaded->Apply(Context{acme_, TimeMs(kT0 + 3), "b", 7}, create, out);
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh, second);
}

TEST_F(LoadTokens, TiesInOneMillisecondKeepTheEnginesOrder) {
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Must(acme_, kT0, create, "y");
  Must(acme_, kT0, create, "x");
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // A third token pushes out the same one of the two in both engines, then each of the
  // three is either a repeat in both or new in both.
  Both(*loaded, acme_, kT0 + 1, create, "z");
  for (const char* token : {"x", "y", "z"}) Both(*loaded, acme_, kT0 + 2, create, token);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
}

}  // namespace
}  // namespace hitd::engine
