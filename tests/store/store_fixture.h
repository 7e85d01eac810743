// Helpers for the store tests: a fresh data directory per test, and a Host driven one
// command per batch, as a client that waits for each answer would.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/store/host.h"
#include "tests/engine/test_util.h"

namespace hitd::store::test {

using engine::test::kT0;

// A directory under the test's temporary root, removed at the end.
class TempDir {
 public:
  TempDir() {
    const char* root = std::getenv("TMPDIR");
    path_ = std::filesystem::path(root != nullptr ? root : "/tmp") /
            ("hitd-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string str(const std::string& sub = "") const { return (path_ / sub).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

struct Answer {
  engine::Result result;
  BatchStatus status = BatchStatus::kPending;
};

// Applies `command` in a batch of its own and waits until the store is done with it.
inline Answer Do(Host& host, engine::AccountId actor, int64_t now, const engine::Command& command,
                 std::string token = {}) {
  Batch* b = host.Begin();
  EXPECT_NE(b, nullptr);
  Answer a;
  a.result =
      host.Apply(*b, engine::Context(actor, engine::TimeMs(now), std::move(token), 1), command);
  host.Submit(b);
  host.writer().WaitDone(b->seq, 60'000);
  Batch* done = host.NextDone();
  EXPECT_EQ(done, b);
  a.status = done->status;
  host.Recycle(done);
  return a;
}

inline HostOptions Options(const std::string& dir) {
  HostOptions o;
  o.store.dir = dir;
  o.store.map_size = uint64_t{64} << 20;
  // Event retention measures age from this clock: the tests' events happen at kT0.
  o.writer.now_ms = [] { return kT0; };
  o.verify = true;  // every invariant at each start, and the state hash the tests compare
  return o;
}

inline std::unique_ptr<Host> OpenHost(const HostOptions& options, int64_t now,
                                      RecoveryReport* report = nullptr) {
  std::string error;
  auto host = Host::Open(options, engine::TimeMs(now), report, &error);
  EXPECT_NE(host, nullptr) << error;
  return host;
}

}  // namespace hitd::store::test
