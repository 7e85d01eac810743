// Helpers for the telemetry tests: a small Boost.Beast HTTP client for the daemon's
// telemetry endpoint, a parser of the Prometheus text format, and TelemetryTest, the
// daemon tests' marketplace (tests/daemon/market_fixture.h) with the endpoint on a free
// port (the daemon fixture's metrics_listen is 127.0.0.1:0).
//
// Threads: the test's; the daemon runs its own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>  // before Asio (via the fixtures)
#include <vector>

#include "tests/daemon/market_fixture.h"

namespace hitd::telemetry_test {

struct HttpResult {
  int status = 0;  // 0: no answer (error says why)
  std::string content_type;
  std::string body;
  std::string error;
};

// One request on a fresh connection, with a 10 s deadline.
HttpResult Http(uint16_t port, const std::string& target, const std::string& method = "GET");

// A parsed exposition: each sample by its name and labels as written
// (`hitd_accounts{role="worker"}`), each family's TYPE, in order of appearance.
struct Exposition {
  std::map<std::string, double> samples;
  std::vector<std::pair<std::string, double>> ordered;  // every sample line, in order
  std::map<std::string, std::string> types;             // family -> type
  std::map<std::string, std::string> helps;             // family -> help
  std::vector<std::string> errors;                      // lines that did not parse
};
Exposition Parse(const std::string& text);

// The sample's value, or nullopt when absent.
std::optional<double> Value(const Exposition& e, const std::string& sample);

// The metric families docs/metrics.md's tables list: name -> (type, labels column).
struct DocumentedMetric {
  std::string type;
  std::vector<std::string> labels;  // label keys
};
std::map<std::string, DocumentedMetric> DocumentedMetrics();

class TelemetryTest : public daemon_test::MarketTest {
 protected:
  uint16_t metrics_port() const { return server().metrics_port(); }
  std::string ScrapeText();
  Exposition Scrape() { return Parse(ScrapeText()); }
  // Scrapes until `sample` has `value` (the marketplace gauges are published by the
  // engine thread asynchronously), up to 5 s; returns the last scrape.
  Exposition ScrapeUntil(const std::string& sample, double value);
};

}  // namespace hitd::telemetry_test
