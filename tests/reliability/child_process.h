// The parent's handle on one child process: started with fork and exec, its stdout read
// line by line through a pipe (its stderr is the parent's), killed with SIGKILL, reaped.
// Single-threaded: one parent loop owns it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hitd::reliability {

class ChildProcess {
 public:
  // Runs `argv` (argv[0] is the program's path) with the parent's environment plus
  // `env` ("NAME=value" each). Null (with *error) if the process cannot start.
  static std::unique_ptr<ChildProcess> Start(const std::vector<std::string>& argv,
                                             const std::vector<std::string>& env,
                                             std::string* error);
  ~ChildProcess();  // kills and reaps a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Appends whole lines to *lines until `deadline_ms` (steady clock, see NowMs) or the
  // end of the child's output. Returns false once the output has ended.
  bool ReadLines(int64_t deadline_ms, std::vector<std::string>* lines);
  void Kill();
  // Reaps the child (after reading to the end); the raw wait status.
  int Wait();

  static int64_t NowMs();

 private:
  ChildProcess() = default;

  pid_t pid_ = -1;
  int out_fd_ = -1;
  bool ended_ = false;
  bool reaped_ = false;
  std::string partial_;
};

// "exited with 3", "killed by signal 9 (Killed)".
std::string DescribeStatus(int status);
// The path of the running program (/proc/self/exe), to run as the child.
std::string SelfPath();

}  // namespace hitd::reliability
