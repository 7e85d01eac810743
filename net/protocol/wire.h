// What the protocol codec's files share (internal to net/protocol/): the byte caps of
// the request strings, FieldReader (which reads a verified table's fields and keeps the
// first one that is invalid), and small builders.
//
// A request string the engine measures in characters (a HIT type's title, description
// and keywords; a notification's subject and message) may take up to 4 bytes a
// character, so the codec caps its bytes at 4 x the engine's limit and leaves the
// character count to the engine. Every other cap is the engine's own, in bytes.
//
// Pure functions and a value type; any thread may use them.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/commands.h"
#include "engine/errors.h"
#include "engine/limits.h"
#include "engine/records.h"
#include "engine/store/codec_internal.h"
#include "engine/types.h"
#include "schemas/protocol_generated.h"

namespace hitd::net::wire {

namespace fb = flatbuffers;
namespace schema = hitd::schema;
namespace limits = engine::limits;

// ---- caps (bytes) ----

inline constexpr size_t kUtf8BytesMax = 4;  // the longest UTF-8 encoding of one character
inline constexpr size_t kTitleBytes = kUtf8BytesMax * limits::kTitleMax;
inline constexpr size_t kDescriptionBytes = kUtf8BytesMax * limits::kDescriptionMax;
inline constexpr size_t kKeywordsBytes = kUtf8BytesMax * limits::kKeywordsMax;
inline constexpr size_t kSubjectBytes = kUtf8BytesMax * limits::kNotifySubjectMax;
inline constexpr size_t kMessageBytes = kUtf8BytesMax * limits::kNotifyMessageMax;
// A next_token is a decimal id (engine/common.h); anything longer is not one of ours.
inline constexpr size_t kNextTokenBytes = 64;
// The secret's SHA-256 (engine/accounts.cc checks that it is exactly this long).
inline constexpr size_t kSecretHashBytes = 32;
// A backup directory: PATH_MAX on Linux.
inline constexpr size_t kPathBytes = 4096;
// The number of assignment statuses a list may filter by (each at most once is enough;
// a few repeats are harmless).
inline constexpr size_t kStatusFilterMax = 16;

// ---- enums ----

template <typename Enum>
constexpr int AsInt(Enum e) {
  return static_cast<int>(e);
}

// Engine enum -> schema enum, by number, unchecked: an encoder sends what it is given
// and the decoder at the other end refuses a value out of range.
template <typename S, typename E>
constexpr S AsSchema(E e) {
  static_assert(sizeof(S) == sizeof(E));
  return static_cast<S>(AsInt(e));
}

// Schema enum -> engine enum; false outside the schema's range.
template <typename E, typename S>
[[nodiscard]] constexpr bool AsEngine(S s, E* out) {
  static_assert(sizeof(S) == sizeof(E));
  if (AsInt(s) < AsInt(S::MIN) || AsInt(s) > AsInt(S::MAX)) return false;
  *out = static_cast<E>(AsInt(s));
  return true;
}

// ---- reading ----

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsUtf8(std::string_view text);

// Reads the fields of one verified table into an engine value, checking each against
// its cap, its enum's range and its presence. The first failure is kept (later calls do
// nothing), so that a decoder reads every field in a straight line and returns error().
class FieldReader {
 public:
  bool ok() const { return error_.code == engine::ErrorCode::kOk; }
  engine::Error error() const { return error_; }

  void Fail(std::string_view field, engine::ErrorCode code = engine::ErrorCode::kInvalidArgument) {
    if (ok()) error_ = engine::Error{code, field};
  }

  // A field documented "Required": false, and a failure, when absent.
  template <typename T>
  [[nodiscard]] bool Require(const T* value, std::string_view field) {
    if (value == nullptr) Fail(field);
    return ok();
  }

  // UTF-8 text of at most max_bytes; absent reads as empty (or as nullopt).
  void Text(const fb::String* s, size_t max_bytes, std::string_view field, std::string* out);
  void Text(const fb::String* s, size_t max_bytes, std::string_view field,
            std::optional<std::string>* out);
  // Opaque bytes of at most max_bytes.
  void Bytes(const fb::Vector<uint8_t>* v, size_t max_bytes, std::string_view field,
             std::string* out);

