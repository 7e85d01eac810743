// The telemetry endpoint's HTTP/1.1 server (Boost.Beast): its own thread and io_context,
// never the daemon's IO or engine thread, so that a slow or hostile HTTP client can
// never delay the binary protocol.
//
// GET only (405 otherwise, with Allow: GET); the handler maps a path to a reply. Limits,
// each a refusal rather than growth:
//   - max_header_bytes: a request whose header is larger gets 431 and is closed;
//   - read_timeout_ms: a request (from its first byte, or from the previous answer on a
//     kept-alive connection) must arrive whole within it, else the connection is closed
//     (a slow-loris client); writing an answer has the same deadline;
//   - max_connections: one more is closed at once.
//
// Threads: Start, port, Stop and the counters from any thread; the handler runs on the
// HTTP thread.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

namespace hitd::telemetry {

struct HttpLimits {
  size_t max_header_bytes = 8 << 10;  // a scrape's request is a few hundred bytes
  int64_t read_timeout_ms = 5'000;    // Prometheus sends its request at once
  size_t max_connections = 64;        // scrapers and probes are few
};

struct HttpReply {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// The path (without the query) of a GET: its reply.
using HttpHandler = std::function<HttpReply(std::string_view path)>;

struct HttpCounters {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> connections_refused{0};    // over max_connections
  std::atomic<uint64_t> connections_timed_out{0};  // at the read or write deadline
  std::atomic<uint64_t> headers_too_large{0};
  std::atomic<size_t> connections_open{0};
};

class HttpServer {
 public:
  // Binds `endpoint` (port 0: a free one) and starts the thread; nullptr with *error when
  // the address cannot be bound.
  static std::unique_ptr<HttpServer> Start(const boost::asio::ip::tcp::endpoint& endpoint,
                                           HttpLimits limits, HttpHandler handler,
                                           std::string* error);
  ~HttpServer();  // Stop
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;
  const HttpCounters& counters() const;
  // Closes the listener and every connection, and joins the thread. Idempotent.
  void Stop();

 private:
  struct Impl;
  HttpServer();
  std::unique_ptr<Impl> impl_;
};

}  // namespace hitd::telemetry
