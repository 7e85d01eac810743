// Recovery: what a Host made durable comes back, equal, after a restart.
#include <gtest/gtest.h>

#include "engine/store/codec.h"
#include "tests/store/market.h"

namespace hitd::store::test {
namespace {

using engine::AccountId;
using engine::Cents;
using engine::TimeMs;

TEST(Recovery, ARestartRecoversTheSameState) {
  TempDir dir;
  uint64_t hash = 0;
  Market m;
  {
    auto host = OpenHost(Options(dir.str()), kT0);
    m = Populate(*host);
    hash = host->engine().StateHash();
  }
  RecoveryReport report;
  auto host = OpenHost(Options(dir.str()), kT0 + 10, &report);
  EXPECT_EQ(report.state_hash, hash);
  EXPECT_GT(report.loaded.records, 10u);
  EXPECT_EQ(report.tick, engine::TickResult{});  // nothing was overdue
  // The recovered engine goes on as the first would have: the token replays its answer.
  engine::CreateHit create{engine::test::BasicHitType(Cents(120)), engine::test::BasicHit(4)};
  create.hit.question = "<question>what?</question>";
  Answer again = Do(*host, m.requester, kT0 + 11, create, "create-1");
  ASSERT_TRUE(again.result.ok());
  EXPECT_EQ(again.result.get<engine::HitCreated>().hit, m.hit);
  EXPECT_EQ(host->engine().state().hits.size(), 2u);  // Populate's two, no third
}

TEST(Recovery, RecoveryResolvesWhatFellDueWhileDown) {
  TempDir dir;
  Market m;
  {
    auto host = OpenHost(Options(dir.str()), kT0);
    m = Populate(*host);
  }
  const int64_t later = kT0 + int64_t{30} * 24 * 3600 * 1000;  // past deadline and expiry
  RecoveryReport report;
  uint64_t after_tick = 0;
  {
    auto host = OpenHost(Options(dir.str()), later, &report);
    after_tick = host->engine().StateHash();
    EXPECT_NE(after_tick, report.state_hash);
    EXPECT_EQ(report.tick.abandoned, 1u);
    EXPECT_EQ(report.tick.expired, 2u);
    EXPECT_EQ(host->engine().state().assignments[m.open.value - 1].status,
              engine::AssignmentStatus::kAbandoned);
    host->engine().CheckInvariants();
  }
  // The recovery tick was committed: the next start has nothing left to do.
  RecoveryReport second;
  auto host = OpenHost(Options(dir.str()), later + 1, &second);
  EXPECT_EQ(second.tick, engine::TickResult{});
  EXPECT_EQ(second.state_hash, after_tick);
}

TEST(Recovery, EventsAreReadableFromAnyRetainedSequence) {
  TempDir dir;
  auto host = OpenHost(Options(dir.str()), kT0);
  Populate(*host);
  const uint64_t last = host->engine().state().last_event_seq;
  ASSERT_GT(last, 5u);
  std::vector<engine::Event> events;
  ASSERT_EQ(host->store().ReadEvents(3, 1000, &events), 0);
  ASSERT_EQ(events.size(), last - 2);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, 3 + i);
  events.clear();
  ASSERT_EQ(host->store().ReadEvents(last + 1, 10, &events), 0);
  EXPECT_TRUE(events.empty());
}

TEST(Recovery, PayloadsAreStoredWithTheirBatch) {
  TempDir dir;
  auto host = OpenHost(Options(dir.str()), kT0);
  Market m = Populate(*host);
  std::string question;
  ASSERT_EQ(host->store().ReadPayload(engine::PayloadKind::kQuestion, m.hit.value, 0, &question),
            0);
  EXPECT_EQ(question, "<question>what?</question>");
  std::string answer;
  ASSERT_EQ(host->store().ReadPayload(engine::PayloadKind::kAnswer, m.approved.value, 0, &answer),
            0);
  EXPECT_EQ(answer, "yes");
  EXPECT_EQ(host->store().ReadPayload(engine::PayloadKind::kAnswer, 999, 0, &answer), MDB_NOTFOUND);
}

TEST(Retention, OldEventsArePrunedByCountAndTheRestStayReadable) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.store.event_max_count = 4;
  auto host = OpenHost(options, kT0);
  Populate(*host);
  Do(*host, engine::kBootstrapAdmin, kT0 + 7, engine::GetStats{});  // a read commits nothing
  // One more commit gives the writer its chance to prune what is over the limit.
  Do(*host, engine::kBootstrapAdmin, kT0 + 7,
     engine::CreateAccount{engine::Role::kWorker, "w3", engine::test::kUS,
                           engine::test::SecretHash()});
  EXPECT_EQ(host->store().EventCount(), 4u);
  const uint64_t first = host->store().FirstEventSeq();
  EXPECT_EQ(first, host->engine().state().last_event_seq - 3);
  std::vector<engine::Event> events;
  ASSERT_EQ(host->store().ReadEvents(1, 100, &events), 0);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events.front().seq, first);
  EXPECT_GT(host->writer().counters().events_pruned.load(), 0u);
}

