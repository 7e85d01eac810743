// A running hitd's telemetry endpoint against the ops files: /healthz and /readyz answer,
// promtool accepts /metrics, every metric docs/metrics.md promises is served with its
// type, and every name the dashboard and the alert rules use is in the scrape.
#include <gtest/gtest.h>

#include "tests/ops/metric_names.h"
#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

class TelemetryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    hitd_ = Hitd::Start({}, &error);
    ASSERT_NE(hitd_, nullptr) << error;
  }
  void TearDown() override {
    if (hitd_ != nullptr) {
      EXPECT_EQ(hitd_->Stop(), 0) << hitd_->Log();
    }
  }

  // GET /metrics once the endpoint answers (it may open a moment after event=ready).
  std::string Scrape() {
    HttpResponse response;
    WaitUntil(
        [&] {
          response = HttpGet(hitd_->metrics_port(), "/metrics");
          return response.status == 200;
        },
        std::chrono::seconds(10));
    EXPECT_EQ(response.status, 200) << "GET /metrics on 127.0.0.1:" << hitd_->metrics_port() << ": "
                                    << response.error << "\nhitd's log:\n"
                                    << hitd_->Log();
    return response.body;
  }

  std::unique_ptr<Hitd> hitd_;
};

TEST_F(TelemetryTest, HealthzAndReadyzAnswerOnceReady) {
  HttpResponse health;
  WaitUntil(
      [&] {
        health = HttpGet(hitd_->metrics_port(), "/healthz");
        return health.status == 200;
      },
      std::chrono::seconds(10));
  EXPECT_EQ(health.status, 200) << health.error;
  EXPECT_EQ(health.body.substr(0, 2), "ok");
  const HttpResponse ready = HttpGet(hitd_->metrics_port(), "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.error;
  EXPECT_EQ(ready.body.substr(0, 5), "ready");
}

TEST_F(TelemetryTest, MetricsAreTheTextFormatPromtoolAccepts) {
  const std::string metrics = Scrape();
  ASSERT_FALSE(metrics.empty());
  const RunResult check = RunProgram({PromtoolProgram(), "check", "metrics"}, metrics);
  EXPECT_EQ(check.status, 0) << "promtool check metrics:\n" << check.output;
}

TEST_F(TelemetryTest, EveryDocumentedMetricIsServedWithItsType) {
  const Families exposed = ExposedFamilies(Scrape());
  for (const auto& [family, type] : DocumentedFamilies(ReadFile(SourceDir() / "docs/metrics.md"))) {
    const auto it = exposed.find(family);
    if (it == exposed.end()) {
      ADD_FAILURE() << family << " is in docs/metrics.md but not in /metrics";
      continue;
    }
    EXPECT_EQ(it->second, type) << family;
  }
}

TEST_F(TelemetryTest, DashboardAndAlertMetricsAreServed) {
  const std::string metrics = Scrape();
  const Families exposed = ExposedFamilies(metrics);
  std::vector<std::string> exprs;
  std::string error;
  ASSERT_TRUE(
      DashboardExprs(ReadFile(SourceDir() / "ops/grafana/hitd-dashboard.json"), &exprs, &error))
      << error;
  const std::vector<std::string> rules =
      RuleExprs(ReadFile(SourceDir() / "ops/prometheus/alerts.yml"));
  exprs.insert(exprs.end(), rules.begin(), rules.end());
  std::set<std::string> names;
  for (const std::string& e : exprs) names.merge(HitdNames(e));
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    EXPECT_NE(FamilyOf(name, exposed), "") << name << " is used but not served";
  }
  // Unlabelled gauges have a sample from the first scrape on: the alerts on them work.
  const std::set<std::string> samples = ExposedSamples(metrics);
  for (const char* gauge : {"hitd_ready", "hitd_store_healthy", "hitd_ledger_imbalance_cents",
                            "hitd_store_used_bytes", "hitd_store_max_map_size_bytes"}) {
    EXPECT_EQ(samples.count(gauge), 1u) << gauge << " has no sample";
  }
}

}  // namespace
}  // namespace hitd::ops_test
