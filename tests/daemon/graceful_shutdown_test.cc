// The real program: build/<preset>/net/hitd run as a child on a free port (learned from
// its `event=ready listen=HOST:PORT` log line), changed over the wire, stopped with
// SIGTERM (it must drain and exit 0), and started again on the same data directory,
// where every acknowledged change must still be.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "tests/daemon/child_program.h"
#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;
using engine::ErrorCode;

#ifndef HITD_PROGRAM
#error "HITD_PROGRAM (the path of the hitd program) must be defined by CMake"
#endif

// hitd on `data_dir`, with its port and admin credentials once it is ready.
struct RunningDaemon {
  std::unique_ptr<ChildProgram> child;
  uint16_t port = 0;
  client::Credentials admin;
};

RunningDaemon StartDaemon(const std::string& data_dir) {
  RunningDaemon d;
  std::string error;
  d.child = ChildProgram::Start({HITD_PROGRAM, "--listen", "127.0.0.1:0", "--metrics-listen",
                                 "127.0.0.1:0", "--data-dir", data_dir},
                                &error);
  EXPECT_NE(d.child, nullptr) << error;
  if (d.child == nullptr) return d;
  const std::optional<std::string> ready = d.child->WaitForStderrLine("event=ready", 30'000);
  EXPECT_TRUE(ready.has_value()) << "hitd did not report ready; its stderr:\n" << d.child->err();
  if (!ready) return d;
  // "event=ready listen=127.0.0.1:PORT metrics_listen=...". (No std::regex: GCC 12 warns
  // inside <regex> under the asan preset's -O1, and warnings are errors.)
  constexpr std::string_view kListen = " listen=127.0.0.1:";
  const size_t at = ready->find(kListen);
  EXPECT_NE(at, std::string::npos) << *ready;
  if (at == std::string::npos) return d;
  const int port = std::atoi(ready->c_str() + at + kListen.size());
  EXPECT_GT(port, 0) << *ready;
  if (port <= 0) return d;
  d.port = static_cast<uint16_t>(port);
  EXPECT_TRUE(client::LoadCredentials(data_dir + "/admin.credentials", &d.admin, &error)) << error;
  return d;
}

client::Options OptionsFor(const RunningDaemon& d, const client::Credentials& c) {
  client::Options o;
  o.port = d.port;
  o.credentials = c;
  o.reconnect = false;
  o.request_timeout_ms = 10'000;
  return o;
}

// SIGTERM, then the exit status within a deadline.
void ExpectTermExitsZero(RunningDaemon& d) {
  d.child->Signal(SIGTERM);
  const std::optional<int> status = d.child->WaitExit(30'000);
  ASSERT_TRUE(status.has_value()) << "hitd did not exit after SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
      << "raw wait status " << *status << "; stderr:\n"
      << d.child->err();
}

TEST(GracefulShutdown, SigtermExitsZeroAndARestartKeepsTheChange) {
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  engine::AccountId made;
  {
    RunningDaemon d = StartDaemon(data);
    ASSERT_NE(d.port, 0);
    client::BlockingClient admin(OptionsFor(d, d.admin));
    const client::SecretHash hash = client::HashSecret(client::NewSecret());
    const client::Answer created =
        admin.Call(Command(engine::CreateAccount{engine::Role::kRequester, "durable", Country("US"),
                                                 std::string(hash.begin(), hash.end())}));
    ASSERT_TRUE(Ok(created));
    made = created.reply<engine::AccountView>().account.id;
    ASSERT_TRUE(Ok(admin.Call(Command(engine::Deposit{made, engine::Cents(1234)}))));
    admin.Close();
    ExpectTermExitsZero(d);
  }
  RunningDaemon again = StartDaemon(data);
  ASSERT_NE(again.port, 0);
  client::BlockingClient admin(OptionsFor(again, again.admin));
  const client::Answer account = admin.Call(Command(engine::GetAccount{made}));
  ASSERT_TRUE(Ok(account)) << "the account made before the restart";
  EXPECT_EQ(account.reply<engine::AccountView>().name, "durable");
  EXPECT_EQ(account.reply<engine::AccountView>().account.available, engine::Cents(1234));
  const client::Answer stats = admin.Call(Command(engine::GetStats{}));
  ASSERT_TRUE(Ok(stats));
  EXPECT_EQ(stats.reply<engine::Stats>().deposits, engine::Cents(1234));
  EXPECT_EQ(stats.reply<engine::Stats>().imbalance, engine::Cents(0));
  admin.Close();
  ExpectTermExitsZero(again);
}

// SIGTERM while a pipelined stream of deposits is in flight: every deposit acknowledged
// before the daemon went away is in the store after the restart, and the daemon still
// exits 0.
TEST(GracefulShutdown, AcknowledgedChangesSurviveASigtermInTheMiddleOfAStream) {
  TempDir dir;
  const std::string data = (dir.path() / "data").string();
  RunningDaemon d = StartDaemon(data);
  ASSERT_NE(d.port, 0);
  engine::AccountId requester;
  {
    client::BlockingClient admin(OptionsFor(d, d.admin));
    const client::SecretHash hash = client::HashSecret(client::NewSecret());
    const client::Answer created = admin.Call(
        Command(engine::CreateAccount{engine::Role::kRequester, "streamed", Country("US"),
                                      std::string(hash.begin(), hash.end())}));
    ASSERT_TRUE(Ok(created));
    requester = created.reply<engine::AccountView>().account.id;
  }
  boost::asio::io_context io;
  auto client = client::Client::Create(io, OptionsFor(d, d.admin));
  int64_t acknowledged_cents = 0;
  size_t answered = 0;
  const size_t kDeposits = 400;
  for (size_t i = 0; i < kDeposits; ++i) {
    client->Call(Command(engine::Deposit{requester, engine::Cents(1)}), [&](client::Answer a) {
      ++answered;
      if (a.ok()) ++acknowledged_cents;
    });
  }
  // Signal once the first answers are back, so that the stop meets work in flight.
  while (answered == 0) io.run_one_for(std::chrono::milliseconds(20));
  d.child->Signal(SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (answered < kDeposits && Clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(answered, kDeposits) << "every request is answered (ok, or UNAVAILABLE)";
  const std::optional<int> status = d.child->WaitExit(30'000);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << d.child->err();
  client->Close();

  RunningDaemon again = StartDaemon(data);
  ASSERT_NE(again.port, 0);
  client::BlockingClient admin(OptionsFor(again, again.admin));
  const client::Answer account = admin.Call(Command(engine::GetAccount{requester}));
  ASSERT_TRUE(Ok(account));
  EXPECT_GE(account.reply<engine::AccountView>().account.available.value, acknowledged_cents)
      << "an acknowledged deposit was lost";
  admin.Close();
  ExpectTermExitsZero(again);
}

// In-process: Stop tells every connection why it ends (Goodbye UNAVAILABLE: a
// shutdown) before closing it, whether it is idle or subscribed.
using StopInProcess = DaemonTest;

TEST_F(StopInProcess, ConnectedClientsGetGoodbyeUnavailable) {
  auto idle = RawAdmin();
  const TestAccount requester = CreateAccount(engine::Role::kRequester, "stopping");
  RawConnection subscribed(port());
  ASSERT_EQ(subscribed.Handshake(requester.credentials).code, ErrorCode::kOk);
  const ServerMessage ok = subscribed.Call(1, net::DaemonCommand(net::SubscribeEvents{0}));
  ASSERT_TRUE(ok.is_response(1, ErrorCode::kOk)) << ok.Describe();
  StopServer();
  for (RawConnection* raw : {idle.get(), &subscribed}) {
    ServerMessage goodbye;
    EXPECT_TRUE(raw->WaitClosed(5'000, &goodbye)) << "closed by the stop";
    EXPECT_TRUE(goodbye.is_goodbye(ErrorCode::kUnavailable)) << goodbye.Describe();
  }
}

}  // namespace
}  // namespace hitd::daemon_test
