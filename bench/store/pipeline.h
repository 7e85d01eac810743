// The engine thread of a daemon, reduced to what the store benchmarks need: commands are
// applied through a Host into batches of at most `batch_commands`; a full batch is
// submitted at once and the thread goes on with the next while the store thread commits
// (pipelined); finished batches are taken back (NextDone) and recycled between batches.
//
// A batch keeps its commands until it is done, because its Output points into their
// payloads. A command may carry a tag (a client number): once its batch is done, the
// tag goes to the `on_done` callback, as a daemon would release that client's response.
//
// One thread (the benchmark's) plays both the engine thread and the consumer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "engine/engine.h"
#include "engine/store/host.h"

namespace hitd::bench {

struct PipelineStats {
  uint64_t batches = 0;      // submitted
  uint64_t commands = 0;     // applied, Ticks included
  uint64_t mutations = 0;    // mutations the engine accepted (Ticks not counted)
  uint64_t failed = 0;       // commands the engine refused
  uint64_t not_durable = 0;  // batches that came back other than kDurable
  uint64_t stalls = 0;       // a batch was needed while every batch was in flight
  int64_t engine_ns = 0;     // time from opening each batch to submitting it
};

class Pipeline {
 public:
  static constexpr uint32_t kNoTag = UINT32_MAX;

  Pipeline(store::Host& host, size_t batch_commands);

  // The clock: read once per batch by a daemon, so every command of a batch gets the
  // same `now`. With `tick_each_batch`, a Tick opens every batch, as timers would fire.
  void set_now(engine::TimeMs now) { now_ = now; }
  engine::TimeMs now() const { return now_; }
  void set_tick_each_batch(bool on) { tick_each_batch_ = on; }
  // Serial: wait until each batch is durable before opening the next, so that every
  // commit carries exactly one batch (no pipelining, no group commit).
  void set_serial(bool on) { serial_ = on; }
  void set_on_done(std::function<void(uint32_t tag)> on_done) { on_done_ = std::move(on_done); }

  // Applies `command` as `actor` in the open batch (opening one first, waiting for a
  // free batch if all are in flight), and submits the batch once it is full.
  engine::Result Apply(engine::AccountId actor, engine::Command command, uint32_t tag = kNoTag);
  // Submits the open batch, if any.
  void Flush();
  // Takes back every finished batch. Returns how many.
  size_t Poll();
  // Waits (spinning briefly, then sleeping) until the oldest batch in flight is done,
  // and takes back every finished batch. Returns how many.
  size_t WaitAndPoll();
  // Flushes, waits for every batch, takes them all back.
  void Drain();

  size_t open_commands() const;
  const PipelineStats& stats() const { return stats_; }

 private:
  struct Slot {
    std::vector<engine::Command> commands;  // reserved: never reallocated
    std::vector<uint32_t> tags;
  };
  void Open();

  store::Host& host_;
  size_t batch_commands_;
  engine::TimeMs now_;
  bool tick_each_batch_ = false;
  bool serial_ = false;
  std::function<void(uint32_t)> on_done_;
  store::Batch* open_ = nullptr;
  Slot* open_slot_ = nullptr;
  int64_t open_ns_ = 0;
  std::unordered_map<const store::Batch*, std::unique_ptr<Slot>> slots_;
  PipelineStats stats_;
};

}  // namespace hitd::bench
