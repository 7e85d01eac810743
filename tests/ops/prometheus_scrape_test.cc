// A real Prometheus server scrapes a running hitd every second, with ops/prometheus/
// alerts.yml loaded: after a requester creates N HITs, Prometheus' HTTP API answers
// hitd_open_hits == N and hitd_requests_total{operation="create-hit"} == N, every alert
// rule evaluates without error, and none fires on a healthy daemon.
#include <gtest/gtest.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <optional>
#include <sstream>

#include "tests/ops/market.h"
#include "tests/ops/ops_support.h"

namespace hitd::ops_test {
namespace {

namespace fs = std::filesystem;
using boost::property_tree::ptree;

// The child at `path`, or an empty tree (a copy: ptree's get_child with a default
// returns a reference to that default).
ptree ChildOf(const ptree& tree, const std::string& path) {
  const auto child = tree.get_child_optional(path);
  return child ? *child : ptree();
}

constexpr int kHits = 3;

class Prometheus {
 public:
  // Starts prometheus scraping 127.0.0.1:target_port every second; returns once /-/ready.
  static std::unique_ptr<Prometheus> Start(uint16_t target_port, std::string* error) {
    std::unique_ptr<Prometheus> p(new Prometheus());
    p->port_ = FreePort();
    const fs::path config = p->dir_.path() / "prometheus.yml";
    WriteFile(config,
              "global:\n"
              "  scrape_interval: 1s\n"
              "  scrape_timeout: 1s\n"
              "  evaluation_interval: 1s\n"
              "rule_files:\n"
              "  - " +
                  (SourceDir() / "ops/prometheus/alerts.yml").string() +
                  "\n"
                  "scrape_configs:\n"
                  "  - job_name: hitd\n"
                  "    static_configs:\n"
                  "      - targets: ['127.0.0.1:" +
                  std::to_string(target_port) + "']\n");
    p->child_ = Child::Start(
        {PrometheusProgram(), "--config.file=" + config.string(),
         "--storage.tsdb.path=" + (p->dir_.path() / "tsdb").string(),
         "--web.listen-address=127.0.0.1:" + std::to_string(p->port_), "--log.level=warn"},
        p->dir_.path() / "prometheus.log", error);
    if (p->child_ == nullptr) return nullptr;
    const bool ready = WaitUntil(
        [&] { return HttpGet(p->port_, "/-/ready").status == 200 || !p->child_->Running(); },
        std::chrono::seconds(60));
    if (!ready || !p->child_->Running()) {
      *error = "prometheus did not become ready; its log:\n" + p->child_->Log();
      return nullptr;
    }
    return p;
  }

  // GET an API path; the parsed "data" of a successful answer, else nullopt.
  std::optional<ptree> Api(const std::string& target) {
    const HttpResponse response = HttpGet(port_, target);
    if (response.status != 200) return std::nullopt;
    ptree tree;
    std::istringstream in(response.body);
    try {
      boost::property_tree::read_json(in, tree);
    } catch (const boost::property_tree::json_parser_error&) {
      return std::nullopt;
    }
    if (tree.get<std::string>("status", "") != "success") return std::nullopt;
    return tree.get_child("data");
  }

  // The instant vector of `query`: each series' labels (as {k="v",...}) -> value.
  std::map<std::string, std::string> Query(const std::string& query) {
    std::map<std::string, std::string> out;
    const std::optional<ptree> data = Api("/api/v1/query?query=" + UrlEncode(query));
    if (!data) return out;
    for (const auto& [unused, series] : ChildOf(*data, "result")) {
      std::string labels = "{";
      for (const auto& [name, value] : ChildOf(series, "metric")) {
        labels += name + "=\"" + value.data() + "\",";
      }
      labels += "}";
      const ptree value = ChildOf(series, "value");
      auto it = value.begin();
      if (it == value.end() || ++it == value.end()) continue;
      out[labels] = it->second.data();
    }
    return out;
  }

  // The single value of `query`, or "" when it has none or several.
  std::string Value(const std::string& query) {
    const auto result = Query(query);
    return result.size() == 1 ? result.begin()->second : "";
  }

  std::string Log() const { return child_->Log(); }
  int Stop() { return child_->Stop(); }

 private:
  Prometheus() = default;
  TempDir dir_;
  std::unique_ptr<Child> child_;
  uint16_t port_ = 0;
};

TEST(PrometheusScrape, SeesTheHitsCreatedAndNoAlertFires) {
  std::string error;
  std::unique_ptr<Hitd> hitd = Hitd::Start({}, &error);
  ASSERT_NE(hitd, nullptr) << error;
  std::unique_ptr<Prometheus> prometheus = Prometheus::Start(hitd->metrics_port(), &error);
  ASSERT_NE(prometheus, nullptr) << error;

  auto admin = ConnectAdmin(hitd->credentials(), hitd->port(), &error);
  ASSERT_NE(admin, nullptr) << error;
  ASSERT_TRUE(CreateHits(*admin, hitd->port(), kHits, &error)) << error;

  const std::string n = std::to_string(kHits);
  std::string up, open_hits, created;
  const bool seen = WaitUntil(
      [&] {
        up = prometheus->Value("up{job=\"hitd\"}");
        open_hits = prometheus->Value("hitd_open_hits");
        created = prometheus->Value("hitd_requests_total{operation=\"create-hit\"}");
        return up == "1" && open_hits == n && created == n;
      },
      std::chrono::seconds(30));
  EXPECT_TRUE(seen) << "up=" << up << " hitd_open_hits=" << open_hits
                    << " hitd_requests_total{operation=\"create-hit\"}=" << created
                    << "\nGET 127.0.0.1:" << hitd->metrics_port()
                    << "/metrics: " << HttpGet(hitd->metrics_port(), "/metrics").status
                    << "\nprometheus' log:\n"
                    << prometheus->Log();
  EXPECT_EQ(open_hits, n);
  EXPECT_EQ(created, n);
  EXPECT_EQ(prometheus->Value("hitd_ready"), "1");
  EXPECT_EQ(prometheus->Value("hitd_ledger_imbalance_cents"), "0");

  // Every rule of alerts.yml evaluates cleanly against the live series.
  std::vector<std::string> unhealthy;
  size_t rules = 0;
  WaitUntil(
      [&] {
        unhealthy.clear();
        rules = 0;
        const std::optional<ptree> data = prometheus->Api("/api/v1/rules");
        if (!data) return false;
        for (const auto& [unused, group] : ChildOf(*data, "groups")) {
          for (const auto& [unused2, rule] : ChildOf(group, "rules")) {
            ++rules;
            if (rule.get<std::string>("health", "") != "ok") {
              unhealthy.push_back(rule.get<std::string>("name", "?") + ": " +
                                  rule.get<std::string>("health", "") + " " +
                                  rule.get<std::string>("lastError", ""));
            }
          }
        }
        return rules > 0 && unhealthy.empty();
      },
      std::chrono::seconds(15));
  EXPECT_GE(rules, 8u);
  EXPECT_TRUE(unhealthy.empty()) << ::testing::PrintToString(unhealthy);
  const auto alerts = prometheus->Query("ALERTS");
  EXPECT_TRUE(alerts.empty()) << "alerts pending or firing: " << ::testing::PrintToString(alerts);

  admin->Close();
  EXPECT_EQ(prometheus->Stop(), 0) << prometheus->Log();
  EXPECT_EQ(hitd->Stop(), 0) << hitd->Log();
}

}  // namespace
}  // namespace hitd::ops_test
