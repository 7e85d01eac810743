// ops/systemd/hitd.service: the hardening the deployment relies on is there, and its
// ExecStart passes only flags hitd has. (systemd-analyze verify needs systemd, which a
// container may lack; RUNBOOK.md has it as an install step.)
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>

#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

// KEY -> every value it is given, across sections.
std::multimap<std::string, std::string> UnitSettings() {
  std::multimap<std::string, std::string> settings;
  std::istringstream in(ReadFile(SourceDir() / "ops/systemd/hitd.service"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    settings.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  return settings;
}

std::string Only(const std::multimap<std::string, std::string>& settings, const std::string& key) {
  EXPECT_EQ(settings.count(key), 1u) << key;
  const auto it = settings.find(key);
  return it == settings.end() ? "" : it->second;
}

TEST(SystemdUnit, IsHardened) {
  const auto s = UnitSettings();
  EXPECT_EQ(Only(s, "ProtectSystem"), "strict");
  EXPECT_EQ(Only(s, "ProtectHome"), "yes");
  EXPECT_EQ(Only(s, "PrivateTmp"), "yes");
  EXPECT_EQ(Only(s, "NoNewPrivileges"), "yes");
  EXPECT_EQ(Only(s, "CapabilityBoundingSet"), "");
  EXPECT_EQ(Only(s, "RestrictAddressFamilies"), "AF_INET AF_INET6 AF_UNIX");
  EXPECT_EQ(Only(s, "MemoryDenyWriteExecute"), "yes");
  EXPECT_EQ(s.find("SystemCallFilter")->second, "@system-service");
  EXPECT_NE(Only(s, "User"), "root");
  EXPECT_EQ(Only(s, "StateDirectory").rfind("hitd", 0), 0u);
  EXPECT_FALSE(Only(s, "LimitNOFILE").empty());
}

TEST(SystemdUnit, StopsBySigtermWithTimeForTheDrainAndRestartsOnFailure) {
  const auto s = UnitSettings();
  EXPECT_EQ(Only(s, "KillSignal"), "SIGTERM");
  EXPECT_GE(std::stoi(Only(s, "TimeoutStopSec")), 10);
  EXPECT_EQ(Only(s, "Restart"), "on-failure");
}

TEST(SystemdUnit, ExecStartPassesOnlyFlagsHitdHas) {
  const std::string exec = Only(UnitSettings(), "ExecStart");
  EXPECT_NE(exec.find("--config /etc/hitd/hitd.toml"), std::string::npos) << exec;
  EXPECT_NE(exec.find("--data-dir /var/lib/hitd"), std::string::npos) << exec;
  const RunResult help = RunProgram({HitdProgram(), "--help"});
  ASSERT_EQ(help.status, 0) << help.output;
  static const std::regex kFlag(R"(--[a-z][a-z-]*)");
  for (auto it = std::sregex_iterator(exec.begin(), exec.end(), kFlag);
       it != std::sregex_iterator(); ++it) {
    EXPECT_NE(help.output.find(it->str()), std::string::npos) << it->str() << " is no flag";
  }
}

}  // namespace
}  // namespace hitd::ops_test
