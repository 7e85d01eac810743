// The daemon's log never holds a secret or its hash: everything it logs at trace level
// during a create-account, a handshake and a request error is captured, and the hex (in
// either case) of the account's secret and of its hash is in none of it. The lines are
// structured (key=value), and a request error names its connection, request, operation
// and code.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>
#include <string>

#include "tests/telemetry/telemetry_fixture.h"

namespace hitd::telemetry_test {
namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// Sends the default logger's output (every level) to a string for its lifetime.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("captured", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() {
    spdlog::default_logger()->flush();
    return out_.str();
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(TelemetryTest, NoSecretOrHashIsLoggedAndErrorsAreStructured) {
  std::string log;
  daemon_test::TestAccount worker;
  {
    CapturedLog captured;
    worker = CreateAccount(engine::Role::kWorker, "quiet-worker");
    std::unique_ptr<client::BlockingClient> w = Connect(worker);
    EXPECT_TRUE(daemon_test::Fails(w->Call(engine::Command(engine::GetHit{engine::HitId(777)})),
                                   engine::ErrorCode::kNotFound));
    w->Close();
    ASSERT_TRUE(daemon_test::WaitUntil(
        [&] { return captured.text().find("event=request_error") != std::string::npos; }));
    log = captured.text();
  }
  ASSERT_NE(log.find("event=welcome"), std::string::npos) << "the handshake was not logged:\n"
                                                          << log;
  const std::string secret = client::ToHex(worker.credentials.secret);
  const client::SecretHash hash = client::HashSecret(worker.credentials.secret);
  const std::string hash_hex = client::ToHex(hash);
  ASSERT_EQ(secret.size(), 64u);
  for (const std::string& needle : {secret, Upper(secret), hash_hex, Upper(hash_hex),
                                    secret.substr(0, 16), hash_hex.substr(0, 16)}) {
    EXPECT_EQ(log.find(needle), std::string::npos) << needle << " is in the log:\n" << log;
  }
  EXPECT_NE(log.find("op=get-hit code=NOT_FOUND"), std::string::npos) << log;
  EXPECT_NE(log.find("conn="), std::string::npos) << log;
  EXPECT_NE(log.find("req="), std::string::npos) << log;
}

}  // namespace
}  // namespace hitd::telemetry_test
