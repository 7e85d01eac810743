// Server: start-up (store recovery, the admin's credentials, binding), the three
// threads, and the graceful stop. The work itself is the Hub's (IO thread) and the
// EngineLoop's (engine thread).
#include "net/server/server.h"

#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>  // before Asio

#include "engine/state.h"
#include "net/server/counters.h"
#include "net/server/credentials.h"
#include "net/server/engine_loop.h"
#include "net/server/hub.h"
#include "net/telemetry/http_server.h"
#include "net/telemetry/metrics_page.h"

namespace hitd::server {

namespace asio = boost::asio;

namespace {

constexpr size_t kRequestRing = 8192;  // jobs between the IO and the engine thread
constexpr size_t kBatches = 64;        // batches in flight between engine and store
constexpr char kVersion[] = "0.1";     // hitd_build_info{version}, as the Welcome's "hitd/0.1"

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Signal(int fd) {
  const uint64_t one = 1;
  const ssize_t n = ::write(fd, &one, sizeof(one));  // a full counter is still a wakeup
  (void)n;
}

bool ParseEndpoint(const std::string& text, asio::ip::tcp::endpoint* out, std::string* error) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    *error = "expected HOST:PORT, got \"" + text + "\"";
    return false;
  }
  std::string host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned long number = 0;
  try {
    size_t used = 0;
    number = std::stoul(port, &used);
    if (used != port.size() || number > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    *error = "bad port in \"" + text + "\"";
    return false;
  }
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    auto results = resolver.resolve(host, port, ec);
    if (ec || results.empty()) {
      *error = "cannot resolve \"" + host + "\"";
      return false;
    }
    address = results.begin()->endpoint().address();
  }
  *out = asio::ip::tcp::endpoint(address, static_cast<uint16_t>(number));
  return true;
}

// The telemetry endpoint on its own thread (net/telemetry/), serving `sources`.
std::unique_ptr<telemetry::HttpServer> StartTelemetry(const std::string& listen,
                                                      const telemetry::Sources& sources,
                                                      std::string* error) {
  asio::ip::tcp::endpoint endpoint;
  if (!ParseEndpoint(listen, &endpoint, error)) {
    *error = "metrics_listen: " + *error;
    return nullptr;
  }
  auto http = telemetry::HttpServer::Start(
      endpoint, telemetry::HttpLimits{},
      [&sources](std::string_view path) { return telemetry::Route(sources, path); }, error);
  if (http == nullptr) return nullptr;
  spdlog::info("metrics on {}:{}", endpoint.address().to_string(), http->port());
  return http;
}

}  // namespace

// Members are destroyed in reverse order: the host (joining the store thread, closing
// LMDB) before the Hub, which owns the eventfd the store thread writes.
struct Server::Impl {
  ServerConfig config;
  ServerCounters counters;
  asio::io_context io{1};
  std::unique_ptr<Hub> hub;
  std::unique_ptr<EngineLoop> engine;
  std::unique_ptr<store::Host> host;
  telemetry::Sources sources;
  std::unique_ptr<telemetry::HttpServer> http;  // stopped first: it reads the host
  std::thread io_thread;
  std::string credentials_path;
  uint16_t port = 0;
  std::mutex stop_mutex;
  bool stopped = false;
};

Server::Server() : impl_(std::make_unique<Impl>()) {}

Server::~Server() { Stop(); }

uint16_t Server::port() const { return impl_->port; }

uint16_t Server::metrics_port() const { return impl_->http == nullptr ? 0 : impl_->http->port(); }

std::string Server::admin_credentials_path() const { return impl_->credentials_path; }

const ServerCounters& Server::counters() const { return impl_->counters; }

