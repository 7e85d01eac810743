// The store's faults (DESIGN section 4): a full map grows, a full disk refuses writes and
// keeps reads, an I/O error stops every acknowledgement; and a response is released only
// once every mutation before it is durable.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <future>

#include "tests/store/market.h"

namespace hitd::store::test {
namespace {

using engine::AccountId;
using engine::Cents;
using engine::ErrorCode;
using engine::kBootstrapAdmin;

engine::CreateAccount Worker(const std::string& name) {
  return engine::CreateAccount{engine::Role::kWorker, name, engine::test::kUS,
                               engine::test::SecretHash()};
}

TEST(MapFull, TheMapGrowsAndNothingIsRefused) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.store.map_size = 256 << 10;  // 256 KiB: full after a few hundred HITs
  auto host = OpenHost(options, kT0);
  Market m = Populate(*host);
  engine::CreateHit create{engine::test::BasicHitType(Cents(5)), engine::test::BasicHit(1)};
  create.hit.question = std::string(2000, 'q');
  for (int i = 0; i < 300; ++i) {
    Answer a = Do(*host, m.requester, kT0 + 10, create);
    ASSERT_TRUE(a.result.ok());
    ASSERT_EQ(a.status, BatchStatus::kDurable);
  }
  EXPECT_GT(host->writer().counters().map_grows.load(), 0u);
  EXPECT_GT(host->store().Usage().map_size, uint64_t{256} << 10);
  const uint64_t hash = host->engine().StateHash();
  host.reset();
  RecoveryReport report;
  host = OpenHost(options, kT0 + 10, &report);
  EXPECT_EQ(report.state_hash, hash);
}

// Fails the chosen commits with `code`, counting them.
struct FailCommits {
  std::shared_ptr<std::atomic<int>> fail_from = std::make_shared<std::atomic<int>>(INT32_MAX);
  std::shared_ptr<std::atomic<int>> fail_to = std::make_shared<std::atomic<int>>(INT32_MAX);
  int code = ENOSPC;
  std::function<int(uint64_t)> Seam() const {
    return [from = fail_from, to = fail_to, code = code](uint64_t n) {
      return static_cast<int>(n) >= from->load() && static_cast<int>(n) <= to->load() ? code : 0;
    };
  }
};

TEST(DiskFull, TheFailingBatchIsRefusedReadsGoOnAndWritesResumeWhenThereIsRoom) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  FailCommits fail;
  options.writer.fail_commit = fail.Seam();
  options.writer.probe_interval_ms = 1;
  auto host = OpenHost(options, kT0);
  Market m = Populate(*host);
  const uint64_t durable_hash = host->engine().StateHash();
  // The disk fills: the next commit and its probes fail until room is made.
  const int next = static_cast<int>(host->writer().counters().commits.load()) + 1;
  fail.fail_from->store(next);
  fail.fail_to->store(next + 1'000'000);
  Answer lost = Do(*host, kBootstrapAdmin, kT0 + 10, Worker("lost"));
  EXPECT_TRUE(lost.result.ok());                   // the engine applied it...
  EXPECT_EQ(lost.status, BatchStatus::kDiskFull);  // ...but it was never acknowledged
  EXPECT_EQ(host->writer().counters().disk_full.load(), 1u);
  std::string error;
  ASSERT_TRUE(host->Maintain(&error)) << error;  // rolls the engine back to the store
  EXPECT_EQ(host->rollbacks(), 1u);
  EXPECT_EQ(host->engine().StateHash(), durable_hash);
  // Writes are refused and change nothing; reads go on.
  Answer refused = Do(*host, kBootstrapAdmin, kT0 + 11, Worker("refused"));
  EXPECT_TRUE(engine::test::IsError(refused.result, ErrorCode::kResourceExhausted));
  Answer read = Do(*host, m.requester, kT0 + 11, engine::GetAccountBalance{});
  EXPECT_TRUE(read.result.ok());
  EXPECT_EQ(read.status, BatchStatus::kDurable);
  EXPECT_EQ(host->engine().StateHash(), durable_hash);
  // Room again: the probe notices, writes resume.
  fail.fail_to->store(0);
  for (int i = 0; i < 2000 && host->writer().health() != Health::kOk; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(host->writer().health(), Health::kOk);
  Answer back = Do(*host, kBootstrapAdmin, kT0 + 12, Worker("back"));
  EXPECT_TRUE(back.result.ok());
  EXPECT_EQ(back.status, BatchStatus::kDurable);
  const uint64_t hash = host->engine().StateHash();
  host.reset();
  RecoveryReport report;
  host = OpenHost(Options(dir.str()), kT0 + 13, &report);
  EXPECT_EQ(report.state_hash, hash);  // "back" is there, "lost" is not
  EXPECT_EQ(host->engine().state().accounts.size(), 5u);
}

TEST(IoError, AFailedCommitStopsEveryAcknowledgement) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  FailCommits fail;
  fail.code = EIO;
  options.writer.fail_commit = fail.Seam();
  uint64_t durable_hash = 0;
  {
    auto host = OpenHost(options, kT0);
    Populate(*host);
    durable_hash = host->engine().StateHash();
    fail.fail_from->store(static_cast<int>(host->writer().counters().commits.load()) + 1);
    Answer failed = Do(*host, kBootstrapAdmin, kT0 + 10, Worker("failed"));
    EXPECT_EQ(failed.status, BatchStatus::kFailed);
    EXPECT_EQ(host->writer().health(), Health::kFailed);
    EXPECT_EQ(host->writer().counters().fsync_errors.load(), 1u);
    fail.fail_from->store(INT32_MAX);  // even if the disk recovers: never retry and assume
    Answer after = Do(*host, kBootstrapAdmin, kT0 + 11, Worker("after"));
    EXPECT_TRUE(engine::test::IsError(after.result, ErrorCode::kUnavailable));
    Answer read = Do(*host, kBootstrapAdmin, kT0 + 11, engine::GetStats{});
    EXPECT_TRUE(engine::test::IsError(read.result, ErrorCode::kUnavailable));
  }
  RecoveryReport report;
  auto host = OpenHost(Options(dir.str()), kT0 + 12, &report);
  EXPECT_EQ(report.state_hash, durable_hash);
}

