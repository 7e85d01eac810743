#include "engine/store/host.h"

#include <chrono>
#include <thread>

#include "engine/load.h"

namespace hitd::store {

namespace {
constexpr int64_t kForever = 86'400'000;  // WaitDone's longest wait
int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::unique_ptr<Host> Host::Open(HostOptions options, engine::TimeMs now, RecoveryReport* report,
                                 std::string* error) {
  RecoveryReport local;
  if (report == nullptr) report = &local;
  std::unique_ptr<Host> host(new Host());
  host->options_ = std::move(options);
  host->store_ = Store::Open(host->options_.store, error);
  if (host->store_ == nullptr || !host->LoadEngine(report, error)) return nullptr;
  const size_t n = std::max<size_t>(host->options_.batches, 2);
  host->free_ = std::make_unique<SpscRing<Batch>>(n);
  for (size_t i = 0; i < n; ++i) {
    host->pool_.push_back(std::make_unique<Batch>());
    host->free_->TryPush(host->pool_.back().get());
  }
  WriterOptions writer = host->options_.writer;
  writer.ring_capacity = host->free_->capacity();
  report->last_batch = host->store_->LastBatch();
  host->writer_ =
      std::make_unique<StoreWriter>(*host->store_, std::move(writer), report->last_batch + 1);
  // Overdue deadlines, expiries and auto-approvals, resolved and made durable first.
  Batch* b = host->Begin();
  engine::Result r = host->Apply(*b, engine::Context(engine::AccountId(), now), engine::Tick{});
  if (r.ok()) report->tick = r.get<engine::TickResult>();
  host->Submit(b);
  Batch* done = nullptr;
  if (host->writer_->WaitDone(b->seq, kForever)) done = host->NextDone();
  if (done == nullptr) {
    *error = "the store did not commit the recovery tick";
    return nullptr;
  }
  const BatchStatus status = done->status;
  host->Recycle(done);
  if (status != BatchStatus::kDurable) {
    *error = "the store refused the recovery commit (disk full or I/O error)";
    return nullptr;
  }
  return host;
}

bool Host::LoadEngine(RecoveryReport* report, std::string* error) {
  const int64_t start = SteadyMs();
  engine::EngineLoader loader(options_.engine);
  report->loaded = LoadStats{};
  if (!store_->Load(loader, &report->loaded, error)) return false;
  std::string why;
  std::unique_ptr<engine::Engine> engine = loader.Finish(&why);
  if (engine == nullptr) {
    *error = "the store's records are inconsistent: " + why;
    return false;
  }
  // Finish has checked the records and the ledger; the indexes are its own work.
  if (options_.verify) engine->CheckInvariants();  // indexes agree too: aborts if not
  engine_ = std::move(engine);
  report->load_ms = SteadyMs() - start;
  report->state_hash = options_.verify ? engine_->StateHash() : 0;
  return true;
}

Host::~Host() {
  if (writer_ != nullptr) Drain();
  writer_.reset();  // joins the store thread, syncing an async store
}

Batch* Host::Begin() {
  Batch* b = free_->TryPop();
  if (b != nullptr) {
    b->out.Clear();
    b->mutates = false;
    b->status = BatchStatus::kPending;
  }
  return b;
}

engine::Result Host::Apply(Batch& batch, const engine::Context& ctx,
                           const engine::Command& command) {
  if (writer_->rollback_pending() || writer_->health() == Health::kFailed) {
    return engine::Fail(engine::ErrorCode::kUnavailable, "store");
  }
  const bool is_tick = std::holds_alternative<engine::Tick>(command);
  if (writer_->health() == Health::kDiskFull && (is_tick || engine::IsMutation(command))) {
    return engine::Fail(engine::ErrorCode::kResourceExhausted, "store");
  }
  engine::Result r = engine_->Apply(ctx, command, batch.out);
  batch.mutates |= batch.out.meta_changed;
  return r;
}

void Host::Submit(Batch* batch) { writer_->Submit(batch); }

void Host::Recycle(Batch* batch) {
  // The pool is the free ring's capacity: there is always room.
  free_->TryPush(batch);
}

void Host::Drain() { writer_->WaitDone(writer_->submitted(), kForever); }

bool Host::Maintain(std::string* error) {
  if (!writer_->rollback_pending()) return true;
  if (writer_->done_seq() < writer_->submitted()) return true;  // batches still out
  RecoveryReport report;
  if (!LoadEngine(&report, error)) return false;
  ++rollbacks_;
  writer_->ResumeAfterRollback();
  return true;
}

}  // namespace hitd::store
