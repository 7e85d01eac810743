// ops/hitd.example.toml names every setting hitd has, and hitd starts and serves with it
// (its addresses and data directory overridden by flags, as the systemd unit does for the
// data directory), then drains and exits 0 on SIGTERM.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "tests/ops/market.h"
#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

std::string ExampleConfig() { return (SourceDir() / "ops/hitd.example.toml").string(); }

std::set<std::string> ExampleKeys() {
  static const std::regex kKey(R"(^([a-z_]+) *= )");
  std::set<std::string> keys;
  std::istringstream in(ReadFile(ExampleConfig()));
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, kKey)) keys.insert(m[1].str());
  }
  return keys;
}

// Every --flag of `hitd --help` but --help and --config, as a TOML key.
std::set<std::string> HitdSettings() {
  const RunResult help = RunProgram({HitdProgram(), "--help"});
  EXPECT_EQ(help.status, 0) << help.output;
  static const std::regex kFlag(R"(--([a-z][a-z-]*))");
  std::set<std::string> keys;
  for (auto it = std::sregex_iterator(help.output.begin(), help.output.end(), kFlag);
       it != std::sregex_iterator(); ++it) {
    std::string key = (*it)[1].str();
    if (key == "help" || key == "config") continue;
    std::replace(key.begin(), key.end(), '-', '_');
    keys.insert(key);
  }
  return keys;
}

TEST(ExampleConfig, NamesEverySettingHitdHas) {
  const std::set<std::string> settings = HitdSettings();
  const std::set<std::string> keys = ExampleKeys();
  EXPECT_GE(settings.size(), 20u);
  for (const std::string& s : settings) EXPECT_EQ(keys.count(s), 1u) << s << " is missing";
  for (const std::string& k : keys) EXPECT_EQ(settings.count(k), 1u) << k << " is no setting";
}

TEST(ExampleConfig, EveryKeyIsCommented) {
  std::istringstream in(ReadFile(ExampleConfig()));
  std::string previous;
  for (std::string line; std::getline(in, line); previous = line) {
    if (line.empty() || line[0] == '#') continue;
    EXPECT_EQ(previous.rfind("# ", 0), 0u) << "no comment above: " << line;
    EXPECT_NE(line.find(" = "), std::string::npos) << line;
  }
}

TEST(ExampleConfig, HitdStartsServesAndDrainsWithIt) {
  std::string error;
  std::unique_ptr<Hitd> hitd = Hitd::Start({"--config", ExampleConfig()}, &error);
  ASSERT_NE(hitd, nullptr) << error;
  EXPECT_NE(hitd->Log().find("durability=sync"), std::string::npos) << hitd->Log();
  auto admin = ConnectAdmin(hitd->credentials(), hitd->port(), &error);
  ASSERT_NE(admin, nullptr) << error << "\n" << hitd->Log();
  ASSERT_TRUE(CreateHits(*admin, hitd->port(), 1, &error)) << error;
  admin->Close();
  EXPECT_EQ(hitd->Stop(), 0) << hitd->Log();
  EXPECT_NE(hitd->Log().find("event=exit code=0"), std::string::npos) << hitd->Log();
}

// hitd refuses the file with one key misspelt, naming it: the example is really read.
TEST(ExampleConfig, HitdRefusesItWithAnUnknownKey) {
  TempDir dir;
  const auto bad = dir.path() / "bad.toml";
  WriteFile(bad, ReadFile(ExampleConfig()) + "\nmax_conections = 10\n");
  const RunResult run = RunProgram({HitdProgram(), "--config", bad.string(), "--listen",
                                    "127.0.0.1:0", "--data-dir", (dir.path() / "data").string()});
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_NE(run.output.find("max_conections"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace hitd::ops_test
