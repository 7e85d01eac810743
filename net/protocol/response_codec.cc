// Responses (response_codec.h): the dispatch between reply types and ResponseBody
// members, over the BuildValue and ReadValue overloads of reply_values.h, derived and
// checked at compile time as request_codec.cc does for requests.
#include "net/protocol/response_codec.h"

#include <array>
#include <mutex>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "engine/check.h"
#include "net/protocol/frame.h"
#include "net/protocol/reply_values.h"

namespace hitd::net {
namespace {

namespace fb = flatbuffers;
using engine::Error;
using engine::ErrorCode;

template <typename Reply>
using TableOf = typename wire::OffsetTarget<decltype(wire::BuildValue(
    std::declval<fb::FlatBufferBuilder&>(), std::declval<const Reply&>()))>::type;

template <typename Reply>
constexpr schema::ResponseBody kBodyOf = schema::ResponseBodyTraits<TableOf<Reply>>::enum_value;

// Every reply but an Error (which travels as Response.error) and a TickResult travels.
template <typename Reply>
constexpr bool kOnWire =
    !std::is_same_v<Reply, engine::Error> && !std::is_same_v<Reply, engine::TickResult>;

template <typename Reply>
Error ReadAs(const void* table, Answer* out) {
  Reply reply;
  if (!wire::ReadValue(*static_cast<const TableOf<Reply>*>(table), reply)) {
    return Error{ErrorCode::kMalformed, "body"};
  }
  if constexpr (std::is_constructible_v<engine::Reply, Reply>) {
    out->emplace<engine::Result>(
        engine::Result{engine::Reply(std::in_place_type<Reply>, std::move(reply))});
  } else {
    out->emplace<DaemonReply>(std::in_place_type<Reply>, std::move(reply));
  }
  return {};
}

using ReadFn = Error (*)(const void* table, Answer* out);
constexpr size_t kBodies = static_cast<size_t>(schema::ResponseBody::MAX) + 1;

struct ReaderTable {
  std::array<ReadFn, kBodies> read{};
  // Kept beside the pointers: comparing a function's address with nullptr is not a
  // constant expression under GCC's sanitizers.
  std::array<bool, kBodies> present{};
  bool unique = true;

