#include "engine/store/store.h"

#include <fcntl.h>
#include <flatbuffers/flatbuffers.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <system_error>

#include "engine/store/codec.h"
#include "engine/store/store_layout.h"

namespace hitd::store {

namespace {

Key TokenKey(engine::AccountId account, std::string_view token) {
  Key k;
  k.U64(account.value).Tail(token);
  return k;
}

}  // namespace

Store::Store(StoreOptions options)
    : options_(std::move(options)),
      fbb_(std::make_unique<flatbuffers::FlatBufferBuilder>(1024)),
      dbs_(std::make_unique<Dbs>()) {}

Store::~Store() {
  if (env_ != nullptr) mdb_env_close(env_);
}

std::unique_ptr<Store> Store::Open(const StoreOptions& options, std::string* error) {
  std::unique_ptr<Store> store(new Store(options));
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (ec) {
    *error = "cannot create data directory " + options.dir + ": " + ec.message();
    return nullptr;
  }
  if (!fs::exists(fs::path(options.dir) / "data.mdb", ec) && !store->CreateFresh(error)) {
    return nullptr;
  }
  if (!store->OpenEnv(options.dir, error) || !store->CheckFormat(error)) return nullptr;
  return store;
}

namespace {

// fsync a directory, so that a rename or a new file in it survives a power loss.
bool SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

// A new store is made whole in a side directory and renamed into place, so that a crash
// or power loss while creating it never leaves a data.mdb that is not a store (LMDB
// writes its first meta pages before anything is synced).
bool Store::CreateFresh(std::string* error) {
  namespace fs = std::filesystem;
  const fs::path side = fs::path(options_.dir) / ".creating";
  std::error_code ec;
  fs::remove_all(side, ec);  // what a crash during an earlier creation left
  fs::create_directories(side, ec);
  if (ec) {
    *error = "cannot create " + side.string() + ": " + ec.message();
    return false;
  }
  if (!OpenEnv(side.string(), error) || !CheckFormat(error)) return false;
  const int rc = mdb_env_sync(env_, 1);
  mdb_env_close(std::exchange(env_, nullptr));
  if (rc != 0) {
    *error = "cannot sync the new store in " + side.string() + ": " + LmdbError(rc);
    return false;
  }
  fs::rename(side / "data.mdb", fs::path(options_.dir) / "data.mdb", ec);
  if (ec || !SyncDirectory(options_.dir)) {
    *error = "cannot move the new store into " + options_.dir + ": " + ec.message();
    return false;
  }
  fs::remove_all(side, ec);
  return true;
}

bool Store::OpenEnv(const std::string& dir, std::string* error) {
  int rc = mdb_env_create(&env_);
  if (rc == 0) rc = mdb_env_set_maxdbs(env_, kDbCount + 1);
  if (rc == 0) rc = mdb_env_set_maxreaders(env_, 256);
  map_size_ = std::max(options_.map_size, map_size_);
  if (rc == 0) rc = mdb_env_set_mapsize(env_, map_size_);
  // MDB_NOTLS: read transactions are not tied to threads (IO threads come and go).
  unsigned flags = MDB_NOTLS;
  if (options_.durability == Durability::kAsync) flags |= MDB_NOSYNC;
  if (rc == 0) rc = mdb_env_open(env_, dir.c_str(), flags, 0600);
  if (rc != 0) {
    *error = "cannot open LMDB store in " + dir + ": " + LmdbError(rc);
    return false;
  }
  // A file written by a larger map keeps its size: LMDB adopts it; read it back.
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  map_size_ = info.me_mapsize;
  int dead = 0;
  mdb_reader_check(env_, &dead);  // reader slots left by a process that died
  Txn txn;
  rc = txn.Begin(env_, 0);
  for (int i = 0; rc == 0 && i < kDbCount; ++i) {
    rc = mdb_dbi_open(txn.get(), kDbNames[i], MDB_CREATE, &dbs_->dbi[i]);
  }
  if (rc == 0) rc = txn.Commit();
  if (rc != 0) {
    *error = "cannot open the store's databases in " + dir + ": " + LmdbError(rc);
    return false;
  }
  return true;
}

bool Store::Usable() {
  std::shared_lock lock(resize_);
  Txn txn;
  return txn.Begin(env_, MDB_RDONLY) != MDB_PANIC;
}

bool Store::Reopen(std::string* error) {
  std::unique_lock lock(resize_);  // no reader may hold the old environment
  mdb_env_close(std::exchange(env_, nullptr));
  return OpenEnv(options_.dir, error);
}

bool Store::CheckFormat(std::string* error) {
  Txn txn;
  int rc = txn.Begin(env_, 0);
  if (rc != 0) {
    *error = "cannot read the store's format version: " + LmdbError(rc);
    return false;
  }
  Key key;
  key.Tail(kFormatKey);
  MDB_val k = key.val(), v;
  rc = mdb_get(txn.get(), dbs_->dbi[kMeta], &k, &v);
  if (rc == MDB_NOTFOUND) {
    // A new store, unless records are already there without a version.
    MDB_stat st;
    for (int i = 0; i < kDbCount; ++i) {
      mdb_stat(txn.get(), dbs_->dbi[i], &st);
      if (st.ms_entries != 0) {
        *error = "the store in " + options_.dir + " has records but no format version";
        return false;
      }
    }
    uint8_t value[8];
    U64Value(kFormatVersion, value);
    MDB_val val{8, value};
    rc = mdb_put(txn.get(), dbs_->dbi[kMeta], &k, &val, 0);
    if (rc == 0) rc = txn.Commit();
    if (rc != 0) *error = "cannot write the store's format version: " + LmdbError(rc);
    return rc == 0;
  }
  if (rc != 0 || v.mv_size != 8) {
    *error = "cannot read the store's format version in " + options_.dir;
    return false;
  }
  const uint64_t version = ReadU64(static_cast<const uint8_t*>(v.mv_data));
  if (version > kFormatVersion) {
    *error = "the store in " + options_.dir + " has format version " + std::to_string(version) +
             ", newer than this hitd understands (" + std::to_string(kFormatVersion) +
             "): run a newer hitd";
    return false;
  }
  if (version != kFormatVersion) {
    *error =
        "the store in " + options_.dir + " has unknown format version " + std::to_string(version);
    return false;
  }
  return true;
}

int Store::BeginWrite(Txn& txn) { return txn.Begin(env_, 0); }

namespace {

template <typename Record>
int Put(MDB_txn* txn, MDB_dbi dbi, Key key, const Record& record,
        flatbuffers::FlatBufferBuilder& fbb) {
  MDB_val k = key.val();
  MDB_val v = Val(Encode(fbb, record));
  return mdb_put(txn, dbi, &k, &v, 0);
}

// Puts records keyed by id, raising *next past every id written.
template <typename Record>
int PutById(MDB_txn* txn, MDB_dbi dbi, const std::vector<Record>& records,
            flatbuffers::FlatBufferBuilder& fbb, uint64_t* next) {
  for (const Record& r : records) {
    Key k;
    k.U64(r.id.value);
    if (int rc = Put(txn, dbi, k, r, fbb); rc != 0) return rc;
    if (r.id.value >= *next) *next = r.id.value + 1;
  }
  return 0;
}

}  // namespace

int Store::Write(Txn& txn, const engine::Output& out) {
  MDB_txn* t = txn.get();
  const MDB_dbi* d = dbs_->dbi;
  auto& fbb = *fbb_;
  uint64_t next[kIdTableCount];
  std::copy(std::begin(dbs_->next_ids), std::end(dbs_->next_ids), next);
  uint64_t profile_next = 0;  // profiles share account ids; nothing to track
  int rc = 0;
  if ((rc = PutById(t, d[kAccounts], out.accounts, fbb, &next[0])) != 0) return rc;
  if ((rc = PutById(t, d[kProfiles], out.profiles, fbb, &profile_next)) != 0) return rc;
  if ((rc = PutById(t, d[kQualTypes], out.qual_types, fbb, &next[1])) != 0) return rc;
  if ((rc = PutById(t, d[kQualRequests], out.qual_requests, fbb, &next[2])) != 0) return rc;
  if ((rc = PutById(t, d[kHitTypes], out.hit_types, fbb, &next[3])) != 0) return rc;
  if ((rc = PutById(t, d[kHits], out.hits, fbb, &next[4])) != 0) return rc;
  if ((rc = PutById(t, d[kAssignments], out.assignments, fbb, &next[5])) != 0) return rc;
  if ((rc = PutById(t, d[kBonuses], out.bonuses, fbb, &next[6])) != 0) return rc;
  for (const engine::QualGrant& g : out.grants) {
    Key k;
    k.U64(g.worker.value).U64(g.type.value);
    if ((rc = Put(t, d[kGrants], k, g, fbb)) != 0) return rc;
  }
  for (const engine::WorkerBlock& b : out.blocks) {
    Key k;
    k.U64(b.requester.value).U64(b.worker.value);
    if ((rc = Put(t, d[kBlocks], k, b, fbb)) != 0) return rc;
  }
  for (const engine::Event& e : out.events) {
    Key k;
    k.U64(e.seq);
    MDB_val kv = k.val();
    MDB_val v = Val(Encode(fbb, e));
    // Sequence numbers only grow: append without searching the tree.
    if ((rc = mdb_put(t, d[kEvents], &kv, &v, MDB_APPEND)) != 0) return rc;
  }
  // Stored and forgotten tokens, interleaved in the order the engine made them.
  size_t stored = 0;
  auto put_tokens_until = [&](size_t end) {
    for (; stored < end && stored < out.tokens.size(); ++stored) {
      const engine::TokenRecord& tok = out.tokens[stored];
      if (int r = Put(t, d[kTokens], TokenKey(tok.account, tok.token), tok, fbb); r != 0) {
        return r;
      }
    }
    return 0;
  };
  for (const engine::ForgottenToken& tok : out.forgotten_tokens) {
    if ((rc = put_tokens_until(tok.after_stored)) != 0) return rc;
    Key key = TokenKey(tok.account, tok.token);
    MDB_val k = key.val();
    rc = mdb_del(t, d[kTokens], &k, nullptr);
    if (rc != 0 && rc != MDB_NOTFOUND) return rc;
  }
  if ((rc = put_tokens_until(out.tokens.size())) != 0) return rc;
  for (const engine::Payload& p : out.payloads) {
    Key k;
    k.U8(static_cast<uint8_t>(p.kind)).U64(p.id).U64(p.aux);
    MDB_val kv = k.val();
    MDB_val v = Val(p.data);
    if ((rc = mdb_put(t, d[kPayloads], &kv, &v, 0)) != 0) return rc;
  }
  if (!std::equal(std::begin(next), std::end(next), std::begin(dbs_->next_ids))) {
    uint8_t value[8 * kIdTableCount];
    for (size_t i = 0; i < kIdTableCount; ++i) U64Value(next[i], value + 8 * i);
    Key k;
    k.Tail(kNextIdsKey);
    MDB_val kv = k.val(), v{sizeof(value), value};
    if ((rc = mdb_put(t, d[kMeta], &kv, &v, 0)) != 0) return rc;
    // If this transaction aborts, the rollback that follows reloads (Load) resets these.
    std::copy(std::begin(next), std::end(next), dbs_->next_ids);
  }
  if (out.meta_changed) {
    Key k;
    k.Tail(kEngineKey);
    if ((rc = Put(t, d[kMeta], k, out.meta, fbb)) != 0) return rc;
  }
  return 0;
}

int Store::WriteLastBatch(Txn& txn, uint64_t batch) {
  Key k;
  k.Tail(kLastBatchKey);
  uint8_t value[8];
  U64Value(batch, value);
  MDB_val kv = k.val(), v{8, value};
  return mdb_put(txn.get(), dbs_->dbi[kMeta], &kv, &v, 0);
}

int Store::Grow() {
  if (map_size_ >= options_.max_map_size) return MDB_MAP_FULL;
  const uint64_t next = std::min(map_size_ * 2, options_.max_map_size);
  std::unique_lock lock(resize_);  // no reader may hold a transaction while it moves
  int rc = mdb_env_set_mapsize(env_, next);
  if (rc == 0) map_size_ = next;
  return rc;
}

int Store::Sync() { return mdb_env_sync(env_, 1); }

}  // namespace hitd::store
