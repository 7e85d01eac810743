// What the ops tests share: temporary directories, free loopback ports, programs run to
// completion with their output captured, a real hitd process (the program, not the
// library: the tests check what an operator runs), and an HTTP GET (Boost.Beast).
//
// Single-threaded: each test owns what it starts; destructors stop and reap children.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hitd::ops_test {

// The repository's root and the programs under test (compile definitions).
std::filesystem::path SourceDir();
// The programs: the ones built with the tests, or $HITD_OPS_HITD and $HITD_OPS_HITCTL.
std::string HitdProgram();
std::string HitctlProgram();
std::string PromtoolProgram();
std::string PrometheusProgram();

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& text);

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

// A loopback TCP port that was free a moment ago (bound to port 0, then released).
uint16_t FreePort();

// Polls `condition` every 50 ms until it holds or `timeout` passes.
bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

struct RunResult {
  int status = -1;     // exit status; -1 when it did not exit normally (or did not start)
  std::string output;  // stdout and stderr, interleaved
};
// Runs `argv` (argv[0] found on PATH when it has no slash) to completion, with `input`
// on stdin, killing it after `timeout`.
RunResult RunProgram(const std::vector<std::string>& argv, const std::string& input = "",
                     std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A child process whose stdout and stderr go to a log file.
class Child {
 public:
  static std::unique_ptr<Child> Start(const std::vector<std::string>& argv,
                                      const std::filesystem::path& log, std::string* error);
  ~Child();  // SIGKILL and reap when still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool Running();
  // SIGTERM, then waits up to `timeout`; the exit status, or -1 (killed, or a signal).
  int Stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::string Log() const;

 private:
  Child() = default;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
  std::filesystem::path log_;
};

// hitd started as a program on 127.0.0.1 (port 0) with its telemetry on a free port, in
// a fresh data directory; Start returns once its log says event=ready.
class Hitd {
 public:
  // `extra` goes after the defaults (--listen, --data-dir, --metrics-listen), so that
  // it is hitd's flags that decide, not the order of a config file.
  static std::unique_ptr<Hitd> Start(const std::vector<std::string>& extra, std::string* error);
  ~Hitd() = default;

  uint16_t port() const { return port_; }
  uint16_t metrics_port() const { return metrics_port_; }
  std::filesystem::path data_dir() const { return dir_.path() / "data"; }
  std::filesystem::path credentials() const { return data_dir() / "admin.credentials"; }
  std::string Log() const { return child_->Log(); }
  int Stop() { return child_->Stop(); }

 private:
  Hitd() = default;
  TempDir dir_;
  std::unique_ptr<Child> child_;
  uint16_t port_ = 0;
  uint16_t metrics_port_ = 0;
};

struct HttpResponse {
  int status = 0;  // 0: no answer (with error set)
  std::string body;
  std::string content_type;
  std::string error;
};
HttpResponse HttpGet(uint16_t port, const std::string& target,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

// "a%20b" encoding of a Prometheus query for a URL.
std::string UrlEncode(const std::string& text);

}  // namespace hitd::ops_test
