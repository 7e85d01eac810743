#include "net/telemetry/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>  // before Asio and Beast

namespace hitd::telemetry {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// One HTTP connection: read a request (under the header limit and the deadline), answer
// it, and read the next while the client keeps the connection alive. Owned by the
// handlers in flight (shared_from_this); HTTP thread only.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const HttpLimits& limits, const HttpHandler& handler,
             HttpCounters& counters)
      : stream_(std::move(socket)),
        buffer_(limits.max_header_bytes + 1024),
        limits_(limits),
        handler_(handler),
        counters_(counters) {
    counters_.connections_open.fetch_add(1, std::memory_order_relaxed);
  }
  ~Connection() { counters_.connections_open.fetch_sub(1, std::memory_order_relaxed); }

  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
    parser_->body_limit(0);  // GET, HEAD-less: no body
    stream_.expires_after(std::chrono::milliseconds(limits_.read_timeout_ms));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

 private:
  void OnRead(beast::error_code ec) {
    if (ec == beast::error::timeout) {
      counters_.connections_timed_out.fetch_add(1, std::memory_order_relaxed);
      spdlog::debug("event=http_timeout");
      return Close();
    }
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      counters_.headers_too_large.fetch_add(1, std::memory_order_relaxed);
      return Reply(http::status::request_header_fields_too_large, "header too large\n", false);
    }
    if (ec) return Close();  // the client went away, or sent something that is not HTTP
    counters_.requests.fetch_add(1, std::memory_order_relaxed);
    const http::request<http::empty_body>& request = parser_->get();
    const bool keep_alive = request.keep_alive();
    if (request.method() != http::verb::get) {
      return Reply(http::status::method_not_allowed, "method not allowed\n", keep_alive);
    }
    std::string_view path(request.target().data(), request.target().size());
    path = path.substr(0, path.find('?'));
    HttpReply reply = handler_(path);
    Send(static_cast<http::status>(reply.status), std::move(reply.content_type),
         std::move(reply.body), keep_alive);
  }

  void Reply(http::status status, std::string body, bool keep_alive) {
    Send(status, "text/plain; charset=utf-8", std::move(body), keep_alive);
  }

  void Send(http::status status, std::string content_type, std::string body, bool keep_alive) {
    response_.emplace(status, 11);
    response_->set(http::field::server, "hitd");
    response_->set(http::field::content_type, content_type);
    if (status == http::status::method_not_allowed) response_->set(http::field::allow, "GET");
    response_->keep_alive(keep_alive);
    response_->body() = std::move(body);
    response_->prepare_payload();
    stream_.expires_after(std::chrono::milliseconds(limits_.read_timeout_ms));
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                        if (ec || !keep_alive) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const HttpLimits& limits_;
  const HttpHandler& handler_;
  HttpCounters& counters_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
};

}  // namespace

// Members are destroyed in reverse order: the acceptor, then the io_context (and with
// it every connection), before the counters, limits and handler they use.
struct HttpServer::Impl {
  HttpLimits limits;
  HttpHandler handler;
  HttpCounters counters;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  uint16_t port = 0;
  std::thread thread;
  std::mutex stop_mutex;
  bool stopped = false;

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (counters.connections_open.load(std::memory_order_relaxed) >= limits.max_connections) {
          counters.connections_refused.fetch_add(1, std::memory_order_relaxed);
          beast::error_code ignored;
          socket.close(ignored);
        } else {
          std::make_shared<Connection>(std::move(socket), limits, handler, counters)->Read();
        }
      }
      Accept();
    });
  }
};

HttpServer::HttpServer() : impl_(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return impl_->port; }

const HttpCounters& HttpServer::counters() const { return impl_->counters; }

std::unique_ptr<HttpServer> HttpServer::Start(const tcp::endpoint& endpoint, HttpLimits limits,
                                              HttpHandler handler, std::string* error) {
  std::unique_ptr<HttpServer> server(new HttpServer());
  Impl& s = *server->impl_;
  s.limits = limits;
  s.handler = std::move(handler);
  beast::error_code ec;
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + endpoint.address().to_string() + ":" +
             std::to_string(endpoint.port()) + ": " + ec.message();
    return nullptr;
  }
  s.port = s.acceptor.local_endpoint().port();
  s.Accept();
  s.thread = std::thread([&io = s.io] { io.run(); });
  return server;
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard lock(s.stop_mutex);
  if (s.stopped) return;
  s.stopped = true;
  s.io.stop();
  if (s.thread.joinable()) s.thread.join();
  beast::error_code ec;
  s.acceptor.close(ec);
}

}  // namespace hitd::telemetry
