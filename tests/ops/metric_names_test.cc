// The dashboard and the alert rules use only metrics docs/metrics.md promises, and every
// alert's runbook_url names a section of ops/RUNBOOK.md. No daemon needed.
#include "tests/ops/metric_names.h"

#include <gtest/gtest.h>

#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

Families Documented() { return DocumentedFamilies(ReadFile(SourceDir() / "docs/metrics.md")); }

std::set<std::string> DashboardNames() {
  std::vector<std::string> exprs;
  std::string error;
  EXPECT_TRUE(
      DashboardExprs(ReadFile(SourceDir() / "ops/grafana/hitd-dashboard.json"), &exprs, &error))
      << error;
  std::set<std::string> names;
  for (const std::string& e : exprs) names.merge(HitdNames(e));
  return names;
}

std::set<std::string> AlertNames() {
  std::set<std::string> names;
  for (const std::string& e : RuleExprs(ReadFile(SourceDir() / "ops/prometheus/alerts.yml"))) {
    names.merge(HitdNames(e));
  }
  return names;
}

TEST(MetricNames, DocsListTheCatalogue) {
  const Families documented = Documented();
  EXPECT_GE(documented.size(), 30u);
  EXPECT_EQ(documented.at("hitd_request_duration_seconds"), "histogram");
  EXPECT_EQ(documented.at("hitd_open_hits"), "gauge");
}

TEST(MetricNames, DashboardParsesAndUsesOnlyDocumentedMetrics) {
  std::vector<std::string> exprs;
  std::string error;
  const std::string json = ReadFile(SourceDir() / "ops/grafana/hitd-dashboard.json");
  ASSERT_TRUE(DashboardExprs(json, &exprs, &error)) << error;
  EXPECT_GE(exprs.size(), 20u);
  EXPECT_NE(json.find("\"schemaVersion\": 36"), std::string::npos);
  EXPECT_NE(json.find("${DS_PROMETHEUS}"), std::string::npos);
  const Families documented = Documented();
  for (const std::string& name : DashboardNames()) {
    EXPECT_NE(FamilyOf(name, documented), "") << name << " is not in docs/metrics.md";
  }
}

// The dashboard shows every metric of the catalogue, so a new one is not forgotten.
TEST(MetricNames, DashboardShowsEveryDocumentedMetric) {
  const Families documented = Documented();
  std::set<std::string> shown;
  for (const std::string& name : DashboardNames()) shown.insert(FamilyOf(name, documented));
  for (const auto& [family, type] : documented) {
    EXPECT_EQ(shown.count(family), 1u) << family << " (" << type << ") has no panel";
  }
}

TEST(MetricNames, AlertsUseOnlyDocumentedMetrics) {
  const std::set<std::string> names = AlertNames();
  EXPECT_GE(names.size(), 7u);
  const Families documented = Documented();
  for (const std::string& name : names) {
    EXPECT_NE(FamilyOf(name, documented), "") << name << " is not in docs/metrics.md";
  }
}

TEST(MetricNames, EveryAlertHasARunbookSection) {
  const std::string rules = ReadFile(SourceDir() / "ops/prometheus/alerts.yml");
  const std::set<std::string> anchors = MarkdownAnchors(ReadFile(SourceDir() / "ops/RUNBOOK.md"));
  const std::vector<std::string> urls = RunbookUrls(rules);
  EXPECT_EQ(urls.size(), RuleExprs(rules).size()) << "an alert without a runbook_url";
  for (const std::string& url : urls) {
    const size_t hash = url.find('#');
    ASSERT_NE(hash, std::string::npos) << url;
    EXPECT_EQ(url.substr(0, hash), "ops/RUNBOOK.md") << url;
    EXPECT_EQ(anchors.count(url.substr(hash + 1)), 1u) << url << ": no such heading";
  }
}

}  // namespace
}  // namespace hitd::ops_test
