// /metrics serves every metric of docs/metrics.md (parsed from the doc's tables, so the
// doc and the code cannot drift) with its type and labels, in a well-formed exposition:
// every sample under its family's HELP and TYPE, histogram buckets cumulative and ending
// with +Inf equal to _count.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "net/telemetry/exposition.h"
#include "net/telemetry/histogram.h"
#include "tests/telemetry/telemetry_fixture.h"

namespace hitd::telemetry_test {
namespace {

// The family a sample belongs to: its name without labels, and without a histogram's
// _bucket, _sum or _count suffix when the family is a histogram.
std::string FamilyOf(const Exposition& e, const std::string& sample) {
  const std::string name = sample.substr(0, sample.find('{'));
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      const std::string base = name.substr(0, name.size() - s.size());
      const auto it = e.types.find(base);
      if (it != e.types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

TEST_F(TelemetryTest, EveryDocumentedMetricIsServedWithItsTypeAndLabels) {
  // An error first, so that the error counter has a labelled sample.
  (void)r_->Call(engine::Command(engine::GetHit{engine::HitId(999'999)}));
  const Exposition e = Scrape();
  const auto documented = DocumentedMetrics();
  ASSERT_GE(documented.size(), 30u) << "docs/metrics.md's tables did not parse";
  for (const auto& [name, doc] : documented) {
    const auto type = e.types.find(name);
    if (type == e.types.end()) {
      ADD_FAILURE() << name << " is in docs/metrics.md but not in /metrics";
      continue;
    }
    EXPECT_EQ(type->second, doc.type) << name;
    EXPECT_EQ(e.helps.count(name), 1u) << name << " has no HELP";
    bool sampled = false;
    for (const auto& [sample, value] : e.samples) {
      if (FamilyOf(e, sample) != name) continue;
      sampled = true;
      for (const std::string& label : doc.labels) {
        EXPECT_NE(sample.find(label + "=\""), std::string::npos) << sample << " lacks " << label;
      }
    }
    EXPECT_TRUE(sampled) << name << " has no sample";
  }
}

TEST_F(TelemetryTest, ExpositionIsWellFormed) {
  const HttpResult r = Http(metrics_port(), "/metrics");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.content_type.rfind("text/plain; version=0.0.4", 0), 0u) << r.content_type;
  const Exposition e = Parse(r.body);
  EXPECT_TRUE(e.errors.empty()) << "first bad line: " << (e.errors.empty() ? "" : e.errors[0]);
  for (const auto& [sample, value] : e.ordered) {
    EXPECT_EQ(e.types.count(FamilyOf(e, sample)), 1u) << sample << " has no TYPE";
  }
  // Histograms: cumulative buckets in ascending le, the last +Inf, equal to _count.
  int histograms = 0;
  for (const auto& [family, type] : e.types) {
    if (type != "histogram") continue;
    ++histograms;
    double previous = 0;
    std::string last_le;
    int buckets = 0;
    for (const auto& [sample, value] : e.ordered) {
      if (sample.rfind(family + "_bucket{", 0) != 0) continue;
      ++buckets;
      EXPECT_GE(value, previous) << sample << " is not cumulative";
      previous = value;
      last_le = sample;
    }
    EXPECT_GT(buckets, 1) << family;
    EXPECT_EQ(last_le, family + R"(_bucket{le="+Inf"})") << family;
    EXPECT_EQ(Value(e, family + "_count"), previous) << family;
    EXPECT_TRUE(Value(e, family + "_sum").has_value()) << family;
  }
  EXPECT_EQ(histograms, 4);
}

TEST(Histogram, PutsEachValueInTheFirstBucketAtOrAboveItAndReadsCumulative) {
  const std::array<uint64_t, 3> bounds = {10, 100, 1000};
  telemetry::Histogram h(bounds, 0.5);
  for (uint64_t v : {0u, 10u, 11u, 100u, 5000u}) h.Observe(v);
  const telemetry::Histogram::Snapshot s = h.Read();
  EXPECT_EQ(s.bounds, (std::vector<double>{5, 50, 500}));
  EXPECT_EQ(s.cumulative, (std::vector<uint64_t>{2, 4, 4, 5}));
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.sum, (0 + 10 + 11 + 100 + 5000) * 0.5);
}

TEST(Exposition, WritesFamiliesSamplesAndEscapedLabels) {
  telemetry::Exposition e;
  e.Family("hitd_x_total", "counter", "Things.");
  e.Sample("hitd_x_total", uint64_t{3}, {{"k", "a\"b\\c"}});
  e.Sample("hitd_y", 0.25);
  EXPECT_EQ(e.text(),
            "# HELP hitd_x_total Things.\n# TYPE hitd_x_total counter\n"
            "hitd_x_total{k=\"a\\\"b\\\\c\"} 3\nhitd_y 0.25\n");
  EXPECT_EQ(telemetry::FormatDouble(5e-5), "5e-05");
  EXPECT_EQ(telemetry::FormatDouble(2.5), "2.5");
  EXPECT_EQ(telemetry::FormatDouble(10), "10");
}

}  // namespace
}  // namespace hitd::telemetry_test