  template <typename Reply>
  constexpr void Add() {
    if constexpr (kOnWire<Reply>) {
      const auto i = static_cast<size_t>(kBodyOf<Reply>);
      if (present[i]) unique = false;
      present[i] = true;
      read[i] = &ReadAs<Reply>;
    }
  }
  template <typename... Replies>
  constexpr void AddAll(std::type_identity<std::variant<Replies...>>) {
    (Add<Replies>(), ...);
  }
  constexpr bool Complete() const {
    for (size_t i = 1; i < kBodies; ++i) {
      if (!present[i]) return false;
    }
    return !present[0];
  }
};

constexpr ReaderTable kReaders = [] {
  ReaderTable t;
  t.AddAll(std::type_identity<engine::Reply>{});
  t.AddAll(std::type_identity<DaemonReply>{});
  return t;
}();
static_assert(kReaders.unique, "two replies claim one ResponseBody member");
static_assert(kReaders.Complete(), "a ResponseBody member has no reply to decode into");

std::span<const uint8_t> FinishResponse(fb::FlatBufferBuilder& fbb,
                                        fb::Offset<schema::Response> response) {
  return FinishServerFrame(fbb, schema::ServerBody::Response, response.Union());
}

template <typename Variant>
std::pair<schema::ResponseBody, fb::Offset<void>> BuildBody(fb::FlatBufferBuilder& fbb,
                                                            const Variant& reply) {
  return std::visit(
      [&](const auto& value) -> std::pair<schema::ResponseBody, fb::Offset<void>> {
        using Reply = std::decay_t<decltype(value)>;
        if constexpr (kOnWire<Reply>) {
          return {kBodyOf<Reply>, wire::BuildValue(fbb, value).Union()};
        } else {
          HITD_CHECK(!"an Error travels as Response.error, and Tick is never on the wire");
          return {};
        }
      },
      reply);
}

// Field names interned for decoded errors (response_codec.h).
constexpr size_t kInternedMax = 1024;
constexpr size_t kInternedBytesMax = 64;

}  // namespace

std::span<const uint8_t> EncodeResponse(fb::FlatBufferBuilder& fbb, uint64_t id,
                                        const engine::Result& result, std::string_view message) {
  fbb.Clear();
  if (!result.ok()) {
    const Error error = result.error();
    HITD_CHECK(error.code != ErrorCode::kOk);
    auto field = wire::BuildText(fbb, error.field);
    auto text = wire::BuildText(fbb, message);
    auto e = schema::CreateError(fbb, static_cast<schema::ErrorCode>(error.code), field, text);
    return FinishResponse(fbb, schema::CreateResponse(fbb, id, e));
  }
  auto body = BuildBody(fbb, result.reply);
  return FinishResponse(fbb, schema::CreateResponse(fbb, id, 0, body.first, body.second));
}

std::span<const uint8_t> EncodeResponse(fb::FlatBufferBuilder& fbb, uint64_t id,
                                        const engine::Result& result,
                                        std::span<const Attachment> attachments) {
  HITD_CHECK(result.ok());
  fbb.Clear();
  auto body = BuildBody(fbb, result.reply);
  fb::Offset<fb::Vector<fb::Offset<schema::Attachment>>> list;
  if (!attachments.empty()) {
    std::vector<fb::Offset<schema::Attachment>> items;
    items.reserve(attachments.size());
    for (const Attachment& a : attachments) {
      auto data = fbb.CreateString(a.data);
      items.push_back(
          schema::CreateAttachment(fbb, static_cast<uint8_t>(a.kind), a.id, a.aux, data));
    }
    list = fbb.CreateVector(items);
  }
  return FinishResponse(fbb, schema::CreateResponse(fbb, id, 0, body.first, body.second, list));
}

std::span<const uint8_t> EncodeResponse(fb::FlatBufferBuilder& fbb, uint64_t id,
                                        const DaemonReply& reply) {
  fbb.Clear();
  auto body = BuildBody(fbb, reply);
  return FinishResponse(fbb, schema::CreateResponse(fbb, id, 0, body.first, body.second));
}

Error DecodeResponse(const schema::Response& response, Answer* out) {
  const auto type = static_cast<size_t>(response.body_type());
  if (const schema::Error* e = response.error()) {
    if (type != 0) return Error{ErrorCode::kMalformed, "body"};
    if (e->code() == schema::ErrorCode::Ok) return Error{ErrorCode::kMalformed, "error"};
    const std::string_view field = e->field() ? e->field()->string_view() : std::string_view{};
    out->emplace<engine::Result>(
        engine::Result{Error{static_cast<ErrorCode>(e->code()), InternFieldName(field)}});
    return {};
  }
  if (type >= kBodies) return Error{ErrorCode::kUnsupported, "body"};
  if (type == 0 || response.body() == nullptr) return Error{ErrorCode::kMalformed, "body"};
  return kReaders.read[type](response.body(), out);
}

Error DecodeResponse(const schema::Response& response, engine::Result* out) {
  Answer answer;
  Error error = DecodeResponse(response, &answer);
  if (error.code != ErrorCode::kOk) return error;
  engine::Result* result = std::get_if<engine::Result>(&answer);
  if (result == nullptr) return Error{ErrorCode::kUnsupported, "body"};
  *out = std::move(*result);
  return {};
}

Error DecodeAttachments(const schema::Response& response, std::vector<Attachment>* out) {
  out->clear();
  const auto* list = response.attachments();
  if (list == nullptr) return {};
  out->reserve(list->size());
  for (const schema::Attachment* a : *list) {
    const uint8_t kind = a->kind();
    if (a->data() == nullptr || kind < static_cast<uint8_t>(engine::PayloadKind::kQuestion) ||
        kind > static_cast<uint8_t>(engine::PayloadKind::kSuspendReason)) {
      out->clear();
      return Error{ErrorCode::kMalformed, "attachments"};
    }
    out->push_back(
        Attachment{static_cast<engine::PayloadKind>(kind), a->id(), a->aux(), a->data()->str()});
  }
  return {};
}

std::string_view InternFieldName(std::string_view field) {
  if (field.empty()) return {};
  if (field.size() > kInternedBytesMax) return "(unknown)";
  // Never destroyed: a view handed out stays valid until the process ends.
  static auto* names = new std::set<std::string, std::less<>>;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  auto it = names->find(field);
  if (it != names->end()) return *it;
  if (names->size() >= kInternedMax) return "(unknown)";
  return *names->emplace(field).first;
}

}  // namespace hitd::net
