// hitd's daemon: the store recovered into an engine, served over TCP (DESIGN section 3).
//
//   IO thread (Asio): accepts, reads frames, verifies, authenticates, decodes; pushes
//       requests into a bounded SPSC ring to the engine thread; writes answers and
//       pushes once their batch is durable. A full ring stops reading: backpressure.
//   engine thread: applies requests in batches through store::Host, hands each batch
//       to the store thread, and returns each batch's answers (in order) to the IO
//       thread through a bounded SPSC ring; idle, it spins briefly, then parks.
//   store thread (store::StoreWriter): one commit per group of batches.
//
// Server is the whole daemon as a library, so that tests run it in-process on a free
// port; net/hitd_main.cc is the program around it (flags, TOML, signals, logs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/config.h"
#include "engine/store/store.h"
#include "net/protocol/frame.h"
#include "net/server/counters.h"

namespace hitd::server {

struct ServerConfig {
  std::string listen = "127.0.0.1:7400";          // port 0: any free port (see port())
  std::string metrics_listen = "127.0.0.1:7401";  // the telemetry endpoint (HTTP)
  std::string data_dir = "./var";
  store::Durability durability = store::Durability::kSync;
  int64_t flush_interval_ms = 10;  // async: the longest an acknowledged change is unsynced
  int64_t event_max_age_ms = int64_t{30} * 24 * 3600 * 1000;
  uint64_t event_max_count = 50'000'000;
  uint64_t map_size = uint64_t{1} << 30;
  uint64_t max_map_size = uint64_t{1} << 40;

  uint32_t max_frame_bytes = net::kDefaultMaxFrameBytes;
  size_t max_connections = 1024;               // one more is told RESOURCE_EXHAUSTED and closed
  int64_t handshake_timeout_ms = 5'000;        // Hello to Welcome
  int64_t frame_timeout_ms = 10'000;           // the first byte of a frame to its last
  int64_t idle_timeout_ms = 300'000;           // no frame at all (subscribed connections too)
  size_t max_unsent_bytes = 16 << 20;          // a client that does not read is closed
  size_t max_in_flight_per_connection = 4096;  // past it the connection is not read
  int64_t tick_interval_ms = 1'000;            // how often deadlines and expiries are resolved

  engine::EngineConfig engine;
};

class Server {
 public:
  // Opens (or creates) the store in data_dir, recovers, creates the admin account's
  // credentials on first start (data_dir/admin.credentials, mode 0600), binds, and starts
  // serving. nullptr with *error when any of it fails.
  static std::unique_ptr<Server> Start(ServerConfig config, std::string* error);
  // Stops (as Stop) and joins.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (the one picked when the config said 0).
  uint16_t port() const;
  // The telemetry endpoint's bound port (metrics_listen; the one picked when it said 0).
  uint16_t metrics_port() const;
  // data_dir/admin.credentials (hitd_client's credentials file format).
  std::string admin_credentials_path() const;
  // The daemon's counters (relaxed atomics): readable from any thread while it runs.
  const ServerCounters& counters() const;

  // Graceful stop, from any thread: stop accepting, answer what is in flight, flush,
  // close the store. Returns once all of it is done. Idempotent.
  void Stop();

 private:
  struct Impl;
  Server();
  std::unique_ptr<Impl> impl_;
};

}  // namespace hitd::server
