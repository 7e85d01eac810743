#include "tests/daemon/daemon_fixture.h"

#include <stdlib.h>

#include <thread>

#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "hitd-daemon-XXXXXX").string();
  const char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool WaitUntil(const std::function<bool()>& condition, int64_t timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (condition()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

::testing::AssertionResult Ok(const client::Answer& answer) {
  if (answer.ok()) return ::testing::AssertionSuccess();
  const engine::Error e = answer.error();
  return ::testing::AssertionFailure()
         << engine::ErrorCodeName(e.code) << "(" << e.field << "): " << answer.message;
}

::testing::AssertionResult Fails(const client::Answer& answer, engine::ErrorCode code) {
  if (answer.ok()) {
    return ::testing::AssertionFailure() << "succeeded; expected " << engine::ErrorCodeName(code);
  }
  const engine::Error e = answer.error();
  if (e.code == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << engine::ErrorCodeName(e.code) << "(" << e.field << "); expected "
         << engine::ErrorCodeName(code) << ": " << answer.message;
}

engine::Locale Country(std::string_view two_letters) {
  engine::Locale l;
  l.country[0] = two_letters[0];
  l.country[1] = two_letters[1];
  return l;
}

void DaemonTest::SetUp() {
  config_.listen = "127.0.0.1:0";
  config_.metrics_listen = "127.0.0.1:0";
  config_.data_dir = (dir_.path() / "data").string();
  config_.map_size = uint64_t{64} << 20;
  // Short deadlines, so that the tests of deadlines finish quickly; long enough for a
  // loaded two-core machine to finish a well-formed handshake or frame.
  config_.handshake_timeout_ms = 1'000;
  config_.frame_timeout_ms = 1'000;
  config_.tick_interval_ms = 100;
  Configure(config_);

  std::string error;
  server_ = server::Server::Start(config_, &error);
  ASSERT_NE(server_, nullptr) << "Server::Start: " << error;
  ASSERT_NE(server_->port(), 0);
  ASSERT_TRUE(
      client::LoadCredentials(server_->admin_credentials_path(), &admin_credentials_, &error))
      << error;
  admin_ = Connect(admin_credentials_);
}

void DaemonTest::TearDown() {
  if (admin_) admin_->Close();
  admin_.reset();
  if (server_) server_->Stop();
  server_.reset();
}

client::Options DaemonTest::OptionsFor(const client::Credentials& credentials) const {
  client::Options options;
  options.host = "127.0.0.1";
  options.port = server_->port();
  options.credentials = credentials;
  options.client_name = "daemon_tests";
  options.request_timeout_ms = 10'000;
  return options;
}

std::unique_ptr<client::BlockingClient> DaemonTest::Connect(const TestAccount& account) {
  return Connect(account.credentials);
}

std::unique_ptr<client::BlockingClient> DaemonTest::Connect(
    const client::Credentials& credentials) {
  auto c = std::make_unique<client::BlockingClient>(OptionsFor(credentials));
  const engine::Error e = c->Connect();
  EXPECT_EQ(e.code, engine::ErrorCode::kOk)
      << "connecting as " << credentials.account_name << ": " << e.field;
  return c;
}

TestAccount DaemonTest::CreateAccount(engine::Role role, const std::string& name,
                                      engine::Cents deposit, engine::Locale locale) {
  TestAccount account;
  account.role = role;
  account.credentials.account_name = name;
  account.credentials.secret = client::NewSecret();
  const client::SecretHash hash = client::HashSecret(account.credentials.secret);
  engine::CreateAccount create;
  create.role = role;
  create.name = name;
  create.locale = locale;
  create.secret_hash.assign(hash.begin(), hash.end());
  const client::Answer made = admin_->Call(engine::Command(create));
  EXPECT_TRUE(Ok(made)) << "CreateAccount " << name;
  if (!made.ok()) return account;
  account.id = made.reply<engine::AccountView>().account.id;
  account.credentials.account_id = account.id;
  if (role == engine::Role::kRequester && deposit > engine::Cents(0)) {
    EXPECT_TRUE(Ok(admin_->Call(engine::Command(engine::Deposit{account.id, deposit}))));
  }
  return account;
}

engine::Stats DaemonTest::Stats() {
  const client::Answer a = admin_->Call(engine::Command(engine::GetStats{}));
  EXPECT_TRUE(Ok(a)) << "GetStats";
  if (!a.ok()) return engine::Stats{};
  return a.reply<engine::Stats>();
}

std::unique_ptr<RawConnection> DaemonTest::RawAdmin() {
  auto raw = std::make_unique<RawConnection>(port());
  const engine::Error e = raw->Handshake(admin_credentials_);
  EXPECT_EQ(e.code, engine::ErrorCode::kOk) << "raw handshake as the admin: " << e.field;
  return raw;
}

void DaemonTest::ExpectServedNormally() {
  RawConnection fresh(port());
  net::Welcome welcome;
  const engine::Error e = fresh.Handshake(admin_credentials_, &welcome);
  ASSERT_EQ(e.code, engine::ErrorCode::kOk) << "a fresh connection's handshake: " << e.field;
  EXPECT_EQ(welcome.account_id, admin_credentials_.account_id);
  EXPECT_EQ(welcome.role, engine::Role::kAdmin);
  const ServerMessage stats = fresh.Call(7, engine::Command(engine::GetStats{}));
  ASSERT_TRUE(stats.is_response(7, engine::ErrorCode::kOk)) << stats.Describe();
  EXPECT_EQ(std::get<engine::Result>(stats.answer).get<engine::Stats>().imbalance,
            engine::Cents(0));
  EXPECT_TRUE(Ok(admin_->Call(engine::Command(engine::GetStats{}))))
      << "the admin's own connection";
}

}  // namespace hitd::daemon_test
