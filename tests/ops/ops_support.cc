#include "tests/ops/ops_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

extern char** environ;

namespace hitd::ops_test {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path SourceDir() { return HITD_SOURCE_DIR; }
// HITD_OPS_HITD and HITD_OPS_HITCTL run the tests against other builds (an installed
// /usr/local/bin/hitd, say) than the ones built with them.
std::string HitdProgram() {
  const char* other = std::getenv("HITD_OPS_HITD");
  return other != nullptr && *other != 0 ? other : HITD_PROGRAM;
}
std::string HitctlProgram() {
  const char* other = std::getenv("HITD_OPS_HITCTL");
  return other != nullptr && *other != 0 ? other : HITCTL_PROGRAM;
}
std::string PromtoolProgram() { return PROMTOOL_PROGRAM; }
std::string PrometheusProgram() { return PROMETHEUS_PROGRAM; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

TempDir::TempDir() {
  std::random_device random;
  for (;;) {
    path_ = fs::temp_directory_path() / ("hitd-ops-" + std::to_string(random()));
    if (fs::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

namespace {

// posix_spawnp with stdin from `in` (or /dev/null) and stdout+stderr to `out`.
pid_t Spawn(const std::vector<std::string>& argv, const fs::path& in, const fs::path& out,
            std::string* error) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string in_path = in.empty() ? "/dev/null" : in.string();
  const std::string out_path = out.string();
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // Each child in its own process group, so that a test's Ctrl-C does not reach it first.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    *error = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

// Waits for `pid` up to `timeout`; true with *status once reaped.
bool Reap(pid_t pid, std::chrono::milliseconds timeout, int* status) {
  bool reaped = false;
  WaitUntil(
      [&] {
        reaped = ::waitpid(pid, status, WNOHANG) == pid;
        return reaped;
      },
      timeout);
  return reaped;
}

int ExitStatus(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; }

}  // namespace

RunResult RunProgram(const std::vector<std::string>& argv, const std::string& input,
                     std::chrono::milliseconds timeout) {
  TempDir dir;
  RunResult result;
  fs::path in;
  if (!input.empty()) {
    in = dir.path() / "stdin";
    WriteFile(in, input);
  }
  std::string error;
  const pid_t pid = Spawn(argv, in, dir.path() / "output", &error);
  if (pid < 0) {
    result.output = error;
    return result;
  }
  int raw = 0;
  if (!Reap(pid, timeout, &raw)) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &raw, 0);
    result.output = "[timed out and killed]\n";
  }
  result.status = ExitStatus(raw);
  result.output += ReadFile(dir.path() / "output");
  return result;
}

std::unique_ptr<Child> Child::Start(const std::vector<std::string>& argv, const fs::path& log,
                                    std::string* error) {
  std::unique_ptr<Child> child(new Child());
  child->log_ = log;
  child->pid_ = Spawn(argv, {}, log, error);
  if (child->pid_ < 0) return nullptr;
  return child;
}

Child::~Child() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
  }
}

bool Child::Running() {
  if (reaped_) return false;
  int raw = 0;
  if (::waitpid(pid_, &raw, WNOHANG) == pid_) {
    reaped_ = true;
    status_ = ExitStatus(raw);
  }
  return !reaped_;
}

int Child::Stop(std::chrono::milliseconds timeout) {
  if (!Running()) return status_;
  ::kill(pid_, SIGTERM);
  int raw = 0;
  if (!Reap(pid_, timeout, &raw)) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &raw, 0);
    reaped_ = true;
    status_ = -1;
    return status_;
  }
  reaped_ = true;
  status_ = ExitStatus(raw);
  return status_;
}

std::string Child::Log() const { return ReadFile(log_); }

std::unique_ptr<Hitd> Hitd::Start(const std::vector<std::string>& extra, std::string* error) {
  std::unique_ptr<Hitd> hitd(new Hitd());
  hitd->metrics_port_ = FreePort();
  std::vector<std::string> argv = {HitdProgram(),
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--data-dir",
                                   hitd->data_dir().string(),
                                   "--metrics-listen",
                                   "127.0.0.1:" + std::to_string(hitd->metrics_port_)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  hitd->child_ = Child::Start(argv, hitd->dir_.path() / "hitd.log", error);
  if (hitd->child_ == nullptr) return nullptr;
  static const std::regex kReady(R"(event=ready listen=[^ ]*:(\d+) )");
  std::smatch match;
  std::string log;
  const bool ready = WaitUntil(
      [&] {
        log = hitd->child_->Log();
        return std::regex_search(log, match, kReady) || !hitd->child_->Running();
      },
      std::chrono::seconds(30));
  log = hitd->child_->Log();
  if (!ready || !std::regex_search(log, match, kReady)) {
    *error = "hitd did not become ready; its log:\n" + log;
    return nullptr;
  }
  hitd->port_ = static_cast<uint16_t>(std::stoi(match[1].str()));
  return hitd;
}

HttpResponse HttpGet(uint16_t port, const std::string& target, std::chrono::milliseconds timeout) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  HttpResponse out;
  asio::io_context io;
  beast::tcp_stream stream(io);
  http::request<http::empty_body> request(http::verb::get, target, 11);
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.set(http::field::user_agent, "hitd-ops-tests");
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  auto fail = [&out](const char* what, beast::error_code ec) {
    out.error = std::string(what) + ": " + ec.message();
  };
  stream.expires_after(timeout);
  stream.async_connect(endpoint, [&](beast::error_code ec) {
    if (ec) return fail("connect", ec);
    http::async_write(stream, request, [&](beast::error_code ec, size_t) {
      if (ec) return fail("write", ec);
      http::async_read(stream, buffer, parser, [&](beast::error_code ec, size_t) {
        if (ec) return fail("read", ec);
        out.status = parser.get().result_int();
        out.body = parser.get().body();
        out.content_type = std::string(parser.get()[http::field::content_type]);
      });
    });
  });
  io.run();
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return out;
}

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace hitd::ops_test
