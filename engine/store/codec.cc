// The codec's public API (codec.h): each Encode and Decode over the Build and Read of
// codec_records.cc, codec_types.cc and codec_values.cc, and the token record itself.
#include "engine/store/codec.h"

#include "engine/store/codec_internal.h"

namespace hitd::store {
namespace {

using codec::DecodeRoot;
using codec::EncodeRoot;

template <typename Table, typename Record>
bool DecodeRecord(std::span<const uint8_t> bytes, Record& out) {
  return DecodeRoot<Table>(bytes, [&](const Table& t) { return codec::Read(t, out); });
}

flatbuffers::Offset<schema::StoredToken> BuildToken(flatbuffers::FlatBufferBuilder& fbb,
                                                    const engine::TokenRecord& r) {
  HITD_CHECK(!r.token.empty());
  flatbuffers::Offset<flatbuffers::String> token = fbb.CreateString(r.token);
  schema::TokenResult type = schema::TokenResult::NONE;
  flatbuffers::Offset<void> result = codec::BuildTokenResult(fbb, r.result, type);
  schema::StoredTokenBuilder b(fbb);
  b.add_account_id(r.account.value);
  b.add_fingerprint(r.fingerprint);
  b.add_created_ms(r.created.value);
  b.add_token(token);
  b.add_result(result);
  b.add_result_type(type);
  return b.Finish();
}

bool ReadToken(const schema::StoredToken& t, engine::TokenRecord& out) {
  if (t.account_id() == 0 || t.token()->size() == 0) return false;  // token: required
  out.account = engine::AccountId(t.account_id());
  codec::ReadString(t.token(), out.token);
  out.fingerprint = t.fingerprint();
  out.created = engine::TimeMs(t.created_ms());
  return codec::ReadTokenResult(t, out.result);
}

}  // namespace

std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Account& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb,
                                const engine::AccountProfile& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualType& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualGrant& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::QualRequest& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::HitType& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Hit& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Assignment& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Bonus& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::WorkerBlock& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::Event& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::EngineMeta& r) {
  return EncodeRoot(fbb, r);
}
std::span<const uint8_t> Encode(flatbuffers::FlatBufferBuilder& fbb, const engine::TokenRecord& r) {
  fbb.Clear();
  return codec::Finish(fbb, BuildToken(fbb, r));
}

bool Decode(std::span<const uint8_t> bytes, engine::Account& out) {
  return DecodeRecord<schema::Account>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::AccountProfile& out) {
  return DecodeRecord<schema::AccountProfile>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::QualType& out) {
  return DecodeRecord<schema::QualType>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::QualGrant& out) {
  return DecodeRecord<schema::QualGrant>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::QualRequest& out) {
  return DecodeRecord<schema::QualRequest>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::HitType& out) {
  return DecodeRecord<schema::HitType>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::Hit& out) {
  return DecodeRecord<schema::Hit>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::Assignment& out) {
  return DecodeRecord<schema::Assignment>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::Bonus& out) {
  return DecodeRecord<schema::Bonus>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::WorkerBlock& out) {
  return DecodeRecord<schema::WorkerBlock>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::Event& out) {
  return DecodeRecord<schema::Event>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::EngineMeta& out) {
  return DecodeRecord<schema::EngineMeta>(bytes, out);
}
bool Decode(std::span<const uint8_t> bytes, engine::TokenRecord& out) {
  return DecodeRoot<schema::StoredToken>(
      bytes, [&](const schema::StoredToken& t) { return ReadToken(t, out); });
}

}  // namespace hitd::store
