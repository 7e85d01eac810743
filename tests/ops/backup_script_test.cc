// ops/backup.sh against a running hitd: two runs with --keep 1 leave exactly one backup,
// the newer, holding data.mdb; a run that cannot reach hitd fails and deletes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

RunResult Backup(const Hitd& hitd, const fs::path& dest, const std::string& server = "") {
  std::vector<std::string> argv = {"bash",          (SourceDir() / "ops/backup.sh").string(),
                                   "--hitctl",      HitctlProgram(),
                                   "--credentials", hitd.credentials().string(),
                                   "--keep",        "1"};
  if (!server.empty()) argv.insert(argv.end(), {"--server", server});
  argv.push_back(dest.string());
  return RunProgram(argv);
}

// Backups are named by the second: wait for the next one.
void NextSecond() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto into = now - std::chrono::duration_cast<std::chrono::seconds>(now);
  std::this_thread::sleep_for(std::chrono::seconds(1) - into + std::chrono::milliseconds(20));
}

TEST(BackupScript, KeepsOnlyTheNewestWithItsStore) {
  std::string error;
  std::unique_ptr<Hitd> hitd = Hitd::Start({}, &error);
  ASSERT_NE(hitd, nullptr) << error;
  TempDir dest;

  const RunResult first = Backup(*hitd, dest.path());
  ASSERT_EQ(first.status, 0) << first.output;
  const std::vector<std::string> after_first = Entries(dest.path());
  ASSERT_EQ(after_first.size(), 1u) << first.output;
  NextSecond();
  const RunResult second = Backup(*hitd, dest.path());
  ASSERT_EQ(second.status, 0) << second.output;

  const std::vector<std::string> left = Entries(dest.path());
  ASSERT_EQ(left.size(), 1u) << ::testing::PrintToString(left);
  EXPECT_GT(left[0], after_first[0]) << "the older backup was kept";
  EXPECT_TRUE(std::regex_match(left[0], std::regex(R"(hitd-\d{8}T\d{6}Z)"))) << left[0];
  const fs::path data = dest.path() / left[0] / "data.mdb";
  ASSERT_TRUE(fs::is_regular_file(data)) << second.output;
  EXPECT_GT(fs::file_size(data), 0u);
  EXPECT_EQ(hitd->Stop(), 0) << hitd->Log();
}

TEST(BackupScript, FailsAndDeletesNothingWhenHitdCannotBeReached) {
  std::string error;
  std::unique_ptr<Hitd> hitd = Hitd::Start({}, &error);
  ASSERT_NE(hitd, nullptr) << error;
  TempDir dest;
  ASSERT_EQ(Backup(*hitd, dest.path()).status, 0);
  const std::vector<std::string> before = Entries(dest.path());
  NextSecond();

  const RunResult failed = Backup(*hitd, dest.path(), "127.0.0.1:" + std::to_string(FreePort()));
  EXPECT_NE(failed.status, 0) << failed.output;
  EXPECT_EQ(Entries(dest.path()), before) << failed.output;
  EXPECT_EQ(hitd->Stop(), 0) << hitd->Log();
}

}  // namespace
}  // namespace hitd::ops_test
