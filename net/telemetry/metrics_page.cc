#include "net/telemetry/metrics_page.h"

#include <string>

#include "engine/errors.h"
#include "net/protocol/operation_names.h"
#include "net/telemetry/exposition.h"

namespace hitd::telemetry {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

template <typename T>
uint64_t Load(const std::atomic<T>& a) {
  return static_cast<uint64_t>(a.load(kRelaxed));
}

void Requests(const server::ServerCounters& c, Exposition& e) {
  e.Family("hitd_requests_total", "counter", "Requests answered, by operation.");
  for (const net::OperationName& op : net::OperationNames()) {
    const auto slot = static_cast<size_t>(op.body);
    if (slot >= server::kOperationSlots) continue;
    uint64_t total = 0;
    for (const auto& by_code : c.answers[slot]) total += Load(by_code);
    e.Sample("hitd_requests_total", total, {{"operation", op.name}});
  }
  e.Family("hitd_request_errors_total", "counter",
           "Requests answered with an error, by operation and code.");
  for (const net::OperationName& op : net::OperationNames()) {
    const auto slot = static_cast<size_t>(op.body);
    if (slot >= server::kOperationSlots) continue;
    for (size_t code = 1; code < server::kErrorSlots; ++code) {
      const uint64_t n = Load(c.answers[slot][code]);
      if (n == 0) continue;  // a series appears with its first error
      const std::string_view name = engine::ErrorCodeName(static_cast<engine::ErrorCode>(code));
      e.Sample("hitd_request_errors_total", n, {{"operation", op.name}, {"code", name}});
    }
  }
  e.HistogramFamily("hitd_request_duration_seconds",
                    "From a request's frame read to its answer released (durable).",
                    c.request_seconds);
  e.HistogramFamily("hitd_engine_apply_seconds", "Engine time per batch.", c.engine_apply_seconds);
  e.Family("hitd_frames_malformed_total", "counter",
           "Frames that failed the length check or verification.");
  e.Sample("hitd_frames_malformed_total", Load(c.frames_malformed));
}

void Gauge(Exposition& e, std::string_view name, std::string_view help, int64_t value) {
  e.Family(name, "gauge", help);
  e.Sample(name, value);
}

void Market(const server::ServerCounters& c, Exposition& e) {
  const MarketGauges& m = c.market;
  Gauge(e, "hitd_open_hits", "HITs assignable (open, not expired).", m.open_hits.load(kRelaxed));
  Gauge(e, "hitd_free_slots", "Assignment slots workers may still take.",
        m.free_slots.load(kRelaxed));
  e.Family("hitd_assignments", "gauge", "Assignments in progress and awaiting review.");
  e.Sample("hitd_assignments", m.assignments_accepted.load(kRelaxed), {{"state", "accepted"}});
  e.Sample("hitd_assignments", m.assignments_submitted.load(kRelaxed), {{"state", "submitted"}});
  Gauge(e, "hitd_workers_online", "Worker connections authenticated now.",
        static_cast<int64_t>(Load(c.workers_online)));
  e.Family("hitd_accounts", "gauge", "Accounts, by role.");
  e.Sample("hitd_accounts", m.admins.load(kRelaxed), {{"role", "admin"}});
  e.Sample("hitd_accounts", m.requesters.load(kRelaxed), {{"role", "requester"}});
  e.Sample("hitd_accounts", m.workers.load(kRelaxed), {{"role", "worker"}});
  Gauge(e, "hitd_ledger_imbalance_cents", "Deposits minus every balance and revenue: always 0.",
        m.ledger_imbalance_cents.load(kRelaxed));
  Gauge(e, "hitd_escrow_cents", "Money held in escrow for open slots.",
        m.escrow_cents.load(kRelaxed));
  Gauge(e, "hitd_platform_revenue_cents", "Commission earned by the platform.",
        m.platform_revenue_cents.load(kRelaxed));
}

void Counter(Exposition& e, std::string_view name, std::string_view help, uint64_t value) {
  e.Family(name, "counter", help);
  e.Sample(name, value);
}

void Store(const Sources& s, Exposition& e) {
  const server::ServerCounters& c = *s.counters;
  e.Family("hitd_ring_depth", "gauge", "Items waiting in each ring.");
  e.Sample("hitd_ring_depth", Load(c.request_ring_depth), {{"ring", "requests"}});
  e.Sample("hitd_ring_depth", Load(c.store_ring_depth), {{"ring", "store"}});
  e.HistogramFamily("hitd_batch_commands", "Commands per engine batch.", c.batch_commands);
  e.HistogramFamily("hitd_commit_seconds", "LMDB commit time per group commit (fsync included).",
                    c.commit_seconds);
  const store::WriterCounters& w = s.writer->counters();
  Counter(e, "hitd_commits_total", "Group commits.", Load(w.commits));
  const store::MapUsage usage = s.store->Usage();
  Gauge(e, "hitd_store_map_size_bytes", "LMDB map size.", static_cast<int64_t>(usage.map_size));
  Gauge(e, "hitd_store_used_bytes", "LMDB pages in use.", static_cast<int64_t>(usage.used));
  Gauge(e, "hitd_store_max_map_size_bytes", "The configured ceiling of the map.",
        static_cast<int64_t>(s.max_map_size));
  Counter(e, "hitd_store_map_grows_total", "Times the map grew.", Load(w.map_grows));
  Counter(e, "hitd_store_disk_full_total", "Commits failed for lack of space.", Load(w.disk_full));
  Counter(e, "hitd_store_fsync_errors_total", "Fatal commit or sync errors.", Load(w.fsync_errors));
  Gauge(e, "hitd_store_healthy", "1 while the store takes writes, 0 when disk full or failed.",
        s.writer->health() == store::Health::kOk ? 1 : 0);
  Gauge(e, "hitd_events_retained", "Events in the log.",
        static_cast<int64_t>(s.store->EventCount()));
  Gauge(e, "hitd_tokens_retained", "Idempotency tokens kept.",
        static_cast<int64_t>(s.store->TokenCount()));
}

void Process(const Sources& s, Exposition& e) {
  const server::ServerCounters& c = *s.counters;
  Gauge(e, "hitd_connections_open", "TCP connections open.",
        static_cast<int64_t>(Load(c.connections_open)));
  Counter(e, "hitd_connections_accepted_total", "Connections accepted.",
          Load(c.connections_accepted));
  Counter(e, "hitd_connections_refused_total", "Connections refused (over the cap).",
          Load(c.connections_refused));
  Counter(e, "hitd_connections_timed_out_total",
          "Connections closed at a deadline (handshake, frame, idle).",
          Load(c.connections_timed_out));
  Counter(e, "hitd_connections_slow_total", "Connections closed for not reading their answers.",
          Load(c.connections_slow));
  Gauge(e, "hitd_ready", "1 once recovery is done and hitd serves.",
        c.ready.load(std::memory_order_acquire) ? 1 : 0);
  e.Family("hitd_build_info", "gauge", "Always 1.");
  e.Sample("hitd_build_info", int64_t{1}, {{"version", s.version}});
  e.Family("hitd_start_time_seconds", "gauge", "When this process started (Unix time).");
  e.Sample("hitd_start_time_seconds", s.start_time_seconds);
}

}  // namespace

std::string RenderMetrics(const Sources& sources) {
  Exposition e;
  Requests(*sources.counters, e);
  Market(*sources.counters, e);
  Store(sources, e);
  Process(sources, e);
  return e.Take();
}

bool Ready(const Sources& sources) {
  return sources.counters->ready.load(std::memory_order_acquire) &&
         sources.writer->health() == store::Health::kOk;
}

HttpReply Route(const Sources& sources, std::string_view path) {
  if (path == "/metrics") {
    return HttpReply{200, "text/plain; version=0.0.4; charset=utf-8", RenderMetrics(sources)};
  }
  if (path == "/healthz") return HttpReply{200, "text/plain; charset=utf-8", "ok"};
  if (path == "/readyz") {
    if (Ready(sources)) return HttpReply{200, "text/plain; charset=utf-8", "ready"};
    return HttpReply{503, "text/plain; charset=utf-8", "not ready\n"};
  }
  return HttpReply{404, "text/plain; charset=utf-8", "not found\n"};
}

}  // namespace hitd::telemetry
