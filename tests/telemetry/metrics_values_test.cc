// /metrics agrees with what the test did over the wire and with the engine's own
// GetStats: requests by operation, errors by code, the marketplace gauges, connections
// and workers online, and the histograms' counts.
#include <gtest/gtest.h>

#include <string>

#include "tests/telemetry/telemetry_fixture.h"

namespace hitd::telemetry_test {
namespace {

using daemon_test::HitSpecOf;
using daemon_test::Ok;
using daemon_test::TypeSpec;
using daemon_test::WaitUntil;

constexpr const char* kCreateHit = R"(hitd_requests_total{operation="create-hit"})";

TEST_F(TelemetryTest, RequestsAndMarketGaugesMatchWhatTheTestDid) {
  const double created_before = Value(Scrape(), kCreateHit).value_or(-1);
  ASSERT_GE(created_before, 0) << kCreateHit << " is not served";
  constexpr int kHits = 4;
  for (int i = 0; i < kHits; ++i) {
    ASSERT_TRUE(Ok(r_->Call(engine::Command(engine::CreateHit{
        TypeSpec("telemetry", 25), HitSpecOf("<q>" + std::to_string(i) + "</q>", 2)}))));
  }
  // One worker takes a slot: an accepted assignment.
  ASSERT_TRUE(Ok(w2_->Call(engine::Command(engine::AcceptNext{}))));
  const engine::Stats st = Stats();
  ASSERT_EQ(st.imbalance, engine::Cents(0));

  Exposition e = ScrapeUntil("hitd_open_hits", static_cast<double>(st.hits_assignable));
  e = ScrapeUntil("hitd_escrow_cents", static_cast<double>(st.escrow.value));
  EXPECT_EQ(Value(e, kCreateHit), created_before + kHits);
  EXPECT_EQ(Value(e, "hitd_open_hits"), static_cast<double>(st.hits_assignable));
  EXPECT_EQ(Value(e, "hitd_free_slots"), static_cast<double>(st.slots_free));
  EXPECT_EQ(Value(e, "hitd_escrow_cents"), static_cast<double>(st.escrow.value));
  EXPECT_EQ(Value(e, "hitd_platform_revenue_cents"),
            static_cast<double>(st.platform_revenue.value));
  EXPECT_EQ(Value(e, "hitd_ledger_imbalance_cents"), 0.0);
  EXPECT_EQ(Value(e, R"(hitd_assignments{state="accepted"})"),
            static_cast<double>(st.assignments_accepted));
  EXPECT_GE(st.assignments_accepted, 1u);
  EXPECT_EQ(Value(e, R"(hitd_assignments{state="submitted"})"),
            static_cast<double>(st.assignments_submitted));
  EXPECT_EQ(Value(e, R"(hitd_accounts{role="admin"})"), static_cast<double>(st.admins));
  EXPECT_EQ(Value(e, R"(hitd_accounts{role="requester"})"), static_cast<double>(st.requesters));
  EXPECT_EQ(Value(e, R"(hitd_accounts{role="worker"})"), static_cast<double>(st.workers));
  // The open HITs the fixture made plus ours, each with its free slots.
  EXPECT_GE(st.hits_assignable, static_cast<uint64_t>(kHits));
}

TEST_F(TelemetryTest, AnErrorIsCountedByOperationAndCode) {
  const std::string sample = R"(hitd_request_errors_total{operation="get-hit",code="NOT_FOUND"})";
  const double before = Value(Scrape(), sample).value_or(0);
  EXPECT_TRUE(daemon_test::Fails(r_->Call(engine::Command(engine::GetHit{engine::HitId(999'999)})),
                                 engine::ErrorCode::kNotFound));
  const Exposition e = Scrape();  // counted when the answer was released: before we got it
  EXPECT_EQ(Value(e, sample), before + 1);
  EXPECT_GE(Value(e, R"(hitd_requests_total{operation="get-hit"})").value_or(0), before + 1);
}

TEST_F(TelemetryTest, ConnectionGaugesAndWorkersOnlineFollowTheClients) {
  const server::ServerCounters& c = server().counters();
  Exposition e = Scrape();
  const double accepted = Value(e, "hitd_connections_accepted_total").value_or(-1);
  const double open = Value(e, "hitd_connections_open").value_or(-1);
  const double online = Value(e, "hitd_workers_online").value_or(-1);
  EXPECT_EQ(open, static_cast<double>(c.connections_open.load()));
  EXPECT_EQ(online, static_cast<double>(c.workers_online.load()));

  const daemon_test::TestAccount worker = CreateAccount(engine::Role::kWorker, "online-worker");
  std::unique_ptr<client::BlockingClient> w = Connect(worker);
  e = ScrapeUntil("hitd_workers_online", online + 1);
  EXPECT_EQ(Value(e, "hitd_workers_online"), online + 1);
  EXPECT_EQ(Value(e, "hitd_connections_open"), open + 1);
  EXPECT_EQ(Value(e, "hitd_connections_accepted_total"), accepted + 1);

  w->Close();
  e = ScrapeUntil("hitd_workers_online", online);
  EXPECT_EQ(Value(e, "hitd_workers_online"), online);
  e = ScrapeUntil("hitd_connections_open", open);
  EXPECT_EQ(Value(e, "hitd_connections_open"), open);
}

TEST_F(TelemetryTest, HistogramsCountEveryRequestBatchAndCommit) {
  ASSERT_TRUE(Ok(r_->Call(engine::Command(engine::GetAccountBalance{}))));
  Exposition e;
  // Quiet now: the commit histogram (store thread) catches up with the commits counter.
  ASSERT_TRUE(WaitUntil([&] {
    e = Scrape();
    return Value(e, "hitd_commit_seconds_count") == Value(e, "hitd_commits_total");
  }));
  EXPECT_GT(Value(e, "hitd_commit_seconds_count").value_or(0), 0);
  EXPECT_EQ(Value(e, "hitd_engine_apply_seconds_count"), Value(e, "hitd_batch_commands_count"));
  EXPECT_EQ(Value(e, "hitd_engine_apply_seconds_count"),
            static_cast<double>(server().counters().batches.load()));
  double answered = 0;
  for (const auto& [name, value] : e.samples) {
    if (name.rfind("hitd_requests_total{", 0) == 0) answered += value;
  }
  EXPECT_GT(answered, 0);
  EXPECT_EQ(Value(e, "hitd_request_duration_seconds_count"), answered);
  EXPECT_GT(Value(e, "hitd_request_duration_seconds_sum").value_or(0), 0);
  EXPECT_EQ(Value(e, "hitd_ready"), 1.0);
  EXPECT_EQ(Value(e, "hitd_store_healthy"), 1.0);
  EXPECT_GT(Value(e, "hitd_store_used_bytes").value_or(0), 0);
  EXPECT_EQ(Value(e, "hitd_store_max_map_size_bytes"), static_cast<double>(config().max_map_size));
  EXPECT_EQ(Value(e, "hitd_events_retained"), static_cast<double>(Stats().events));
}

}  // namespace
}  // namespace hitd::telemetry_test
