// Store: recovery (Load), retention (Prune), readers, backup and restore.
#include <flatbuffers/flatbuffers.h>

#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <system_error>

#include "engine/store/codec.h"
#include "engine/store/store.h"
#include "engine/store/store_layout.h"

namespace hitd::store {

namespace {

std::string Hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

// Reads every record of one database into the loader; *max_id is the largest id seen.
template <typename Record>
bool LoadAll(MDB_txn* txn, MDB_dbi dbi, const char* name, engine::EngineLoader& loader,
             LoadStats* stats, uint64_t* max_id, std::string* error) {
  Cursor cursor;
  int rc = cursor.Open(txn, dbi);
  MDB_val k, v;
  Record record;
  for (rc = rc == 0 ? cursor.Get(&k, &v, MDB_FIRST) : rc; rc == 0;
       rc = cursor.Get(&k, &v, MDB_NEXT)) {
    if (!Decode(Bytes(v), record)) {
      *error = std::string("corrupt record in ") + name + " at key " + Hex(Bytes(k));
      return false;
    }
    if constexpr (requires { record.id.value; }) {
      if (max_id != nullptr && record.id.value > *max_id) *max_id = record.id.value;
    }
    loader.Add(record);
    ++stats->records;
    stats->bytes += k.mv_size + v.mv_size;
  }
  if (rc != MDB_NOTFOUND) {
    *error = std::string("cannot read ") + name + ": " + LmdbError(rc);
    return false;
  }
  return true;
}

int GetMeta(MDB_txn* txn, MDB_dbi meta, std::string_view name, MDB_val* v) {
  Key k;
  k.Tail(name);
  MDB_val kv = k.val();
  return mdb_get(txn, meta, &kv, v);
}

}  // namespace

bool Store::Load(engine::EngineLoader& loader, LoadStats* stats, std::string* error) {
  LoadStats local;
  if (stats == nullptr) stats = &local;
  std::shared_lock lock(resize_);
  Txn txn;
  if (int rc = txn.Begin(env_, MDB_RDONLY); rc != 0) {
    *error = "cannot read the store: " + LmdbError(rc);
    return false;
  }
  MDB_txn* t = txn.get();
  const MDB_dbi* d = dbs_->dbi;
  uint64_t max[kIdTableCount] = {};
  if (!LoadAll<engine::Account>(t, d[kAccounts], "accounts", loader, stats, &max[0], error) ||
      !LoadAll<engine::AccountProfile>(t, d[kProfiles], "profiles", loader, stats, nullptr,
                                       error) ||
      !LoadAll<engine::QualType>(t, d[kQualTypes], "qual_types", loader, stats, &max[1], error) ||
      !LoadAll<engine::QualRequest>(t, d[kQualRequests], "qual_requests", loader, stats, &max[2],
                                    error) ||
      !LoadAll<engine::HitType>(t, d[kHitTypes], "hit_types", loader, stats, &max[3], error) ||
      !LoadAll<engine::Hit>(t, d[kHits], "hits", loader, stats, &max[4], error) ||
      !LoadAll<engine::Assignment>(t, d[kAssignments], "assignments", loader, stats, &max[5],
                                   error) ||
      !LoadAll<engine::Bonus>(t, d[kBonuses], "bonuses", loader, stats, &max[6], error) ||
      !LoadAll<engine::QualGrant>(t, d[kGrants], "grants", loader, stats, nullptr, error) ||
      !LoadAll<engine::WorkerBlock>(t, d[kBlocks], "blocks", loader, stats, nullptr, error) ||
      !LoadAll<engine::TokenRecord>(t, d[kTokens], "tokens", loader, stats, nullptr, error)) {
    return false;
  }
  MDB_val v;
  int rc = GetMeta(t, d[kMeta], kEngineKey, &v);
  if (rc == 0) {
    engine::EngineMeta meta;
    if (!Decode(Bytes(v), meta)) {
      *error = "corrupt engine counters in meta";
      return false;
    }
    loader.SetMeta(meta);
    ++stats->records;
  } else if (rc != MDB_NOTFOUND) {
    *error = "cannot read meta: " + LmdbError(rc);
    return false;
  }
  // Every table must reach the next id meta promised: a shortfall means lost records.
  std::fill(std::begin(dbs_->next_ids), std::end(dbs_->next_ids), 0);
  rc = GetMeta(t, d[kMeta], kNextIdsKey, &v);
  if (rc == 0 && v.mv_size == sizeof(dbs_->next_ids)) {
    const auto* p = static_cast<const uint8_t*>(v.mv_data);
    for (size_t i = 0; i < kIdTableCount; ++i) {
      dbs_->next_ids[i] = ReadU64(p + 8 * i);
      if (max[i] + 1 < dbs_->next_ids[i]) {
        *error = std::string("the store is missing records: ") + kDbNames[kIdTables[i]] +
                 " ends at id " + std::to_string(max[i]) + " but ids up to " +
                 std::to_string(dbs_->next_ids[i] - 1) + " were written";
        return false;
      }
    }
  } else if (rc != MDB_NOTFOUND) {
    *error = "corrupt next ids in meta";
    return false;
  }
  return true;
}

uint64_t Store::LastBatch() {
  std::shared_lock lock(resize_);
  Txn txn;
  if (txn.Begin(env_, MDB_RDONLY) != 0) return 0;
  MDB_val v;
  if (GetMeta(txn.get(), dbs_->dbi[kMeta], kLastBatchKey, &v) != 0 || v.mv_size != 8) return 0;
  return ReadU64(static_cast<const uint8_t*>(v.mv_data));
}

int Store::Prune(Txn& txn, int64_t now_ms, uint64_t budget, PruneStats* stats) {
  // Tokens need no pruning here: the engine forgets them (window and capacity) and the
  // store deletes each one it forgot in the same commit (Output::forgotten_tokens).
  MDB_txn* t = txn.get();
  // Events: past the count limit, or older than the age limit, oldest first.
  MDB_stat st;
  mdb_stat(t, dbs_->dbi[kEvents], &st);
  uint64_t over =
      st.ms_entries > options_.event_max_count ? st.ms_entries - options_.event_max_count : 0;
  Cursor events;
  int rc = events.Open(t, dbs_->dbi[kEvents]);
  MDB_val k, v;
  engine::Event e;
  while (rc == 0 && budget > 0 && events.Get(&k, &v, MDB_FIRST) == 0) {
    if (over == 0) {
      if (!Decode(Bytes(v), e) || e.time.value >= now_ms - options_.event_max_age_ms) break;
    }
    rc = events.Del();
    if (over > 0) --over;
    --budget;
    ++stats->events;
  }
  return rc;
}

int Store::ReadPayload(engine::PayloadKind kind, uint64_t id, uint64_t aux, std::string* out) {
  std::shared_lock lock(resize_);
  Txn txn;
  if (int rc = txn.Begin(env_, MDB_RDONLY); rc != 0) return rc;
  Key k;
  k.U8(static_cast<uint8_t>(kind)).U64(id).U64(aux);
  MDB_val kv = k.val(), v;
  int rc = mdb_get(txn.get(), dbs_->dbi[kPayloads], &kv, &v);
  if (rc == 0) out->assign(static_cast<const char*>(v.mv_data), v.mv_size);
  return rc;
}

int Store::ReadEvents(uint64_t from, size_t max, std::vector<engine::Event>* out) {
  std::shared_lock lock(resize_);
  Txn txn;
  if (int rc = txn.Begin(env_, MDB_RDONLY); rc != 0) return rc;
  Cursor cursor;
  if (int rc = cursor.Open(txn.get(), dbs_->dbi[kEvents]); rc != 0) return rc;
  Key start;
  start.U64(from);
  MDB_val k = start.val(), v;
  engine::Event e;
  int rc = cursor.Get(&k, &v, MDB_SET_RANGE);
  for (; rc == 0 && out->size() < max; rc = cursor.Get(&k, &v, MDB_NEXT)) {
    if (!Decode(Bytes(v), e)) return MDB_CORRUPTED;
    out->push_back(e);
  }
  return rc == MDB_NOTFOUND ? 0 : rc;
}

uint64_t Store::FirstEventSeq() {
  std::shared_lock lock(resize_);
  Txn txn;
  if (txn.Begin(env_, MDB_RDONLY) != 0) return 0;
  Cursor cursor;
  MDB_val k, v;
  if (cursor.Open(txn.get(), dbs_->dbi[kEvents]) != 0 || cursor.Get(&k, &v, MDB_FIRST) != 0 ||
      k.mv_size != 8) {
    return 0;
  }
  return ReadU64(static_cast<const uint8_t*>(k.mv_data));
}

namespace {
uint64_t Entries(MDB_env* env, MDB_dbi dbi) {
  Txn txn;
  MDB_stat st;
  if (txn.Begin(env, MDB_RDONLY) != 0 || mdb_stat(txn.get(), dbi, &st) != 0) return 0;
  return st.ms_entries;
}
}  // namespace

uint64_t Store::EventCount() {
  std::shared_lock lock(resize_);
  return Entries(env_, dbs_->dbi[kEvents]);
}

uint64_t Store::TokenCount() {
  std::shared_lock lock(resize_);
  return Entries(env_, dbs_->dbi[kTokens]);
}

MapUsage Store::Usage() {
  std::shared_lock lock(resize_);
  MDB_envinfo info;
  MDB_stat st;
  mdb_env_info(env_, &info);
  mdb_env_stat(env_, &st);
  return MapUsage{info.me_mapsize, (info.me_last_pgno + 1) * uint64_t{st.ms_psize}, st.ms_psize};
}

uint64_t Store::DatabaseBytes(const char* name) {
  std::shared_lock lock(resize_);
  for (int i = 0; i < kDbCount; ++i) {
    if (std::string_view(kDbNames[i]) != name) continue;
    Txn txn;
    MDB_stat st;
    if (txn.Begin(env_, MDB_RDONLY) != 0 || mdb_stat(txn.get(), dbs_->dbi[i], &st) != 0) {
      return 0;
    }
    return (st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages) * uint64_t{st.ms_psize};
  }
  return 0;
}

int Store::Backup(const std::string& dir, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create backup directory " + dir + ": " + ec.message();
    return EIO;
  }
  if (std::filesystem::exists(std::filesystem::path(dir) / "data.mdb")) {
    *error = "backup directory " + dir + " already holds a store";
    return EEXIST;
  }
  std::shared_lock lock(resize_);
  int rc = mdb_env_copy2(env_, dir.c_str(), MDB_CP_COMPACT);
  if (rc != 0) *error = "backup to " + dir + " failed: " + LmdbError(rc);
  return rc;
}

bool RestoreBackup(const std::string& backup_dir, const std::string& data_dir, std::string* error) {
  namespace fs = std::filesystem;
  const fs::path from = fs::path(backup_dir) / "data.mdb";
  const fs::path to = fs::path(data_dir) / "data.mdb";
  std::error_code ec;
  if (!fs::exists(from, ec)) {
    *error = "no backup in " + backup_dir + " (data.mdb is missing)";
    return false;
  }
  if (fs::exists(to, ec)) {
    *error = data_dir + " already holds a store; restore into an empty directory";
    return false;
  }
  fs::create_directories(data_dir, ec);
  if (!ec) fs::copy_file(from, to, ec);
  if (ec) {
    *error = "cannot restore " + backup_dir + " into " + data_dir + ": " + ec.message();
    return false;
  }
  // Open it once: that checks the format and makes the copy durable.
  StoreOptions options;
  options.dir = data_dir;
  auto store = Store::Open(options, error);
  if (store == nullptr) return false;
  return store->Sync() == 0;
}

}  // namespace hitd::store
