// hitctl against the daemon under test, run as the program it is ($<TARGET_FILE:hitctl>):
// `hitctl demo` plays a whole marketplace and its --json summary must add up (and agree
// with what the daemon itself says); single operations exit 0 with their answer as
// JSON, or exit with the error's code number and name it on stderr.
#include <gtest/gtest.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/daemon/child_program.h"
#include "tests/daemon/daemon_fixture.h"

namespace hitd::daemon_test {
namespace {

#ifndef HITCTL_PROGRAM
#error "HITCTL_PROGRAM (the path of the hitctl program) must be defined by CMake"
#endif

using engine::Command;
namespace pt = boost::property_tree;

class Hitctl : public DaemonTest {
 protected:
  std::string Server() const { return "127.0.0.1:" + std::to_string(port()); }

  // Writes credentials to a file hitctl can read (mode 0600).
  std::string CredentialsFile(const client::Credentials& c, const std::string& name) {
    const std::string path = (data_dir() / (name + ".credentials")).string();
    std::string error;
    EXPECT_TRUE(client::SaveCredentials(path, c, &error)) << error;
    return path;
  }

  RunResult RunHitctl(const std::string& credentials, std::vector<std::string> args) {
    std::vector<std::string> argv = {HITCTL_PROGRAM, "--server", Server(), "--credentials",
                                     credentials};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(argv, 60'000);
  }

  std::string AdminFile() const { return server().admin_credentials_path(); }
};

pt::ptree ParseJson(const std::string& text) {
  pt::ptree tree;
  std::istringstream in(text);
  try {
    pt::read_json(in, tree);
  } catch (const pt::json_parser_error& e) {
    ADD_FAILURE() << "not JSON: " << e.what() << "\n" << text;
  }
  return tree;
}

int64_t Int(const pt::ptree& tree, const std::string& path) {
  return tree.get<int64_t>(path, INT64_MIN);
}

TEST_F(Hitctl, DemoExitsZeroAndItsSummaryAddsUp) {
  const RunResult run = RunHitctl(AdminFile(), {"--json", "demo"});
  ASSERT_EQ(run.exit_code, 0) << "stdout:\n" << run.out << "\nstderr:\n" << run.err;
  const pt::ptree summary = ParseJson(run.out);
  const int64_t deposit = Int(summary, "deposit_cents");
  const int64_t available = Int(summary, "requester.available_cents");
  const int64_t escrow = Int(summary, "requester.escrow_cents");
  const int64_t paid = Int(summary, "paid_to_workers_cents");
  const int64_t fees = Int(summary, "platform_fees_cents");
  ASSERT_GT(deposit, 0) << run.out;
  ASSERT_NE(available, INT64_MIN) << run.out;
  ASSERT_NE(escrow, INT64_MIN) << run.out;
  EXPECT_EQ(available + escrow + paid + fees, deposit) << "the demo's books";
  EXPECT_GT(paid, 0) << "the demo pays a worker";
  EXPECT_GT(fees, 0) << "and the platform its fee";
  EXPECT_EQ(Int(summary, "ledger_imbalance_cents"), 0);
  EXPECT_EQ(summary.get<std::string>("balanced", ""), "true");

  // The daemon agrees with the summary.
  const int64_t requester = Int(summary, "requester.account_id");
  const client::Answer account = admin().Call(
      Command(engine::GetAccount{engine::AccountId(static_cast<uint64_t>(requester))}));
  ASSERT_TRUE(Ok(account));
  EXPECT_EQ(account.reply<engine::AccountView>().account.available.value, available);
  EXPECT_EQ(account.reply<engine::AccountView>().account.escrow.value, escrow);
  int64_t earned = 0;
  for (const auto& [key, worker] : summary.get_child("workers")) {
    const int64_t id = Int(worker, "account_id");
    const client::Answer w =
        admin().Call(Command(engine::GetAccount{engine::AccountId(static_cast<uint64_t>(id))}));
    ASSERT_TRUE(Ok(w));
    earned += w.reply<engine::AccountView>().account.earned.value;
  }
  EXPECT_EQ(earned, paid) << "what the workers earned is what the demo says it paid";
  const engine::Stats stats = Stats();
  EXPECT_EQ(stats.imbalance, engine::Cents(0));
  EXPECT_EQ(stats.deposits.value, deposit) << "the demo's deposit is the daemon's only one";
}

TEST_F(Hitctl, DemoRunsAgainOnTheSameDaemon) {
  ASSERT_EQ(RunHitctl(AdminFile(), {"--json", "demo"}).exit_code, 0);
  const RunResult again = RunHitctl(AdminFile(), {"--json", "demo"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Stats().imbalance, engine::Cents(0));
}

TEST_F(Hitctl, DemoNeedsAnAdmin) {
  const TestAccount worker = CreateAccount(engine::Role::kWorker, "not-an-admin");
  const RunResult run = RunHitctl(CredentialsFile(worker.credentials, "worker"), {"demo"});
  EXPECT_EQ(run.exit_code, 4) << "PERMISSION_DENIED's number; stderr:\n" << run.err;
  EXPECT_NE(run.err.find("PERMISSION_DENIED"), std::string::npos) << run.err;
}

TEST_F(Hitctl, GetAccountBalancePrintsTheBalanceAsJson) {
  const TestAccount requester =
      CreateAccount(engine::Role::kRequester, "ctl-requester", engine::Cents(4321));
  const RunResult run = RunHitctl(CredentialsFile(requester.credentials, "requester"),
                                  {"--json", "get-account-balance"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const pt::ptree balance = ParseJson(run.out);
  EXPECT_EQ(Int(balance, "available_cents"), 4321) << run.out;
  EXPECT_EQ(Int(balance, "escrow_cents"), 0) << run.out;
}

TEST_F(Hitctl, NotFoundExitsWithItsCodeAndNamesIt) {
  const TestAccount requester =
      CreateAccount(engine::Role::kRequester, "ctl-missing", engine::Cents(100));
  const RunResult run = RunHitctl(CredentialsFile(requester.credentials, "missing"),
                                  {"--json", "get-hit", "--hit-id", "999999"});
  EXPECT_EQ(run.exit_code, 2) << "NOT_FOUND's number; stdout:\n"
                              << run.out << "\nstderr:\n"
                              << run.err;
  EXPECT_NE(run.err.find("NOT_FOUND"), std::string::npos) << run.err;
}

TEST_F(Hitctl, UnreachableDaemonExitsUnavailable) {
  std::vector<std::string> argv = {HITCTL_PROGRAM,  "--server",  "127.0.0.1:1",
                                   "--credentials", AdminFile(), "get-account-balance"};
  const RunResult run = RunProgram(argv, 60'000);
  EXPECT_EQ(run.exit_code, 12) << "UNAVAILABLE's number; stderr:\n" << run.err;
}

}  // namespace
}  // namespace hitd::daemon_test
