#include "tests/daemon/child_program.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace hitd::daemon_test {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Appends what `fd` has to `out`; closes it (and sets -1) at its end.
void Drain(int& fd, std::string& out) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    ::close(fd);
    fd = -1;
    return;
  }
}

}  // namespace

std::unique_ptr<ChildProgram> ChildProgram::Start(const std::vector<std::string>& argv,
                                                  std::string* error) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::unique_ptr<ChildProgram> child(new ChildProgram());
  const int rc =
      ::posix_spawn(&child->pid_, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    *error = "posix_spawn " + argv[0] + ": " + std::strerror(rc);
    return nullptr;
  }
  child->out_fd_ = out_pipe[0];
  child->err_fd_ = err_pipe[0];
  ::fcntl(child->out_fd_, F_SETFL, O_NONBLOCK);
  ::fcntl(child->err_fd_, F_SETFL, O_NONBLOCK);
  return child;
}

ChildProgram::~ChildProgram() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

void ChildProgram::Pump(int64_t wait_ms) {
  pollfd fds[2];
  int n = 0;
  if (out_fd_ >= 0) fds[n++] = pollfd{out_fd_, POLLIN, 0};
  if (err_fd_ >= 0) fds[n++] = pollfd{err_fd_, POLLIN, 0};
  if (n == 0) return;
  if (::poll(fds, n, static_cast<int>(wait_ms)) <= 0) return;
  if (out_fd_ >= 0) Drain(out_fd_, out_);
  if (err_fd_ >= 0) Drain(err_fd_, err_);
}

std::optional<std::string> ChildProgram::WaitForStderrLine(const std::string& needle,
                                                           int64_t timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  for (;;) {
    for (;;) {
      const size_t end = err_.find('\n', err_scanned_);
      if (end == std::string::npos) break;
      std::string line = err_.substr(err_scanned_, end - err_scanned_);
      err_scanned_ = end + 1;
      if (line.find(needle) != std::string::npos) return line;
    }
    const int64_t left = deadline - NowMs();
    if (left <= 0 || (err_fd_ < 0 && out_fd_ < 0)) return std::nullopt;
    if (err_fd_ < 0) return std::nullopt;  // stderr ended without the line
    Pump(std::min<int64_t>(left, 100));
  }
}

void ChildProgram::Signal(int signal) {
  if (!reaped_ && pid_ > 0) ::kill(pid_, signal);
}

std::optional<int> ChildProgram::WaitExit(int64_t timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  for (;;) {
    Pump(20);
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      const int64_t rest = NowMs() + 2'000;  // the rest of its output
      while ((out_fd_ >= 0 || err_fd_ >= 0) && NowMs() < rest) Pump(100);
      return status;
    }
    if (NowMs() >= deadline) return std::nullopt;
  }
}

RunResult RunProgram(const std::vector<std::string>& argv, int64_t timeout_ms) {
  RunResult result;
  std::string error;
  std::unique_ptr<ChildProgram> child = ChildProgram::Start(argv, &error);
  if (child == nullptr) {
    result.err = error;
    return result;
  }
  const std::optional<int> status = child->WaitExit(timeout_ms);
  if (status && WIFEXITED(*status)) result.exit_code = WEXITSTATUS(*status);
  result.out = child->out();
  result.err = child->err();
  return result;
}

}  // namespace hitd::daemon_test
