#include "bench/store/pipeline.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <variant>

namespace hitd::bench {

namespace {

int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Pipeline::Pipeline(store::Host& host, size_t batch_commands)
    : host_(host), batch_commands_(batch_commands) {}

size_t Pipeline::open_commands() const {
  return open_slot_ == nullptr ? 0 : open_slot_->commands.size();
}

void Pipeline::Open() {
  store::Batch* b = host_.Begin();
  if (b == nullptr) {
    ++stats_.stalls;
    while ((b = host_.Begin()) == nullptr) WaitAndPoll();
  }
  std::unique_ptr<Slot>& slot = slots_[b];
  if (slot == nullptr) {
    slot = std::make_unique<Slot>();
    slot->commands.reserve(batch_commands_ + 1);  // + the Tick
    slot->tags.reserve(batch_commands_);
  }
  open_ = b;
  open_slot_ = slot.get();
  open_ns_ = SteadyNs();
  if (tick_each_batch_) {
    open_slot_->commands.emplace_back(engine::Tick{});
    ++stats_.commands;
    host_.Apply(*open_, engine::Context(engine::AccountId(), now_), open_slot_->commands.back());
  }
}

engine::Result Pipeline::Apply(engine::AccountId actor, engine::Command command, uint32_t tag) {
  if (open_ == nullptr) Open();
  Slot& slot = *open_slot_;
  if (slot.commands.size() >= slot.commands.capacity()) {
    std::fprintf(stderr, "pipeline: batch storage would reallocate\n");
    std::abort();
  }
  slot.commands.push_back(std::move(command));
  const engine::Command& stored = slot.commands.back();
  engine::Result r = host_.Apply(*open_, engine::Context(actor, now_), stored);
  ++stats_.commands;
  if (!r.ok()) {
    ++stats_.failed;
  } else if (engine::IsMutation(stored)) {
    ++stats_.mutations;
  }
  if (tag != kNoTag) slot.tags.push_back(tag);
  if (slot.commands.size() >= batch_commands_ + (tick_each_batch_ ? 1 : 0)) Flush();
  return r;
}

void Pipeline::Flush() {
  if (open_ == nullptr) return;
  stats_.engine_ns += SteadyNs() - open_ns_;
  host_.Submit(open_);
  ++stats_.batches;
  open_ = nullptr;
  open_slot_ = nullptr;
  if (serial_) {
    host_.Drain();
    Poll();
  }
}

size_t Pipeline::Poll() {
  size_t n = 0;
  while (store::Batch* b = host_.NextDone()) {
    ++n;
    if (b->status != store::BatchStatus::kDurable) ++stats_.not_durable;
    Slot& slot = *slots_.at(b);
    if (on_done_) {
      for (uint32_t tag : slot.tags) on_done_(tag);
    }
    slot.commands.clear();
    slot.tags.clear();
    host_.Recycle(b);
  }
  return n;
}

size_t Pipeline::WaitAndPoll() {
  if (size_t n = Poll(); n > 0) return n;
  store::StoreWriter& w = host_.writer();
  if (w.done_seq() < w.submitted()) {
    // StoreWriter::WaitDone spins, then sleeps: a thread that only yields would take the
    // core the store thread needs whenever other processes share the machine.
    if (!w.WaitDone(w.done_seq() + 1, 60'000)) {
      std::fprintf(stderr, "pipeline: the store did not finish a batch in a minute\n");
      std::abort();
    }
  }
  return Poll();
}

void Pipeline::Drain() {
  Flush();
  host_.Drain();
  Poll();
}

}  // namespace hitd::bench
