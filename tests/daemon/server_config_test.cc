// hitd's configuration (net/server/config.h): flags, the TOML file, which wins, and the
// refusals that make hitd exit 2.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "net/server/config.h"
#include "tests/daemon/daemon_fixture.h"

namespace hitd::daemon_test {
namespace {

int Parse(std::vector<std::string> args, server::CommandLine* out) {
  args.insert(args.begin(), "hitd");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return server::ParseCommandLine(static_cast<int>(argv.size()), argv.data(), out);
}

std::string WriteFile(const TempDir& dir, const std::string& text) {
  const std::string path = (dir.path() / "hitd.toml").string();
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfig, DefaultsAreTheDesignsAddresses) {
  server::CommandLine c;
  ASSERT_EQ(Parse({}, &c), -1);
  EXPECT_EQ(c.server.listen, "127.0.0.1:7400");
  EXPECT_EQ(c.server.data_dir, "./var");
  EXPECT_EQ(c.server.durability, store::Durability::kSync);
  EXPECT_EQ(c.log_level, "info");
}

TEST(ServerConfig, FlagsOverrideTheFile) {
  TempDir dir;
  const std::string path = WriteFile(dir,
                                     "listen = \"127.0.0.1:9000\"\n"
                                     "durability = \"async\"\n"
                                     "max_connections = 7\n"
                                     "idle_timeout_ms = 1234\n");
  server::CommandLine c;
  ASSERT_EQ(Parse({"--config", path, "--listen", "127.0.0.1:0", "--max-connections", "9"}, &c), -1);
  EXPECT_EQ(c.server.listen, "127.0.0.1:0");
  EXPECT_EQ(c.server.max_connections, 9u);
  EXPECT_EQ(c.server.durability, store::Durability::kAsync);
  EXPECT_EQ(c.server.idle_timeout_ms, 1234);
}

TEST(ServerConfig, UnknownTomlKeyExitsTwo) {
  TempDir dir;
  server::CommandLine c;
  EXPECT_EQ(Parse({"--config", WriteFile(dir, "no_such_setting = 1\n")}, &c), 2);
}

TEST(ServerConfig, WrongTypeOrRangeExitsTwo) {
  TempDir dir;
  server::CommandLine c;
  EXPECT_EQ(Parse({"--config", WriteFile(dir, "max_connections = \"many\"\n")}, &c), 2);
  EXPECT_EQ(Parse({"--durability", "sometimes"}, &c), 2);
  EXPECT_EQ(Parse({"--max-frame-bytes", "10"}, &c), 2);
  EXPECT_EQ(Parse({"--log-level", "loud"}, &c), 2);
}

}  // namespace
}  // namespace hitd::daemon_test
