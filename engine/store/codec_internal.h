// Shared pieces of the record codec (codec.h), internal to engine/store/codec*.cc.
//
// Each record and reply has a Build (engine value -> table offset in a builder that is
// not finished yet) and a Read (verified table -> engine value, false when a value is
// one this build does not know), so that replies can nest the records they carry.
// EncodeRoot and DecodeRoot wrap them into the public Encode and Decode.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <type_traits>

#include "engine/check.h"
#include "engine/limits.h"
#include "engine/output.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "schemas/records_generated.h"

namespace hitd::store::codec {

namespace fb = flatbuffers;
namespace schema = hitd::schema;

// ---- enums ----
// Engine and schema enums have the same numbers (codec_common.cc asserts each one).

template <typename Enum>
constexpr int AsInt(Enum e) {
  return static_cast<int>(e);
}

template <typename S, typename E>
S ToSchema(E e) {
  static_assert(sizeof(S) == sizeof(E));
  HITD_CHECK(AsInt(e) >= AsInt(S::MIN));
  HITD_CHECK(AsInt(e) <= AsInt(S::MAX));
  return static_cast<S>(AsInt(e));
}

// False for a value outside the schema's range: a newer writer's, or corrupt.
template <typename E, typename S>
[[nodiscard]] bool ToEngine(S s, E& out) {
  static_assert(sizeof(S) == sizeof(E));
  if (AsInt(s) < AsInt(S::MIN) || AsInt(s) > AsInt(S::MAX)) return false;
  out = static_cast<E>(AsInt(s));
  return true;
}

// ---- locales (the packing that entities.fbs documents) ----

uint64_t PackLocale(engine::Locale locale);
[[nodiscard]] bool UnpackLocale(uint64_t packed, engine::Locale& out);

// ---- strings and vectors ----

inline fb::Offset<fb::String> BuildString(fb::FlatBufferBuilder& fbb, const std::string& s) {
  return s.empty() ? 0 : fbb.CreateString(s);
}

inline void ReadString(const fb::String* s, std::string& out) {
  if (s == nullptr) {
    out.clear();
  } else {
    out.assign(s->data(), s->size());
  }
}

// The verifier checks a vector's length word, not that 8-byte elements are 8-aligned
// (relative to the buffer, which DecodeRoot aligns). A builder always aligns them, so a
// misaligned ulong vector is corrupt, and reading it would be a misaligned load.
inline bool ElementsAligned(const fb::Vector<uint64_t>* v) {
  return v == nullptr || reinterpret_cast<uintptr_t>(v->Data()) % alignof(uint64_t) == 0;
}

// ---- records (codec_records.cc, codec_types.cc) ----

fb::Offset<schema::Account> Build(fb::FlatBufferBuilder& fbb, const engine::Account& a);
fb::Offset<schema::AccountProfile> Build(fb::FlatBufferBuilder& fbb,
                                         const engine::AccountProfile& p);
fb::Offset<schema::QualType> Build(fb::FlatBufferBuilder& fbb, const engine::QualType& t);
fb::Offset<schema::QualGrant> Build(fb::FlatBufferBuilder& fbb, const engine::QualGrant& g);
fb::Offset<schema::QualRequest> Build(fb::FlatBufferBuilder& fbb, const engine::QualRequest& r);
fb::Offset<schema::HitType> Build(fb::FlatBufferBuilder& fbb, const engine::HitType& t);
fb::Offset<schema::Hit> Build(fb::FlatBufferBuilder& fbb, const engine::Hit& h);
fb::Offset<schema::Assignment> Build(fb::FlatBufferBuilder& fbb, const engine::Assignment& a);
fb::Offset<schema::Bonus> Build(fb::FlatBufferBuilder& fbb, const engine::Bonus& b);
fb::Offset<schema::WorkerBlock> Build(fb::FlatBufferBuilder& fbb, const engine::WorkerBlock& b);
fb::Offset<schema::Event> Build(fb::FlatBufferBuilder& fbb, const engine::Event& e);
fb::Offset<schema::EngineMeta> Build(fb::FlatBufferBuilder& fbb, const engine::EngineMeta& m);

[[nodiscard]] bool Read(const schema::Account& t, engine::Account& out);
[[nodiscard]] bool Read(const schema::AccountProfile& t, engine::AccountProfile& out);
[[nodiscard]] bool Read(const schema::QualType& t, engine::QualType& out);
[[nodiscard]] bool Read(const schema::QualGrant& t, engine::QualGrant& out);
[[nodiscard]] bool Read(const schema::QualRequest& t, engine::QualRequest& out);
[[nodiscard]] bool Read(const schema::HitType& t, engine::HitType& out);
[[nodiscard]] bool Read(const schema::Hit& t, engine::Hit& out);
[[nodiscard]] bool Read(const schema::Assignment& t, engine::Assignment& out);
[[nodiscard]] bool Read(const schema::Bonus& t, engine::Bonus& out);
[[nodiscard]] bool Read(const schema::WorkerBlock& t, engine::WorkerBlock& out);
[[nodiscard]] bool Read(const schema::Event& t, engine::Event& out);
[[nodiscard]] bool Read(const schema::EngineMeta& t, engine::EngineMeta& out);

// ---- the reply values a token stores (codec_values.cc) ----
// Shared with the wire protocol's codec (net/protocol/), whose responses carry the same
// tables. ReadValue takes a verified table and is false for a value this build does not
// know.

fb::Offset<schema::Empty> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Empty& v);
fb::Offset<schema::AccountView> BuildValue(fb::FlatBufferBuilder& fbb,
                                           const engine::AccountView& v);
