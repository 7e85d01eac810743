// The telemetry endpoint's HTTP behaviour: /healthz, /readyz, 404 and 405, and its
// limits: a slow client (half a request, then nothing) is closed at the read deadline
// while the binary protocol answers normally meanwhile; an oversized header is refused;
// past the connection cap a connection is closed at once.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <string>
#include <utility>  // before Asio
#include <vector>

#include "tests/telemetry/telemetry_fixture.h"

namespace hitd::telemetry_test {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// A raw TCP connection to the endpoint whose reads give up after `timeout_s`.
class RawHttp {
 public:
  RawHttp(uint16_t port, int timeout_s) : socket_(io_) {
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval tv{timeout_s, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  void Send(const std::string& bytes) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(bytes), ec);
  }
  // Everything until the server closes (or the read timeout); `closed` says which.
  std::string ReadAll(bool* closed) {
    std::string out;
    char buffer[4096];
    for (;;) {
      boost::system::error_code ec;
      const size_t n = socket_.read_some(asio::buffer(buffer), ec);
      out.append(buffer, n);
      if (ec == asio::error::eof || ec == asio::error::connection_reset) {
        *closed = true;
        return out;
      }
      if (ec) {
        *closed = false;
        return out;
      }
    }
  }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
};

TEST_F(TelemetryTest, HealthzAndReadyzAnswerOkAndReady) {
  const HttpResult health = Http(metrics_port(), "/healthz");
  EXPECT_EQ(health.status, 200) << health.error;
  EXPECT_EQ(health.body, "ok");
  const HttpResult ready = Http(metrics_port(), "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.error;
  EXPECT_EQ(ready.body, "ready");
}

TEST_F(TelemetryTest, UnknownPathIs404AndOtherMethodsAre405) {
  EXPECT_EQ(Http(metrics_port(), "/nothing").status, 404);
  EXPECT_EQ(Http(metrics_port(), "/metrics?x=1").status, 200);
  EXPECT_EQ(Http(metrics_port(), "/metrics", "POST").status, 405);
  EXPECT_EQ(Http(metrics_port(), "/healthz", "DELETE").status, 405);
}

TEST_F(TelemetryTest, SlowClientIsClosedAtTheDeadlineWhileTheDaemonAnswers) {
  RawHttp slow(metrics_port(), 15);
  slow.Send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");  // and never the blank line
  const Clock::time_point start = Clock::now();
  // Meanwhile the binary protocol answers at once, and so does another scrape.
  for (int i = 0; i < 5; ++i) {
    const Clock::time_point call = Clock::now();
    EXPECT_TRUE(daemon_test::Ok(admin().Call(engine::Command(engine::GetStats{}))));
    EXPECT_LT(Clock::now() - call, std::chrono::seconds(2));
  }
  EXPECT_EQ(Http(metrics_port(), "/healthz").status, 200);
  bool closed = false;
  const std::string got = slow.ReadAll(&closed);
  const auto waited = Clock::now() - start;
  EXPECT_TRUE(closed) << "the slow client was not closed";
  EXPECT_EQ(got.find("200 OK"), std::string::npos) << "a half request was answered";
  EXPECT_GE(waited, std::chrono::seconds(4));
  EXPECT_LT(waited, std::chrono::seconds(12));
}

TEST_F(TelemetryTest, OversizedHeaderIsRefused) {
  RawHttp big(metrics_port(), 10);
  big.Send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + std::string(16 << 10, 'a') +
           "\r\n\r\n");
  bool closed = false;
  const std::string got = big.ReadAll(&closed);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(got.empty() || got.rfind("HTTP/1.1 431", 0) == 0) << got.substr(0, 80);
  EXPECT_EQ(got.find("hitd_ready"), std::string::npos);
  // The endpoint goes on, and the binary protocol never noticed.
  EXPECT_EQ(Http(metrics_port(), "/healthz").status, 200);
  EXPECT_TRUE(daemon_test::Ok(admin().Call(engine::Command(engine::GetStats{}))));
}

TEST_F(TelemetryTest, ConnectionsPastTheCapAreClosedAtOnce) {
  std::vector<std::unique_ptr<RawHttp>> idle;
  for (int i = 0; i < 64; ++i) idle.push_back(std::make_unique<RawHttp>(metrics_port(), 10));
  // Every one of them is accepted before the next test connection (accepts are in order).
  ASSERT_TRUE(daemon_test::WaitUntil([&] {
    RawHttp probe(metrics_port(), 2);
    bool closed = false;
    const Clock::time_point start = Clock::now();
    (void)probe.ReadAll(&closed);
    return closed && Clock::now() - start < std::chrono::seconds(1);
  }));
  idle.clear();
  ASSERT_TRUE(
      daemon_test::WaitUntil([&] { return Http(metrics_port(), "/healthz").status == 200; }));
}

}  // namespace
}  // namespace hitd::telemetry_test
