// The engine's LMDB store: one environment in the data directory, a named database per
// record kind, the event log, idempotency tokens, opaque payloads and `meta`.
//
// Layout (keys are big-endian, so LMDB's order is numeric order):
//   meta           "format_version" -> u64; "engine" -> EngineMeta; "next_ids" -> the
//                  next id of each table (u64 each, in kTables order); "last_batch" -> u64
//   accounts, profiles, qual_types, qual_requests, hit_types, hits, assignments, bonuses
//                  id -> record
//   grants         worker | type -> QualGrant
//   blocks         requester | worker -> WorkerBlock
//   events         seq -> Event (pruned by age and count, see Prune)
//   tokens         account | token -> TokenRecord (deleted when the engine forgets it)
//   payloads       kind | id | aux -> bytes (question, answer, test content, reasons...)
// Records are FlatBuffers (schemas/records.fbs, engine/store/codec.h).
//
// Threads: one writer thread calls Write/Prune/Commit (through StoreWriter); any thread
// may call the readers, which take a shared lock only so that growing the map (which
// LMDB allows only with no transaction open) can wait for them.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "engine/load.h"
#include "engine/output.h"
#include "engine/store/lmdb.h"

namespace flatbuffers {
class FlatBufferBuilder;
}

namespace hitd::store {

inline constexpr uint64_t kFormatVersion = 1;

enum class Durability : uint8_t {
  kSync = 1,   // a batch is acknowledged after its commit is fsync'ed
  kAsync = 2,  // acknowledged after the engine; flushed every flush_interval_ms
};

struct StoreOptions {
  std::string dir;  // created if missing; holds data.mdb and lock.mdb
  Durability durability = Durability::kSync;
  uint64_t map_size = uint64_t{1} << 30;      // the first map; doubled when full
  uint64_t max_map_size = uint64_t{1} << 40;  // past this, a full map is a full disk
  // Retention of the event log, pruned a little at a time by the writer. (Tokens follow
  // the engine's window and capacity: EngineConfig::token_window, token_capacity.)
  int64_t event_max_age_ms = int64_t{30} * 24 * 3600 * 1000;
  uint64_t event_max_count = 50'000'000;
};

struct LoadStats {
  uint64_t records = 0;  // records, tokens and meta read
  uint64_t bytes = 0;    // their encoded size
};

struct MapUsage {
  uint64_t map_size = 0;   // bytes mapped (the current limit)
  uint64_t used = 0;       // bytes in pages in use
  uint64_t page_size = 0;  // LMDB's page size
};

struct PruneStats {
  uint64_t events = 0;
};

class Store {
 public:
  // Opens (or creates) the store in options.dir. Refuses a store written with an unknown
  // or newer format, and a directory that holds some other LMDB database. Clears stale
  // reader slots of dead processes (mdb_reader_check).
  static std::unique_ptr<Store> Open(const StoreOptions& options, std::string* error);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Recovery: reads every record, token and the meta into `loader`.
  bool Load(engine::EngineLoader& loader, LoadStats* stats, std::string* error);
  // The batch number of the last committed batch (0 for a new store).
  uint64_t LastBatch();

  // Writer thread only. Write() puts everything `out` holds into `txn`; the caller
  // commits. Return LMDB codes.
  int BeginWrite(Txn& txn);
  int Write(Txn& txn, const engine::Output& out);
  int WriteLastBatch(Txn& txn, uint64_t batch);
  // Deletes up to `budget` events past retention (age measured from `now_ms`), oldest
  // first.
  int Prune(Txn& txn, int64_t now_ms, uint64_t budget, PruneStats* stats);
  // Doubles the map, up to max_map_size (MDB_MAP_FULL past it). No write txn may be open.
  int Grow();
  int Sync();  // fsync what async commits left unsynced
  // False once LMDB has declared the environment broken (MDB_PANIC, after a failed
  // meta-page write); Reopen then closes it and opens the file again, from what is on
  // disk. Writer thread only, with no transaction open.
  bool Usable();
  bool Reopen(std::string* error);

  // Readers: any thread.
  // The payload, or MDB_NOTFOUND.
  int ReadPayload(engine::PayloadKind kind, uint64_t id, uint64_t aux, std::string* out);
  // Up to `max` events with seq >= from, in order.
  int ReadEvents(uint64_t from, size_t max, std::vector<engine::Event>* out);
  // The oldest retained event's seq (0 if the log is empty).
  uint64_t FirstEventSeq();
  uint64_t EventCount();
  uint64_t TokenCount();
  MapUsage Usage();
  // A compacting copy of the whole store into `dir` (created; must hold no data.mdb),
  // taken in one read transaction while writes go on.
  int Backup(const std::string& dir, std::string* error);
  // Bytes in use by one database's pages (for the size benchmark).
  uint64_t DatabaseBytes(const char* name);

  const StoreOptions& options() const { return options_; }
  MDB_env* env() const { return env_; }

 private:
  explicit Store(StoreOptions options);
  bool CreateFresh(std::string* error);
  bool OpenEnv(const std::string& dir, std::string* error);
  bool CheckFormat(std::string* error);

  StoreOptions options_;
  MDB_env* env_ = nullptr;
  uint64_t map_size_ = 0;
  std::shared_mutex resize_;                             // readers share it; Grow takes it alone
  std::unique_ptr<flatbuffers::FlatBufferBuilder> fbb_;  // writer thread's
  struct Dbs;
  std::unique_ptr<Dbs> dbs_;
};

// Restores a backup taken by Store::Backup into `data_dir`, which must not hold a store.
bool RestoreBackup(const std::string& backup_dir, const std::string& data_dir, std::string* error);

}  // namespace hitd::store