TEST(Ordering, AReadIsReleasedOnlyAfterTheMutationsBeforeItAreDurable) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  // The seam holds the second commit (the first is the recovery tick's) until released.
  auto release = std::make_shared<std::promise<void>>();
  std::shared_future<void> released = release->get_future().share();
  auto commits = std::make_shared<std::atomic<int>>(0);
  options.writer.fail_commit = [released, commits](uint64_t n) {
    if (n == 2) {
      commits->store(1);
      released.wait();
    }
    return 0;
  };
  auto host = OpenHost(options, kT0);
  engine::Command create = Worker("slow");
  Batch* write = host->Begin();
  ASSERT_TRUE(
      host->Apply(*write, engine::Context(kBootstrapAdmin, engine::TimeMs(kT0)), create).ok());
  host->Submit(write);
  engine::Command stats = engine::GetStats{};
  Batch* read = host->Begin();
  ASSERT_TRUE(
      host->Apply(*read, engine::Context(kBootstrapAdmin, engine::TimeMs(kT0)), stats).ok());
  EXPECT_FALSE(read->mutates);
  host->Submit(read);
  while (commits->load() == 0) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(host->NextDone(), nullptr);  // the read waits behind the uncommitted write
  release->set_value();
  ASSERT_TRUE(host->writer().WaitDone(read->seq, 10'000));
  EXPECT_EQ(host->NextDone(), write);
  EXPECT_EQ(host->NextDone(), read);
  EXPECT_EQ(write->status, BatchStatus::kDurable);
  EXPECT_EQ(read->status, BatchStatus::kDurable);
  host->Recycle(write);
  host->Recycle(read);
}

TEST(Async, AcknowledgedWorkIsFlushedWithinTheIntervalAndSurvivesACleanStop) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  options.store.durability = Durability::kAsync;
  options.writer.flush_interval_ms = 5;
  uint64_t hash = 0;
  {
    auto host = OpenHost(options, kT0);
    Populate(*host);
    hash = host->engine().StateHash();
    for (int i = 0; i < 1000 && host->writer().counters().syncs.load() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_GT(host->writer().counters().syncs.load(), 0u);
  }
  RecoveryReport report;
  auto host = OpenHost(options, kT0 + 1, &report);
  EXPECT_EQ(report.state_hash, hash);
}

TEST(Format, ANewerFormatIsRefusedWithAClearMessage) {
  TempDir dir;
  { auto host = OpenHost(Options(dir.str()), kT0); }
  {  // Rewrite the version as a future hitd would.
    MDB_env* env = nullptr;
    ASSERT_EQ(mdb_env_create(&env), 0);
    mdb_env_set_maxdbs(env, 32);
    ASSERT_EQ(mdb_env_open(env, dir.str().c_str(), 0, 0600), 0);
    MDB_txn* txn = nullptr;
    MDB_dbi meta;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "meta", 0, &meta), 0);
    uint8_t v[8] = {0, 0, 0, 0, 0, 0, 0, 2};
    MDB_val k{14, const_cast<char*>("format_version")}, val{8, v};
    ASSERT_EQ(mdb_put(txn, meta, &k, &val, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  std::string error;
  StoreOptions options;
  options.dir = dir.str();
  EXPECT_EQ(Store::Open(options, &error), nullptr);
  EXPECT_NE(error.find("format version 2, newer than this hitd understands (1)"), std::string::npos)
      << error;
}

TEST(Format, ADirectoryWithForeignDataIsRefused) {
  TempDir dir;
  {
    MDB_env* env = nullptr;
    ASSERT_EQ(mdb_env_create(&env), 0);
    mdb_env_set_maxdbs(env, 32);
    std::filesystem::create_directories(dir.str());
    ASSERT_EQ(mdb_env_open(env, dir.str().c_str(), 0, 0600), 0);
    MDB_txn* txn = nullptr;
    MDB_dbi hits;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    ASSERT_EQ(mdb_dbi_open(txn, "hits", MDB_CREATE, &hits), 0);
    MDB_val k{3, const_cast<char*>("key")}, v{3, const_cast<char*>("val")};
    ASSERT_EQ(mdb_put(txn, hits, &k, &v, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  std::string error;
  StoreOptions options;
  options.dir = dir.str();
  EXPECT_EQ(Store::Open(options, &error), nullptr);
  EXPECT_NE(error.find("has records but no format version"), std::string::npos) << error;
}

TEST(Format, AStoreLeftHalfMadeByACrashIsMadeAgain) {
  TempDir dir;
  std::filesystem::create_directories(dir.str(".creating"));
  {  // what a crash during creation leaves: a side directory, no data.mdb in place
    std::FILE* f = std::fopen(dir.str(".creating/data.mdb").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("not a store", f);
    std::fclose(f);
  }
  auto host = OpenHost(Options(dir.str()), kT0);
  ASSERT_NE(host, nullptr);
  EXPECT_FALSE(std::filesystem::exists(dir.str(".creating")));
  EXPECT_TRUE(std::filesystem::exists(dir.str("data.mdb")));
}

}  // namespace
}  // namespace hitd::store::test