  template <typename E, typename S>
  void Enum(S s, std::string_view field, E* out) {
    if (ok() && !AsEngine(s, out)) Fail(field);
  }
  template <typename E, typename S>
  void Enum(fb::Optional<S> s, std::string_view field, std::optional<E>* out) {
    out->reset();
    if (s) Enum(*s, field, &out->emplace());
  }

  // At most `max` enum values, each in range.
  template <typename E, typename S>
  void Enums(const fb::Vector<S>* v, size_t max, std::string_view field, std::vector<E>* out) {
    out->clear();
    if (!Count(v, max, field) || v == nullptr) return;
    out->resize(v->size());
    for (fb::uoffset_t i = 0; i < v->size(); ++i) Enum(v->Get(i), field, &(*out)[i]);
  }

  // A locale packed as in entities.fbs (the engine checks its letters).
  void Locale(uint64_t packed, std::string_view field, engine::Locale* out);

  // A vector of at most `max` elements; absent is empty. False, and a failure, when
  // longer.
  template <typename T>
  [[nodiscard]] bool Count(const fb::Vector<T>* v, size_t max, std::string_view field) {
    if (v != nullptr && v->size() > max) Fail(field);
    return ok();
  }

  // At most `max` ids, or other ulongs (Id may be uint64_t itself).
  template <typename Id>
  void Ids(const fb::Vector<uint64_t>* v, size_t max, std::string_view field,
           std::vector<Id>* out) {
    out->clear();
    if (!Count(v, max, field) || !Aligned(v, field) || v == nullptr) return;
    out->reserve(v->size());
    for (uint64_t id : *v) out->push_back(Id(id));
  }

  // A page of a list: max_results and next_token.
  void Page(uint32_t max_results, const fb::String* next_token, engine::Page* out);

 private:
  // A builder aligns 8-byte elements; the verifier checks only a vector's length word.
  bool Aligned(const fb::Vector<uint64_t>* v, std::string_view field);

  engine::Error error_;
};

inline std::optional<engine::TimeMs> OptionalTime(fb::Optional<int64_t> ms) {
  if (!ms) return std::nullopt;
  return engine::TimeMs(*ms);
}

template <typename T>
std::optional<T> OptionalValue(fb::Optional<T> v) {
  if (!v) return std::nullopt;
  return *v;
}

// ---- building ----

// A string, or no field at all when empty.
inline fb::Offset<fb::String> BuildText(fb::FlatBufferBuilder& fbb, std::string_view s) {
  return s.empty() ? 0 : fbb.CreateString(s.data(), s.size());
}

inline fb::Offset<fb::Vector<uint8_t>> BuildBytes(fb::FlatBufferBuilder& fbb, std::string_view s) {
  return s.empty() ? 0 : fbb.CreateVector(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

template <typename Id>
fb::Offset<fb::Vector<uint64_t>> BuildIds(fb::FlatBufferBuilder& fbb, const std::vector<Id>& ids) {
  if (ids.empty()) return 0;
  std::vector<uint64_t> values;
  values.reserve(ids.size());
  for (Id id : ids) values.push_back(id.value);
  return fbb.CreateVector(values);
}

template <typename S, typename E>
fb::Offset<fb::Vector<S>> BuildEnums(fb::FlatBufferBuilder& fbb, const std::vector<E>& values) {
  if (values.empty()) return 0;
  std::vector<S> schema_values;
  schema_values.reserve(values.size());
  for (E e : values) schema_values.push_back(AsSchema<S>(e));
  return fbb.CreateVector(schema_values);
}

// The table type T of an Offset<T>, to map an operation's C++ type to its table.
template <typename O>
struct OffsetTarget;
template <typename T>
struct OffsetTarget<fb::Offset<T>> {
  using type = T;
};

}  // namespace hitd::net::wire
