// One of hitd's programs (hitd, hitctl) run as a child process of the test, with its
// stdout and stderr captured through pipes: started with posix_spawn (safe in a test
// process that already runs threads), read line by line with deadlines, signalled, and
// reaped with a deadline. The programs' paths come from CMake (HITD_PROGRAM,
// HITCTL_PROGRAM: $<TARGET_FILE:...>), so the test runs what was just built.
//
// Single-threaded: the test's thread owns it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hitd::daemon_test {

class ChildProgram {
 public:
  // Null with *error when the program cannot be started.
  static std::unique_ptr<ChildProgram> Start(const std::vector<std::string>& argv,
                                             std::string* error);
  ~ChildProgram();  // kills (SIGKILL) and reaps a child still running
  ChildProgram(const ChildProgram&) = delete;
  ChildProgram& operator=(const ChildProgram&) = delete;

  // Reads the child's stderr until a line contains `needle`; that line, or nullopt when
  // the time is up or stderr ended first.
  std::optional<std::string> WaitForStderrLine(const std::string& needle, int64_t timeout_ms);
  void Signal(int signal);
  // Waits for the child to exit, reading its output meanwhile; its raw wait status, or
  // nullopt when it is still running at the deadline.
  std::optional<int> WaitExit(int64_t timeout_ms);

  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  ChildProgram() = default;
  // Reads what is available on both pipes, waiting up to `wait_ms` for some.
  void Pump(int64_t wait_ms);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool reaped_ = false;
  std::string out_;
  std::string err_;
  size_t err_scanned_ = 0;  // err_ before this offset holds no wanted line
};

// Runs a program to its end (at most `timeout_ms`): exit code (-1 when it did not exit
// normally in time), stdout and stderr.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
RunResult RunProgram(const std::vector<std::string>& argv, int64_t timeout_ms = 30'000);

}  // namespace hitd::daemon_test
