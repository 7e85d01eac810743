// The handshake, Goodbye and push frames (session_codec.h).
#include "net/protocol/session_codec.h"

#include <algorithm>

#include "engine/check.h"
#include "net/protocol/frame.h"
#include "net/protocol/response_codec.h"
#include "net/protocol/wire.h"

namespace hitd::net {
namespace {

namespace fb = flatbuffers;
using engine::Error;
using engine::ErrorCode;

// Exactly N bytes into `out`, or INVALID_ARGUMENT naming the field.
template <size_t N>
Error ReadFixed(const fb::Vector<uint8_t>* v, std::string_view field, std::array<uint8_t, N>* out) {
  if (v == nullptr || v->size() != N) return Error{ErrorCode::kInvalidArgument, field};
  std::copy(v->begin(), v->end(), out->begin());
  return {};
}

}  // namespace

// ---- client to daemon ----

std::span<const uint8_t> EncodeHello(fb::FlatBufferBuilder& fbb, const Hello& hello) {
  fbb.Clear();
  auto name = wire::BuildText(fbb, hello.account_name);
  auto client = wire::BuildText(fbb, hello.client);
  auto body =
      schema::CreateHello(fbb, hello.protocol_version, name, hello.account_id.value, client);
  return FinishClientFrame(fbb, schema::ClientBody::Hello, body.Union());
}

std::span<const uint8_t> EncodeProof(fb::FlatBufferBuilder& fbb, const ProofMac& mac) {
  fbb.Clear();
  auto hmac = fbb.CreateVector(mac.data(), mac.size());
  return FinishClientFrame(fbb, schema::ClientBody::Proof, schema::CreateProof(fbb, hmac).Union());
}

Error DecodeHello(const schema::Hello& t, Hello* out) {
  wire::FieldReader r;
  out->protocol_version = t.protocol_version();
  r.Text(t.account_name(), engine::limits::kNameMax, "account_name", &out->account_name);
  out->account_id = engine::AccountId(t.account_id());
  r.Text(t.client(), kSoftwareNameMax, "client", &out->client);
  return r.error();
}

Error DecodeProof(const schema::Proof& t, ProofMac* out) {
  return ReadFixed(t.hmac(), "hmac", out);
}

// ---- daemon to client ----

std::span<const uint8_t> EncodeChallenge(fb::FlatBufferBuilder& fbb, const Nonce& nonce) {
  fbb.Clear();
  auto bytes = fbb.CreateVector(nonce.data(), nonce.size());
  return FinishServerFrame(fbb, schema::ServerBody::Challenge,
                           schema::CreateChallenge(fbb, bytes).Union());
}

std::span<const uint8_t> EncodeWelcome(fb::FlatBufferBuilder& fbb, const Welcome& welcome) {
  fbb.Clear();
  auto server = wire::BuildText(fbb, welcome.server);
  auto body = schema::CreateWelcome(fbb, welcome.account_id.value,
                                    wire::AsSchema<schema::Role>(welcome.role),
                                    welcome.protocol_version, welcome.max_frame_bytes, server);
  return FinishServerFrame(fbb, schema::ServerBody::Welcome, body.Union());
}

std::span<const uint8_t> EncodeGoodbye(fb::FlatBufferBuilder& fbb, Error error,
                                       std::string_view message) {
  HITD_CHECK(error.code != ErrorCode::kOk);
  fbb.Clear();
  auto field = wire::BuildText(fbb, error.field);
  auto text = wire::BuildText(fbb, message);
  auto e = schema::CreateError(fbb, static_cast<schema::ErrorCode>(error.code), field, text);
  return FinishServerFrame(fbb, schema::ServerBody::Goodbye, schema::CreateGoodbye(fbb, e).Union());
}

std::span<const uint8_t> EncodeEventPush(fb::FlatBufferBuilder& fbb,
                                         std::span<const engine::Event> events) {
  fbb.Clear();
  std::vector<fb::Offset<schema::Event>> offsets;
  offsets.reserve(events.size());
  for (const engine::Event& e : events) offsets.push_back(store::codec::Build(fbb, e));
  auto vector = offsets.empty() ? 0 : fbb.CreateVector(offsets);
  return FinishServerFrame(fbb, schema::ServerBody::EventPush,
                           schema::CreateEventPush(fbb, vector).Union());
}

std::span<const uint8_t> EncodeWorkPush(fb::FlatBufferBuilder& fbb,
                                        std::span<const WorkAvailable> groups) {
  fbb.Clear();
  std::vector<fb::Offset<schema::WorkAvailable>> offsets;
  offsets.reserve(groups.size());
  for (const WorkAvailable& g : groups) {
    auto title = wire::BuildText(fbb, g.title);
    offsets.push_back(schema::CreateWorkAvailable(fbb, g.type.value, g.requester.value,
                                                  g.reward.value, g.slots_available, title));
  }
  auto vector = offsets.empty() ? 0 : fbb.CreateVector(offsets);
  return FinishServerFrame(fbb, schema::ServerBody::WorkPush,
                           schema::CreateWorkPush(fbb, vector).Union());
}

Error DecodeChallenge(const schema::Challenge& t, Nonce* out) {
  return ReadFixed(t.nonce(), "nonce", out);
}

Error DecodeWelcome(const schema::Welcome& t, Welcome* out) {
  wire::FieldReader r;
  out->account_id = engine::AccountId(t.account_id());
  r.Enum(t.role(), "role", &out->role);
  out->protocol_version = t.protocol_version();
  out->max_frame_bytes = t.max_frame_bytes();
  store::codec::ReadString(t.server(), out->server);
  return r.error();
}

Error DecodeGoodbye(const schema::Goodbye& t, Error* out) {
  const schema::Error* e = t.error();
  if (e == nullptr || e->code() == schema::ErrorCode::Ok) {
    return Error{ErrorCode::kMalformed, "error"};
  }
  const std::string_view field = e->field() ? e->field()->string_view() : std::string_view{};
  *out = Error{static_cast<ErrorCode>(e->code()), InternFieldName(field)};
  return {};
}

Error DecodeEventPush(const schema::EventPush& t, std::vector<engine::Event>* out) {
  out->clear();
  if (t.events() == nullptr) return {};
  out->resize(t.events()->size());
  for (fb::uoffset_t i = 0; i < t.events()->size(); ++i) {
    if (!store::codec::Read(*t.events()->Get(i), (*out)[i])) {
      return Error{ErrorCode::kMalformed, "events"};
    }
  }
  return {};
}

Error DecodeWorkPush(const schema::WorkPush& t, std::vector<WorkAvailable>* out) {
  out->clear();
  if (t.groups() == nullptr) return {};
  out->resize(t.groups()->size());
  for (fb::uoffset_t i = 0; i < t.groups()->size(); ++i) {
    const schema::WorkAvailable& g = *t.groups()->Get(i);
    WorkAvailable& w = (*out)[i];
    w.type = engine::HitTypeId(g.hit_type_id());
    w.requester = engine::AccountId(g.requester_id());
    w.reward = engine::Cents(g.reward_cents());
    w.slots_available = g.slots_available();
    store::codec::ReadString(g.title(), w.title);
  }
  return {};
}

}  // namespace hitd::net
