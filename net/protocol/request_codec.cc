// Requests (request_codec.h): the dispatch between Operation alternatives and
// RequestBody members, over the BuildOp and ReadOp overloads of request_ops.h.
//
// The map is derived, not written down: an alternative's member is the table its BuildOp
// returns. kDecoders, a table indexed by RequestBody, is built at compile time from the
// alternatives, and static_asserts prove it a bijection: every member has exactly one
// alternative, so no operation in the schema lacks a handler and none is handled twice.
#include "net/protocol/request_codec.h"

#include <array>
#include <type_traits>
#include <utility>
#include <variant>

#include "engine/check.h"
#include "net/protocol/frame.h"
#include "net/protocol/request_ops.h"

namespace hitd::net {
namespace {

namespace fb = flatbuffers;
using engine::Error;
using engine::ErrorCode;

// The table an operation travels as, from its BuildOp's return type.
template <typename Op>
using TableOf = typename wire::OffsetTarget<decltype(wire::BuildOp(
    std::declval<fb::FlatBufferBuilder&>(), std::declval<const Op&>()))>::type;

template <typename Op>
constexpr schema::RequestBody kBodyOf = schema::RequestBodyTraits<TableOf<Op>>::enum_value;

// Decodes a union table known to be Op's into `out`.
template <typename Op>
Error DecodeAs(const void* table, Operation* out) {
  Op op;
  Error error = wire::ReadOp(*static_cast<const TableOf<Op>*>(table), &op);
  if (error.code != ErrorCode::kOk) return error;
  if constexpr (std::is_constructible_v<engine::Command, Op>) {
    out->emplace<engine::Command>(std::in_place_type<Op>, std::move(op));
  } else {
    out->emplace<DaemonCommand>(std::in_place_type<Op>, std::move(op));
  }
  return {};
}

using DecodeFn = Error (*)(const void* table, Operation* out);
constexpr size_t kBodies = static_cast<size_t>(schema::RequestBody::MAX) + 1;

// Every alternative but engine::Tick travels.
template <typename Op>
constexpr bool kOnWire = !std::is_same_v<Op, engine::Tick>;

struct DecoderTable {
  std::array<DecodeFn, kBodies> decode{};
  // Kept beside the pointers: comparing a function's address with nullptr is not a
  // constant expression under GCC's sanitizers.
  std::array<bool, kBodies> present{};
  bool unique = true;  // no member claimed twice

  template <typename Op>
  constexpr void Add() {
    if constexpr (kOnWire<Op>) {
      const auto i = static_cast<size_t>(kBodyOf<Op>);
      if (present[i]) unique = false;
      present[i] = true;
      decode[i] = &DecodeAs<Op>;
    }
  }
  template <typename... Ops>
  constexpr void AddAll(std::type_identity<std::variant<Ops...>>) {
    (Add<Ops>(), ...);
  }
  constexpr bool Complete() const {
    for (size_t i = 1; i < kBodies; ++i) {
      if (!present[i]) return false;
    }
    return !present[0];  // NONE is never an operation
  }
};

constexpr DecoderTable kDecoders = [] {
  DecoderTable t;
  t.AddAll(std::type_identity<engine::Command>{});
  t.AddAll(std::type_identity<DaemonCommand>{});
  return t;
}();
static_assert(kDecoders.unique, "two operations claim one RequestBody member");
static_assert(kDecoders.Complete(), "a RequestBody member has no operation to decode into");

template <typename Variant>
std::span<const uint8_t> Encode(fb::FlatBufferBuilder& fbb, uint64_t id, const Variant& command,
                                std::string_view token) {
  fbb.Clear();
  auto token_offset = wire::BuildText(fbb, token);
  std::pair<schema::RequestBody, fb::Offset<void>> body = std::visit(
      [&](const auto& op) -> std::pair<schema::RequestBody, fb::Offset<void>> {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (kOnWire<Op>) {
          return {kBodyOf<Op>, wire::BuildOp(fbb, op).Union()};
        } else {
          HITD_CHECK(!"engine::Tick is internal: it is never sent");
          return {};
        }
      },
      command);
  auto request = schema::CreateRequest(fbb, id, token_offset, body.first, body.second);
  return FinishClientFrame(fbb, schema::ClientBody::Request, request.Union());
}

}  // namespace

std::span<const uint8_t> EncodeRequest(fb::FlatBufferBuilder& fbb, uint64_t id,
                                       const engine::Command& command, std::string_view token) {
  return Encode(fbb, id, command, token);
}

std::span<const uint8_t> EncodeRequest(fb::FlatBufferBuilder& fbb, uint64_t id,
                                       const DaemonCommand& command, std::string_view token) {
  return Encode(fbb, id, command, token);
}

Error DecodeRequest(const schema::Request& request, Operation* out) {
  if (request.id() == 0) return Error{ErrorCode::kInvalidArgument, "id"};
  if (request.token() != nullptr && request.token()->size() > engine::limits::kRequestTokenMax) {
    return Error{ErrorCode::kInvalidArgument, "token"};
  }
  const auto type = static_cast<size_t>(request.body_type());
  if (type >= kBodies) return Error{ErrorCode::kUnsupported, "body"};
  if (type == 0 || request.body() == nullptr) return Error{ErrorCode::kInvalidArgument, "body"};
  return kDecoders.decode[type](request.body(), out);
}

Error DecodeRequest(const schema::Request& request, engine::Command* out) {
  Operation op;
  Error error = DecodeRequest(request, &op);
  if (error.code != ErrorCode::kOk) return error;
  engine::Command* command = std::get_if<engine::Command>(&op);
  if (command == nullptr) return Error{ErrorCode::kUnsupported, "body"};
  *out = std::move(*command);
  return {};
}

schema::RequestBody RequestBodyOf(const engine::Command& command) {
  return std::visit(
      [](const auto& op) {
        using Op = std::decay_t<decltype(op)>;
        HITD_CHECK(kOnWire<Op>);
        if constexpr (kOnWire<Op>) {
          return kBodyOf<Op>;
        } else {
          return schema::RequestBody::NONE;
        }
      },
      command);
}

schema::RequestBody RequestBodyOf(const DaemonCommand& command) {
  return std::visit([](const auto& op) { return kBodyOf<std::decay_t<decltype(op)>>; }, command);
}

uint64_t RequestFingerprint(fb::FlatBufferBuilder& scratch, const engine::Command& command) {
  std::span<const uint8_t> bytes = EncodeRequest(scratch, 0, command);
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
  for (uint8_t b : bytes) {
    hash ^= b;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace hitd::net
