// What the telemetry endpoint serves: /metrics (every metric of docs/metrics.md, in the
// Prometheus text format), /healthz and /readyz, from the daemon's sources.
//
// Every source is read without a lock the hot path takes: ServerCounters (relaxed
// atomics of the IO, engine and store threads), the store writer's WriterCounters and
// health (atomics), and the store's map usage and entry counts through LMDB read
// transactions (Store::Usage, EventCount, TokenCount share the store's resize lock with
// readers; only a map grow takes it alone, and then a scrape waits, not the writer's
// hot path). HTTP thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/store/store.h"
#include "engine/store/writer.h"
#include "net/server/counters.h"
#include "net/telemetry/http_server.h"

namespace hitd::telemetry {

struct Sources {
  const server::ServerCounters* counters = nullptr;
  const store::StoreWriter* writer = nullptr;
  store::Store* store = nullptr;
  uint64_t max_map_size = 0;
  std::string version;
  double start_time_seconds = 0;  // Unix time
};

// The /metrics page.
std::string RenderMetrics(const Sources& sources);

// Recovery is done, the daemon serves, and the store takes writes.
bool Ready(const Sources& sources);

// /metrics, /healthz, /readyz; 404 for any other path.
HttpReply Route(const Sources& sources, std::string_view path);

}  // namespace hitd::telemetry
