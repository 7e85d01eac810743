// The daemon under test: hitd's Server run in-process on a free loopback port, in a
// fresh temporary data directory, with short deadlines, and an admin client connected
// with the credentials the daemon wrote on first start.
//
// DaemonTest is a GoogleTest fixture. A test that needs another configuration (a tiny
// connection cap, an idle timeout) derives a fixture and overrides Configure(). Accounts
// are created over the wire by the admin, each with its own fresh random secret, so
// every test talks to the daemon exactly as a client program would.
//
// Threads: the fixture runs on the test's thread; the daemon and each BlockingClient run
// their own.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>  // before Asio (client.h): Boost 1.74's awaitable.hpp needs std::exchange

#include "engine/commands.h"
#include "engine/errors.h"
#include "engine/replies.h"
// clang-format off
#include "net/protocol/frame.h"  // before client.h, which uses it without including it
#include "net/client/client.h"
// clang-format on
#include "net/server/server.h"

namespace hitd::engine {
// Readable failure messages for the values the daemon tests compare.
inline void PrintTo(ErrorCode code, std::ostream* os) { *os << ErrorCodeName(code); }
inline void PrintTo(Cents c, std::ostream* os) { *os << c.value << "c"; }
template <typename Tag>
void PrintTo(StrongId<Tag> id, std::ostream* os) {
  *os << "#" << id.value;
}
}  // namespace hitd::engine

namespace hitd::daemon_test {

class RawConnection;
using Clock = std::chrono::steady_clock;

// A directory under the system's temporary directory, removed with its content.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Polls `condition` every few milliseconds until it holds or `timeout_ms` passes; returns
// whether it held. Tests wait for what they expect this way, never by sleeping.
bool WaitUntil(const std::function<bool()>& condition, int64_t timeout_ms = 5'000);

// gtest: the answer succeeded (else its code, field and message).
::testing::AssertionResult Ok(const client::Answer& answer);
// gtest: the answer failed with `code`.
::testing::AssertionResult Fails(const client::Answer& answer, engine::ErrorCode code);

// "US", "IN".
engine::Locale Country(std::string_view two_letters);

// An account created over the wire, with the secret only its creator knows.
struct TestAccount {
  engine::AccountId id;
  engine::Role role = engine::Role::kWorker;
  client::Credentials credentials;
};

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The daemon's configuration: the fixture's short deadlines, then the test's changes.
  virtual void Configure(server::ServerConfig& /*config*/) {}

  uint16_t port() const { return server_->port(); }
  const server::Server& server() const { return *server_; }
  const std::filesystem::path& data_dir() const { return dir_.path(); }
  const client::Credentials& admin_credentials() const { return admin_credentials_; }
  client::BlockingClient& admin() { return *admin_; }

  client::Options OptionsFor(const client::Credentials& credentials) const;
  // A connected, authenticated client of `account` (asserts the handshake succeeded).
  std::unique_ptr<client::BlockingClient> Connect(const TestAccount& account);
  std::unique_ptr<client::BlockingClient> Connect(const client::Credentials& credentials);

  // Creates an account (a requester gets `deposit` on top), asserting success.
  TestAccount CreateAccount(engine::Role role, const std::string& name,
                            engine::Cents deposit = engine::Cents(0),
                            engine::Locale locale = Country("US"));
  // A raw connection (raw_connection.h) that has completed the handshake as the admin.
  std::unique_ptr<RawConnection> RawAdmin();
  // GetStats as the admin.
  engine::Stats Stats();
  // The daemon still serves a newcomer: a fresh connection authenticates (raw, by hand)
  // and reads; the admin's own connection still answers. Every hostile test ends here.
  void ExpectServedNormally();

  // Server::Stop, as a graceful shutdown would (TearDown's stop is then a no-op).
  void StopServer() { server_->Stop(); }
  // The server's config as started (after Configure).
  const server::ServerConfig& config() const { return config_; }

 private:
  TempDir dir_;
  server::ServerConfig config_;
  std::unique_ptr<server::Server> server_;
  client::Credentials admin_credentials_;
  std::unique_ptr<client::BlockingClient> admin_;
};

}  // namespace hitd::daemon_test
