// store::WriterOptions::on_commit (the source of hitd_commit_seconds): the store thread
// calls it once per successful group commit, with the commit's duration, and not for a
// commit that failed.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "tests/store/store_fixture.h"

namespace hitd::store::test {
namespace {

engine::Command NewWorker(const std::string& name) {
  engine::CreateAccount c;
  c.role = engine::Role::kWorker;
  c.name = name;
  c.locale = engine::test::kUS;
  c.secret_hash = std::string(32, 'h');
  return engine::Command(c);
}

TEST(StoreWriterOnCommit, IsCalledOncePerSuccessfulCommitWithItsDuration) {
  TempDir dir;
  HostOptions options = Options(dir.str());
  auto calls = std::make_shared<std::atomic<uint64_t>>(0);
  auto total_ns = std::make_shared<std::atomic<int64_t>>(0);
  options.writer.on_commit = [calls, total_ns](int64_t ns) {
    calls->fetch_add(1);
    total_ns->fetch_add(ns);
  };
  auto fail_at = std::make_shared<std::atomic<uint64_t>>(UINT64_MAX);
  options.writer.probe_interval_ms = 1;
  options.writer.fail_commit = [fail_at](uint64_t n) { return n >= fail_at->load() ? ENOSPC : 0; };
  auto host = OpenHost(options, kT0);
  ASSERT_NE(host, nullptr);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Do(*host, engine::kBootstrapAdmin, kT0, NewWorker("w" + std::to_string(i))).status,
              BatchStatus::kDurable);
  }
  const WriterCounters& c = host->writer().counters();
  EXPECT_EQ(calls->load(), c.commits.load());
  EXPECT_GE(calls->load(), 3u);
  EXPECT_EQ(total_ns->load(), static_cast<int64_t>(c.commit_ns_total.load()));
  // A commit that fails for lack of space is not a commit.
  const uint64_t before = calls->load();
  fail_at->store(c.commits.load() + 1);
  EXPECT_EQ(Do(*host, engine::kBootstrapAdmin, kT0, NewWorker("lost")).status,
            BatchStatus::kDiskFull);
  EXPECT_EQ(calls->load(), before);
  fail_at->store(UINT64_MAX);  // room again: the engine rolls back and the store resumes
  std::string error;
  EXPECT_TRUE(host->Maintain(&error)) << error;
  // The next write after the probe that finds room is a commit again.
  for (int i = 0; i < 2000 && host->writer().health() != Health::kOk; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(host->writer().health(), Health::kOk);
  const Answer again = Do(*host, engine::kBootstrapAdmin, kT0, NewWorker("again"));
  EXPECT_TRUE(again.result.ok());
  EXPECT_EQ(again.status, BatchStatus::kDurable);
  EXPECT_EQ(calls->load(), before + 1);
  EXPECT_EQ(calls->load(), c.commits.load());
}

}  // namespace
}  // namespace hitd::store::test
