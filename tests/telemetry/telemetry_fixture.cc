#include "tests/telemetry/telemetry_fixture.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <utility>  // before Asio and Beast

namespace hitd::telemetry_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

HttpResult Http(uint16_t port, const std::string& target, const std::string& method) {
  HttpResult result;
  try {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, "127.0.0.1");
    request.keep_alive(false);
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    result.status = static_cast<int>(response.result_int());
    result.content_type = std::string(response[http::field::content_type]);
    result.body = std::move(response.body());
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

Exposition Parse(const std::string& text) {
  static const std::regex kComment(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$)");
  static const std::regex kSample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})?) ([^ ]+)$)");
  Exposition e;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::smatch m;
    if (std::regex_match(line, m, kComment)) {
      (m[1] == "TYPE" ? e.types : e.helps)[m[2].str()] = m[3].str();
      continue;
    }
    if (!std::regex_match(line, m, kSample)) {
      e.errors.push_back(line);
      continue;
    }
    const std::string v = m[4].str();
    const double value = v == "+Inf" ? HUGE_VAL : std::stod(v);
    e.samples[m[1].str()] = value;
    e.ordered.emplace_back(m[1].str(), value);
  }
  return e;
}

std::optional<double> Value(const Exposition& e, const std::string& sample) {
  const auto it = e.samples.find(sample);
  if (it == e.samples.end()) return std::nullopt;
  return it->second;
}

std::map<std::string, DocumentedMetric> DocumentedMetrics() {
  std::ifstream in(std::string(HITD_SOURCE_DIR) + "/docs/metrics.md");
  // | `hitd_x` | type | labels | meaning |
  static const std::regex kRow(R"(^\| `(hitd_[a-z0-9_]+)` \| ([a-z]+) \|([^|]*)\|)");
  std::map<std::string, DocumentedMetric> out;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, kRow)) continue;
    DocumentedMetric d;
    d.type = m[2].str();
    const std::string labels = m[3].str();
    // Label keys are the backquoted words outside parentheses.
    int depth = 0;
    std::string outside;
    for (char c : labels) {
      if (c == '(') ++depth;
      if (depth == 0) outside.push_back(c);
      if (c == ')') --depth;
    }
    static const std::regex kKey("`([a-z_]+)`");
    for (std::sregex_iterator it(outside.begin(), outside.end(), kKey), end; it != end; ++it) {
      d.labels.push_back((*it)[1].str());
    }
    out[m[1].str()] = d;
  }
  return out;
}

std::string TelemetryTest::ScrapeText() {
  const HttpResult r = Http(metrics_port(), "/metrics");
  EXPECT_EQ(r.status, 200) << r.error;
  return r.body;
}

Exposition TelemetryTest::ScrapeUntil(const std::string& sample, double value) {
  Exposition e;
  daemon_test::WaitUntil([&] {
    e = Scrape();
    return Value(e, sample) == value;
  });
  return e;
}

}  // namespace hitd::telemetry_test