TEST(Retention, OldEventsArePrunedByAge) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.store.event_max_age_ms = 1000;
  options.writer.now_ms = [] { return kT0 + 5000; };  // every event is older than a second
  auto host = OpenHost(options, kT0);
  Populate(*host);
  Do(*host, engine::kBootstrapAdmin, kT0,
     engine::CreateAccount{engine::Role::kWorker, "w3", engine::test::kUS,
                           engine::test::SecretHash()});
  EXPECT_EQ(host->store().EventCount(), 0u);
}

TEST(Retention, ForgottenTokensLeaveTheStore) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.engine.token_capacity = 1;
  Market m;
  {
    auto host = OpenHost(options, kT0);
    m = Populate(*host);  // one tokened CreateHit
    EXPECT_EQ(host->store().TokenCount(), 1u);
    engine::CreateHit create{engine::test::BasicHitType(Cents(10)), engine::test::BasicHit(1)};
    ASSERT_TRUE(Do(*host, m.requester, kT0 + 8, create, "t2").result.ok());
    EXPECT_EQ(host->store().TokenCount(), 1u);  // "create-1" was forgotten, in the store too
  }
  RecoveryReport report;
  auto host = OpenHost(options, kT0 + 9, &report);
  EXPECT_EQ(host->engine().state().tokens.size(), 1u);
}

TEST(Retention, ATokenForgottenAndStoredAgainInOneBatchIsKept) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.engine.token_capacity = 1;
  uint64_t hash = 0;
  {
    auto host = OpenHost(options, kT0);
    Market m = Populate(*host);
    engine::CreateHit create{engine::test::BasicHitType(Cents(10)), engine::test::BasicHit(1)};
    const engine::Command commands[] = {create, create, create};
    const char* tokens[] = {"T", "U", "T"};  // T is forgotten for U, then comes back
    Batch* b = host->Begin();
    for (int i = 0; i < 3; ++i) {
      engine::Context ctx(m.requester, engine::TimeMs(kT0 + 20), tokens[i], 100 + i);
      ASSERT_TRUE(host->Apply(*b, ctx, commands[i]).ok());
    }
    ASSERT_EQ(b->out.forgotten_tokens.size(), 3u);  // create-1, T, U
    host->Submit(b);
    ASSERT_TRUE(host->writer().WaitDone(b->seq, 10'000));
    host->Recycle(host->NextDone());
    hash = host->engine().StateHash();
    EXPECT_EQ(host->store().TokenCount(), 1u);
  }
  RecoveryReport report;
  auto host = OpenHost(options, kT0 + 21, &report);
  EXPECT_EQ(report.state_hash, hash);
}

TEST(Backup, ARestoredBackupHasTheSameState) {
  TempDir dir;
  uint64_t hash = 0;
  {
    auto host = OpenHost(Options(dir.str("live")), kT0);
    Populate(*host);
    hash = host->engine().StateHash();
    std::string error;
    ASSERT_EQ(host->store().Backup(dir.str("backup"), &error), 0) << error;
    // Serving goes on after the copy.
    EXPECT_TRUE(Do(*host, engine::kBootstrapAdmin, kT0 + 8, engine::GetStats{}).result.ok());
    EXPECT_NE(host->store().Backup(dir.str("backup"), &error), 0);  // never over a store
  }
  std::string error;
  ASSERT_TRUE(RestoreBackup(dir.str("backup"), dir.str("restored"), &error)) << error;
  EXPECT_FALSE(RestoreBackup(dir.str("backup"), dir.str("restored"), &error));
  RecoveryReport report;
  auto host = OpenHost(Options(dir.str("restored")), kT0 + 9, &report);
  EXPECT_EQ(report.state_hash, hash);
}

}  // namespace
}  // namespace hitd::store::test