std::unique_ptr<Server> Server::Start(ServerConfig config, std::string* error) {
  std::unique_ptr<Server> server(new Server());
  Impl& s = *server->impl_;
  s.config = std::move(config);
  asio::ip::tcp::endpoint endpoint;
  if (!ParseEndpoint(s.config.listen, &endpoint, error)) return nullptr;
  std::error_code fs_error;
  std::filesystem::create_directories(s.config.data_dir, fs_error);
  if (fs_error) {
    *error = "cannot create " + s.config.data_dir + ": " + fs_error.message();
    return nullptr;
  }
  s.credentials_path = (std::filesystem::path(s.config.data_dir) / "admin.credentials").string();

  const int event_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (event_fd < 0) {
    *error = "eventfd failed";
    return nullptr;
  }
  store::HostOptions options;
  options.store.dir = s.config.data_dir;
  options.store.durability = s.config.durability;
  options.store.map_size = s.config.map_size;
  options.store.max_map_size = s.config.max_map_size;
  options.store.event_max_age_ms = s.config.event_max_age_ms;
  options.store.event_max_count = s.config.event_max_count;
  options.writer.flush_interval_ms = s.config.flush_interval_ms;
  options.writer.on_done = [event_fd] { Signal(event_fd); };
  options.writer.on_commit = [&counters = s.counters](int64_t ns) {
    counters.commit_seconds.Observe(static_cast<uint64_t>(ns));
  };
  options.engine = s.config.engine;
  options.batches = kBatches;
  store::RecoveryReport report;
  s.host = store::Host::Open(std::move(options), engine::TimeMs(WallMs()), &report, error);
  if (s.host == nullptr) {
    ::close(event_fd);
    return nullptr;
  }
  const uint64_t last_event = s.host->engine().state().last_event_seq;
  spdlog::info(
      "event=recovered data_dir=\"{}\" records={} bytes={} load_ms={} last_batch={} "
      "last_event={} abandoned={} expired={} auto_approved={}",
      s.config.data_dir, report.loaded.records, report.loaded.bytes, report.load_ms,
      report.last_batch, last_event, report.tick.abandoned, report.tick.expired,
      report.tick.auto_approved);

  s.engine = std::make_unique<EngineLoop>(*s.host, s.counters, kRequestRing, kBatches);
  s.hub =
      std::make_unique<Hub>(s.io, *s.host, *s.engine, s.counters, s.config, event_fd, last_event);
  if (!s.hub->Listen(endpoint, error)) return nullptr;
  s.port = s.hub->port();
  const std::string bound = endpoint.address().to_string() + ":" + std::to_string(s.port);
  if (!BootstrapAdmin(*s.host, s.credentials_path, bound, error)) return nullptr;
  s.sources = telemetry::Sources{&s.counters,           &s.host->writer(), &s.host->store(),
                                 s.config.max_map_size, kVersion,          WallMs() / 1000.0};
  s.http = StartTelemetry(s.config.metrics_listen, s.sources, error);
  if (s.http == nullptr) return nullptr;

  s.engine->Start([event_fd] { Signal(event_fd); });
  s.io_thread = std::thread([&io = s.io] { io.run(); });
  s.counters.ready.store(true, std::memory_order_release);
  spdlog::info("listening on {}", bound);
  const std::string metrics_host =
      s.config.metrics_listen.substr(0, s.config.metrics_listen.rfind(':'));
  spdlog::info("event=ready listen={} metrics_listen={}:{} durability={} admin_credentials=\"{}\"",
               bound, metrics_host, s.http->port(),
               s.config.durability == store::Durability::kSync ? "sync" : "async",
               s.credentials_path);
  return server;
}

void Server::Stop() {
  Impl& s = *impl_;
  std::lock_guard lock(s.stop_mutex);
  if (s.stopped) return;
  s.stopped = true;
  s.counters.ready.store(false, std::memory_order_release);
  if (s.http != nullptr) s.http->Stop();  // before the host it reads goes
  if (s.io_thread.joinable()) {
    s.hub->BeginStop();
    s.io_thread.join();
  }
  if (s.engine != nullptr) {
    s.engine->RequestStop();
    s.engine->Join();
  }
  if (s.hub != nullptr) s.hub->JoinBackups();
  s.host.reset();  // drains, syncs and closes the store
  spdlog::info("event=stopped");
}

}  // namespace hitd::server
