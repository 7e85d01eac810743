#include "bench/store/thread_times.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

namespace hitd::bench {

ThreadTimes OtherThreadsTimes() {
  ThreadTimes t;
  const std::string self = std::to_string(::syscall(SYS_gettid));
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    if (task.path().filename() == self) continue;
    std::FILE* f = std::fopen((task.path() / "schedstat").c_str(), "r");
    if (f == nullptr) continue;
    unsigned long long run = 0, wait = 0;
    if (std::fscanf(f, "%llu %llu", &run, &wait) == 2) {
      t.run_ns += run;
      t.wait_ns += wait;
    }
    std::fclose(f);
  }
  return t;
}

}  // namespace hitd::bench
