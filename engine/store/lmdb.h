// Thin RAII over LMDB's C API: an environment, transactions and cursors that close
// themselves, and errors as LMDB's int codes (0 is success).
//
// Nothing here knows hitd's records; store.h builds on it. Every function returns the
// LMDB or errno code it got, so callers decide which failures are fatal (see
// store_errors.h).
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace hitd::store {

inline MDB_val Val(std::span<const uint8_t> bytes) {
  return MDB_val{bytes.size(), const_cast<uint8_t*>(bytes.data())};
}
inline MDB_val Val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}
inline std::span<const uint8_t> Bytes(const MDB_val& v) {
  return {static_cast<const uint8_t*>(v.mv_data), v.mv_size};
}
inline std::string_view Text(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// "MDB_MAP_FULL: Environment mapsize limit reached" and friends, or strerror.
inline std::string LmdbError(int rc) { return mdb_strerror(rc); }

// A transaction that aborts itself unless committed.
class Txn {
 public:
  Txn() = default;
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  Txn(Txn&& o) noexcept : txn_(std::exchange(o.txn_, nullptr)) {}
  Txn& operator=(Txn&& o) noexcept {
    Abort();
    txn_ = std::exchange(o.txn_, nullptr);
    return *this;
  }
  ~Txn() { Abort(); }

  int Begin(MDB_env* env, unsigned flags) {
    Abort();
    return mdb_txn_begin(env, nullptr, flags, &txn_);
  }
  int Commit() { return mdb_txn_commit(std::exchange(txn_, nullptr)); }
  void Abort() {
    if (txn_ != nullptr) mdb_txn_abort(std::exchange(txn_, nullptr));
  }
  MDB_txn* get() const { return txn_; }
  explicit operator bool() const { return txn_ != nullptr; }

 private:
  MDB_txn* txn_ = nullptr;
};

class Cursor {
 public:
  Cursor() = default;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor() {
    if (cursor_ != nullptr) mdb_cursor_close(cursor_);
  }
  int Open(MDB_txn* txn, MDB_dbi dbi) { return mdb_cursor_open(txn, dbi, &cursor_); }
  int Get(MDB_val* key, MDB_val* val, MDB_cursor_op op) {
    return mdb_cursor_get(cursor_, key, val, op);
  }
  int Del() { return mdb_cursor_del(cursor_, 0); }
  MDB_cursor* get() const { return cursor_; }

 private:
  MDB_cursor* cursor_ = nullptr;
};

// Big-endian key encoding, so that LMDB's byte order is numeric order.
class Key {
 public:
  Key& U8(uint8_t v) {
    buf_[size_++] = v;
    return *this;
  }
  Key& U64(uint64_t v) {
    for (int i = 7; i >= 0; --i) buf_[size_++] = static_cast<uint8_t>(v >> (8 * i));
    return *this;
  }
  Key& I64(int64_t v) { return U64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63)); }
  // Appends raw bytes (the last component of a key only: it is not length-prefixed).
  Key& Tail(std::string_view s) {
    size_t n = std::min(s.size(), sizeof(buf_) - size_);
    std::memcpy(buf_ + size_, s.data(), n);
    size_ += n;
    return *this;
  }
  MDB_val val() { return MDB_val{size_, buf_}; }
  std::span<const uint8_t> bytes() const { return {buf_, size_}; }

 private:
  uint8_t buf_[256];  // LMDB's default maximum key size is 511; ours stay far below
  size_t size_ = 0;
};

inline uint64_t ReadU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | p[i];
  return v;
}

}  // namespace hitd::store
