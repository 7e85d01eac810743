// The daemon's backpressure (net/server/session.h): a client that pipelines far more
// requests than a connection may have in flight, and several that together outrun the
// engine's request ring, are all answered, once each, and nothing is dropped or stuck.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::ErrorCode;

// Writes `count` GetStats requests with ids 1..count in one burst, without reading.
bool Burst(RawConnection& raw, uint64_t count) {
  std::vector<uint8_t> burst;
  for (uint64_t id = 1; id <= count; ++id) {
    const std::vector<uint8_t> frame = RequestFrame(id, engine::Command(engine::GetStats{}));
    burst.insert(burst.end(), frame.begin(), frame.end());
  }
  return raw.Write(burst);
}

// Reads `count` answers and checks that each id 1..count came once, ok.
::testing::AssertionResult AllAnsweredOnce(RawConnection& raw, uint64_t count) {
  std::vector<bool> seen(count + 1, false);
  for (uint64_t i = 0; i < count; ++i) {
    const ServerMessage m = raw.ReadAnswer(10'000);
    if (!m.is(schema::ServerBody::Response) || m.error.code != ErrorCode::kOk) {
      return ::testing::AssertionFailure() << "answer " << i << ": " << m.Describe();
    }
    if (m.response_id == 0 || m.response_id > count || seen[m.response_id]) {
      return ::testing::AssertionFailure() << "unexpected or repeated id " << m.response_id;
    }
    seen[m.response_id] = true;
  }
  return ::testing::AssertionSuccess();
}

class SmallInFlight : public DaemonTest {
 protected:
  void Configure(server::ServerConfig& config) override { config.max_in_flight_per_connection = 4; }
};

TEST_F(SmallInFlight, PipelineFarBeyondTheLimitIsAnsweredInFull) {
  auto raw = RawAdmin();
  constexpr uint64_t kRequests = 3'000;
  ASSERT_TRUE(Burst(*raw, kRequests));
  EXPECT_TRUE(AllAnsweredOnce(*raw, kRequests));
  ExpectServedNormally();
}

using ManyPipelines = DaemonTest;

TEST_F(ManyPipelines, ConnectionsThatOutrunTheEngineRingAreAllAnswered) {
  // 3 x 4,000 requests in flight at once is more than the 8,192-job ring holds: some
  // connections wait for room, and are read again as answers drain.
  constexpr uint64_t kRequests = 4'000;
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < 3; ++i) connections.push_back(RawAdmin());
  for (auto& raw : connections) ASSERT_TRUE(Burst(*raw, kRequests));
  for (auto& raw : connections) EXPECT_TRUE(AllAnsweredOnce(*raw, kRequests));
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
