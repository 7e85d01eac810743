// The daemon's telemetry counters: relaxed atomics that the IO and engine threads bump
// and any other thread (the telemetry endpoint, tests) reads without a lock. Each
// counter has one writing thread, named in its comment; readers see a recent value,
// never a torn one.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "engine/errors.h"
#include "net/telemetry/histogram.h"
#include "net/telemetry/market.h"
#include "schemas/protocol_generated.h"

namespace hitd::server {

inline constexpr size_t kOperationSlots = static_cast<size_t>(schema::RequestBody::MAX) + 1;
inline constexpr size_t kErrorSlots = 16;  // engine::ErrorCode fits (0 to 14)
static_assert(static_cast<size_t>(engine::ErrorCode::kTokenConflict) < kErrorSlots);

struct ServerCounters {
  // IO thread.
  std::atomic<uint64_t> connections_open{0};
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_refused{0};    // over max_connections
  std::atomic<uint64_t> connections_timed_out{0};  // handshake, frame or idle deadline
  std::atomic<uint64_t> connections_slow{0};       // closed for max_unsent_bytes
  std::atomic<uint64_t> handshakes_ok{0};
  std::atomic<uint64_t> handshakes_failed{0};
  std::atomic<uint64_t> frames_in{0};
  std::atomic<uint64_t> frames_malformed{0};
  std::atomic<uint64_t> bytes_in{0};
  std::atomic<uint64_t> bytes_out{0};
  std::atomic<uint64_t> events_pushed{0};
  std::atomic<uint64_t> work_pushes{0};
  std::atomic<uint64_t> reads_paused{0};  // a session stopped reading: backpressure
  // Answers by operation (RequestBody member) and by error code (0: ok). IO thread.
  std::array<std::atomic<uint64_t>, kOperationSlots> requests_by_operation{};
  std::array<std::atomic<uint64_t>, kErrorSlots> answers_by_code{};
  // Answers by operation and code (0: ok), counted when the answer is released; the
  // histogram runs from the request's frame read to its answer released. IO thread.
  std::array<std::array<std::atomic<uint64_t>, kErrorSlots>, kOperationSlots> answers{};
  telemetry::Histogram request_seconds{telemetry::kDurationBoundsNs, 1e-9};
  std::atomic<uint64_t> workers_online{0};  // authenticated worker sessions open

  // Engine thread.
  std::atomic<uint64_t> batches{0};
  std::atomic<uint64_t> commands{0};
  std::atomic<uint64_t> ticks{0};
  std::atomic<uint64_t> engine_parks{0};
  telemetry::Histogram engine_apply_seconds{telemetry::kDurationBoundsNs, 1e-9};  // per batch
  telemetry::Histogram batch_commands{telemetry::kBatchSizeBounds, 1};
  telemetry::MarketGauges market;
  // Gauges, set by the thread that owns the ring's consumer side.
  std::atomic<uint64_t> request_ring_depth{0};  // engine thread, at each batch
  std::atomic<uint64_t> store_ring_depth{0};    // engine thread, at each batch

  // Store thread (WriterOptions::on_commit): each group commit's time, fsync included.
  telemetry::Histogram commit_seconds{telemetry::kDurationBoundsNs, 1e-9};
  // Server::Start, once recovery is done and the daemon serves; cleared by Stop.
  std::atomic<bool> ready{false};
};

}  // namespace hitd::server
