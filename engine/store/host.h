// The engine thread's side of persistence: an Engine recovered from the store, a pool of
// batches, and the StoreWriter that makes them durable.
//
// Recovery (Open): open the store, clear dead readers, load every record into a new
// engine, rebuild its indexes, check its records (and, with HostOptions::verify, every
// invariant), then resolve overdue deadlines,
// expiries and auto-approvals with a Tick committed as the first batch; only then is the
// host ready.
//
// The engine thread fills a batch (Begin, Apply...), submits it, and goes on with the next
// one while the store commits; a consumer (the same thread or another) takes finished
// batches back in order (NextDone) and answers each command by the batch's status, then
// recycles the batch. In sync mode a batch is finished once durable; in async mode the
// answers may go out right after Apply (Durability::kAsync, see writer.h for the window).
//
// A commit that fails for lack of space rolls the engine back: every batch submitted after
// the last good commit comes back kDiskFull, and the engine thread's Maintain() reloads
// the engine from the store once they are all back. Until a probe finds room, mutations
// are refused with RESOURCE_EXHAUSTED and reads go on. After a fatal store error every
// command is refused with UNAVAILABLE.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/store/ring.h"
#include "engine/store/store.h"
#include "engine/store/writer.h"

namespace hitd::store {

struct HostOptions {
  StoreOptions store;
  WriterOptions writer;
  engine::EngineConfig engine;
  size_t batches = 64;  // the pool: at most this many batches in flight
  // Start-up verification beyond what loading checks (records consistent, money
  // conserved): the O(n) index checks of Engine::CheckInvariants and the state hash in
  // RecoveryReport. STYLE 8: on in debug builds, tests and the crash harness; off in a
  // release daemon, where it would double the time to ready.
#ifdef NDEBUG
  bool verify = false;
#else
  bool verify = true;
#endif
};

struct RecoveryReport {
  LoadStats loaded;
  int64_t load_ms = 0;      // reading the store and rebuilding the engine
  uint64_t state_hash = 0;  // of the state as loaded, before the recovery tick (0 unless
                            // HostOptions::verify)
  engine::TickResult tick;  // what the recovery tick resolved
  uint64_t last_batch = 0;  // the last batch committed before this start
};

class Host {
 public:
  static std::unique_ptr<Host> Open(HostOptions options, engine::TimeMs now, RecoveryReport* report,
                                    std::string* error);
  // Waits for every submitted batch, syncs and closes the store.
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Engine thread. A batch to fill, or nullptr while every batch is in flight.
  Batch* Begin();
  // Applies one command, appending its changes to batch.out (see the class comment for
  // the refusals while the store is unwell).
  engine::Result Apply(Batch& batch, const engine::Context& ctx, const engine::Command& command);
  // Hands the batch to the store thread; waits while its ring is full.
  void Submit(Batch* batch);
  // Between batches: once a rollback is pending and every batch is back, reloads the
  // engine from the store. Returns false (with *error) only if the reload failed.
  bool Maintain(std::string* error);
  // Waits until every submitted batch is done.
  void Drain();

  // Consumer thread: the next finished batch in order, or nullptr. Give it back with
  // Recycle once its answers are out.
  Batch* NextDone() { return writer_->TryNextDone(); }
  void Recycle(Batch* batch);

  const engine::Engine& engine() const { return *engine_; }
  Store& store() { return *store_; }
  StoreWriter& writer() { return *writer_; }
  uint64_t rollbacks() const { return rollbacks_; }

 private:
  Host() = default;
  bool LoadEngine(RecoveryReport* report, std::string* error);

  HostOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<engine::Engine> engine_;
  std::vector<std::unique_ptr<Batch>> pool_;
  std::unique_ptr<SpscRing<Batch>> free_;  // consumer -> engine thread
  std::unique_ptr<StoreWriter> writer_;
  uint64_t rollbacks_ = 0;
};

}  // namespace hitd::store