fb::Offset<schema::AccountBalance> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AccountBalance& v);
fb::Offset<schema::Withdrawal> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Withdrawal& v);
fb::Offset<schema::BonusSent> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BonusSent& v);
fb::Offset<schema::NotifyResult> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::NotifyResult& v);
fb::Offset<schema::HitTypeCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::HitTypeCreated& v);
fb::Offset<schema::HitCreated> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitCreated& v);
fb::Offset<schema::HitsCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                           const engine::HitsCreated& v);
fb::Offset<schema::AssignmentView> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AssignmentView& v);
fb::Offset<schema::SubmitAndAcceptNextResult> BuildValue(
    fb::FlatBufferBuilder& fbb, const engine::SubmitAndAcceptNextResult& v);
fb::Offset<schema::QualTypeCreated> BuildValue(fb::FlatBufferBuilder& fbb,
                                               const engine::QualTypeCreated& v);
fb::Offset<schema::QualTypeView> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::QualTypeView& v);
fb::Offset<schema::QualRequestResult> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualRequestResult& v);

[[nodiscard]] bool ReadValue(const schema::Empty& t, engine::Empty& out);
[[nodiscard]] bool ReadValue(const schema::AccountView& t, engine::AccountView& out);
[[nodiscard]] bool ReadValue(const schema::AccountBalance& t, engine::AccountBalance& out);
[[nodiscard]] bool ReadValue(const schema::Withdrawal& t, engine::Withdrawal& out);
[[nodiscard]] bool ReadValue(const schema::BonusSent& t, engine::BonusSent& out);
[[nodiscard]] bool ReadValue(const schema::NotifyResult& t, engine::NotifyResult& out);
[[nodiscard]] bool ReadValue(const schema::HitTypeCreated& t, engine::HitTypeCreated& out);
[[nodiscard]] bool ReadValue(const schema::HitCreated& t, engine::HitCreated& out);
[[nodiscard]] bool ReadValue(const schema::HitsCreated& t, engine::HitsCreated& out);
[[nodiscard]] bool ReadValue(const schema::AssignmentView& t, engine::AssignmentView& out);
[[nodiscard]] bool ReadValue(const schema::SubmitAndAcceptNextResult& t,
                             engine::SubmitAndAcceptNextResult& out);
[[nodiscard]] bool ReadValue(const schema::QualTypeCreated& t, engine::QualTypeCreated& out);
[[nodiscard]] bool ReadValue(const schema::QualTypeView& t, engine::QualTypeView& out);
[[nodiscard]] bool ReadValue(const schema::QualRequestResult& t, engine::QualRequestResult& out);

// ---- the token's answer (codec_values.cc) ----

// The union alternative and table for a stored answer; asserts that it is storable.
fb::Offset<void> BuildTokenResult(fb::FlatBufferBuilder& fbb, const engine::Result& result,
                                  schema::TokenResult& type);
[[nodiscard]] bool ReadTokenResult(const schema::StoredToken& t, engine::Result& out);

// ---- roots ----

// Verifier bounds. The deepest record nests four tables (StoredToken >
// SubmitAndAcceptNextResult > AssignmentView > Assignment); the most tables are a
// token's QualTypeView with a full answer key, or a NotifyResult for every worker.
inline constexpr fb::uoffset_t kMaxDepth = 8;
inline constexpr fb::uoffset_t kMaxTables = 1024;
static_assert(engine::limits::kAnswerKeyQuestionsMax + 4 <= kMaxTables);
static_assert(engine::limits::kNotifyWorkersMax + 3 <= kMaxTables);
static_assert(engine::limits::kRequirementsMax + 1 <= kMaxTables);

// Finishes `fbb` with `root` and returns the finished bytes.
template <typename T>
std::span<const uint8_t> Finish(fb::FlatBufferBuilder& fbb, fb::Offset<T> root) {
  fbb.Finish(root);
  return {fbb.GetBufferPointer(), fbb.GetSize()};
}

template <typename Record>
std::span<const uint8_t> EncodeRoot(fb::FlatBufferBuilder& fbb, const Record& record) {
  fbb.Clear();
  return Finish(fbb, Build(fbb, record));
}

// Every table in a finished buffer is aligned, relative to the buffer's start, to the
// largest scalar it holds: 8 bytes at most (no hitd table forces more).
inline constexpr size_t kRecordAlign = 8;
inline constexpr size_t kStackCopyMax = 512;

// Verifies `bytes` as a buffer whose root is a T and calls read(const T&) on it, from an
// aligned copy when `bytes` is misaligned. False when verification or read fails.
template <typename T, typename ReadFn>
[[nodiscard]] bool DecodeRoot(std::span<const uint8_t> bytes, ReadFn read) {
  if (bytes.empty() || bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) return false;
  // A finished buffer's size is a multiple of its alignment, at least 4. A record cut
  // short by 1-3 bytes may lose only a string's padding, which the verifier cannot see.
  if (bytes.size() % sizeof(fb::uoffset_t) != 0) return false;
  const uint8_t* data = bytes.data();
  alignas(kRecordAlign) uint8_t stack_copy[kStackCopyMax];
  std::unique_ptr<uint64_t[]> heap_copy;
  if (reinterpret_cast<uintptr_t>(data) % kRecordAlign != 0) {
    uint8_t* copy = stack_copy;
    if (bytes.size() > kStackCopyMax) {
      heap_copy = std::make_unique<uint64_t[]>((bytes.size() + 7) / 8);
      copy = reinterpret_cast<uint8_t*>(heap_copy.get());
    }
    std::memcpy(copy, data, bytes.size());
    data = copy;
  }
  fb::Verifier verifier(data, bytes.size(), kMaxDepth, kMaxTables);
  if (!verifier.VerifyBuffer<T>(nullptr)) return false;
  return read(*fb::GetRoot<T>(data));
}

}  // namespace hitd::store::codec
