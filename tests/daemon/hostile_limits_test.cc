// Hostile use of the daemon's capacity (server.h, ServerConfig): a client that never
// reads its answers, more connections than the cap, a connection that says nothing.
// Each fixture shrinks the one limit it tests, so the limit is reached in milliseconds;
// each test ends with the daemon serving a fresh connection normally.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <vector>

#include "engine/limits.h"
#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::ErrorCode;

// True once the daemon has dropped the connection: the kernel has seen its reset, or a
// write draws one.
bool PeerGone(RawConnection& raw, const std::vector<uint8_t>& probe) {
  tcp_info info{};
  socklen_t len = sizeof(info);
  if (::getsockopt(raw.native_handle(), IPPROTO_TCP, TCP_INFO, &info, &len) == 0 &&
      info.tcpi_state == TCP_CLOSE) {
    return true;
  }
  return !raw.TryWrite(probe);
}

class NeverReadingClient : public DaemonTest {
 protected:
  void Configure(server::ServerConfig& config) override { config.max_unsent_bytes = 256 << 10; }
};

TEST_F(NeverReadingClient, IsDisconnectedAndTheDaemonGoesOn) {
  const TestAccount requester =
      CreateAccount(engine::Role::kRequester, "big-question", engine::Cents(10'000));
  auto client = Connect(requester);
  engine::CreateHit create;
  create.type.title = "Read a long text";
  create.type.description = "Long";
  create.type.reward = engine::Cents(10);
  create.type.assignment_duration = engine::Seconds(600);
  create.hit.lifetime = engine::Seconds(3600);
  create.hit.question = std::string(engine::limits::kQuestionMax, 'q');
  const client::Answer created = client->Call(engine::Command(create));
  ASSERT_TRUE(Ok(created));
  const engine::HitId hit = created.reply<engine::HitCreated>().hit;

  // Each GetHit answer carries the 64 KiB question: 400 of them are 26 MB, far more
  // than the daemon may hold for a client (256 KiB here) plus the kernel's buffers.
  RawConnection raw(port(), /*receive_buffer_bytes=*/4096);
  ASSERT_EQ(raw.Handshake(requester.credentials).code, ErrorCode::kOk);
  std::vector<uint8_t> burst;
  for (uint64_t id = 1; id <= 400; ++id) {
    const std::vector<uint8_t> frame = RequestFrame(id, engine::Command(engine::GetHit{hit}));
    burst.insert(burst.end(), frame.begin(), frame.end());
  }
  raw.Write(burst);  // may fail part way: the daemon may already have closed it
  const std::vector<uint8_t> probe =
      RequestFrame(1'000, engine::Command(engine::GetAccountBalance{}));
  EXPECT_TRUE(WaitUntil([&] { return PeerGone(raw, probe); }, 15'000))
      << "a client that does not read must be disconnected";

  ExpectServedNormally();
  EXPECT_TRUE(Ok(client->Call(engine::Command(engine::GetHit{hit}))))
      << "the requester's other connection is unaffected";
}

class ConnectionCap : public DaemonTest {
 protected:
  // The fixture's admin client holds one of the three.
  void Configure(server::ServerConfig& config) override { config.max_connections = 3; }
};

TEST_F(ConnectionCap, OneMoreGetsGoodbyeResourceExhaustedAndAFreedSlotIsReused) {
  auto first = RawAdmin();
  auto second = RawAdmin();
  {
    RawConnection extra(port());
    ServerMessage goodbye;
    ASSERT_TRUE(extra.WaitClosed(5'000, &goodbye)) << "the connection over the cap is closed";
    EXPECT_TRUE(goodbye.is_goodbye(ErrorCode::kResourceExhausted)) << goodbye.Describe();
  }
  // The connections inside the cap are unaffected.
  const ServerMessage stats = second->Call(5, engine::Command(engine::GetStats{}));
  EXPECT_TRUE(stats.is_response(5, ErrorCode::kOk)) << stats.Describe();

  first.reset();  // frees a slot, once the daemon notices
  EXPECT_TRUE(WaitUntil(
      [&] {
        RawConnection again(port());
        return again.Handshake(admin_credentials()).code == ErrorCode::kOk;
      },
      5'000))
      << "a closed connection's slot is given to the next";
  second.reset();
  ExpectServedNormally();
}

class IdleTimeout : public DaemonTest {
 protected:
  void Configure(server::ServerConfig& config) override { config.idle_timeout_ms = 500; }
};

TEST_F(IdleTimeout, SilentConnectionIsClosed) {
  auto raw = RawAdmin();
  const ServerMessage first = raw->Call(1, engine::Command(engine::GetStats{}));
  ASSERT_TRUE(first.is_response(1, ErrorCode::kOk)) << first.Describe();
  ServerMessage goodbye;
  ASSERT_TRUE(raw->WaitClosed(config().idle_timeout_ms + 5'000, &goodbye))
      << "a connection that sends nothing for the idle timeout is closed";
  if (goodbye.is(schema::ServerBody::Goodbye)) {
    EXPECT_EQ(goodbye.error.code, ErrorCode::kUnavailable) << "a missed deadline: UNAVAILABLE";
  }
  ExpectServedNormally();
}

TEST_F(IdleTimeout, SubscribedConnectionIsClosedToo) {
  const TestAccount requester = CreateAccount(engine::Role::kRequester, "idle-subscriber");
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(requester.credentials).code, ErrorCode::kOk);
  const ServerMessage subscribed = raw.Call(1, net::DaemonCommand(net::SubscribeEvents{0}));
  ASSERT_TRUE(subscribed.is_response(1, ErrorCode::kOk)) << subscribed.Describe();
  ASSERT_TRUE(raw.WaitClosed(config().idle_timeout_ms + 5'000))
      << "subscribed connections are closed when idle too (server.h)";
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
