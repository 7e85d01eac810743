// Build and Read for every ResponseBody table (internal to net/protocol/).
//
// The replies a mutation answers with have their BuildValue and ReadValue in the store's
// codec (engine/store/codec_internal.h), which stores them for idempotency tokens; this
// file brings those into namespace wire and adds the read-only replies appended to
// values.fbs (views, lists, stats, the dashboard) and the daemon's own answers
// (protocol.fbs). The overload set is the map between reply types and tables:
// response_codec.cc derives each ResponseBody member from BuildValue's return type.
//
// ReadValue takes a verified table and is false for a value this build cannot
// represent (an enum value out of range, a record without its id).
#pragma once

#include "net/protocol/operation.h"
#include "net/protocol/wire.h"

namespace hitd::net::wire {

using store::codec::BuildValue;
using store::codec::ReadValue;

fb::Offset<schema::Stats> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Stats& v);
fb::Offset<schema::HitView> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitView& v);
fb::Offset<schema::HitList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::HitList& v);
fb::Offset<schema::AssignmentList> BuildValue(fb::FlatBufferBuilder& fbb,
                                              const engine::AssignmentList& v);
fb::Offset<schema::BonusList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BonusList& v);
fb::Offset<schema::BlockList> BuildValue(fb::FlatBufferBuilder& fbb, const engine::BlockList& v);
fb::Offset<schema::QualTypeList> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::QualTypeList& v);
fb::Offset<schema::QualificationView> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualificationView& v);
fb::Offset<schema::QualificationList> BuildValue(fb::FlatBufferBuilder& fbb,
                                                 const engine::QualificationList& v);
fb::Offset<schema::QualRequestList> BuildValue(fb::FlatBufferBuilder& fbb,
                                               const engine::QualRequestList& v);
fb::Offset<schema::HitGroupList> BuildValue(fb::FlatBufferBuilder& fbb,
                                            const engine::HitGroupList& v);
fb::Offset<schema::Dashboard> BuildValue(fb::FlatBufferBuilder& fbb, const engine::Dashboard& v);
fb::Offset<schema::Subscribed> BuildValue(fb::FlatBufferBuilder& fbb, const Subscribed& v);
fb::Offset<schema::BackupDone> BuildValue(fb::FlatBufferBuilder& fbb, const BackupDone& v);

[[nodiscard]] bool ReadValue(const schema::Stats& t, engine::Stats& out);
[[nodiscard]] bool ReadValue(const schema::HitView& t, engine::HitView& out);
[[nodiscard]] bool ReadValue(const schema::HitList& t, engine::HitList& out);
[[nodiscard]] bool ReadValue(const schema::AssignmentList& t, engine::AssignmentList& out);
[[nodiscard]] bool ReadValue(const schema::BonusList& t, engine::BonusList& out);
[[nodiscard]] bool ReadValue(const schema::BlockList& t, engine::BlockList& out);
[[nodiscard]] bool ReadValue(const schema::QualTypeList& t, engine::QualTypeList& out);
[[nodiscard]] bool ReadValue(const schema::QualificationView& t, engine::QualificationView& out);
[[nodiscard]] bool ReadValue(const schema::QualificationList& t, engine::QualificationList& out);
[[nodiscard]] bool ReadValue(const schema::QualRequestList& t, engine::QualRequestList& out);
[[nodiscard]] bool ReadValue(const schema::HitGroupList& t, engine::HitGroupList& out);
[[nodiscard]] bool ReadValue(const schema::Dashboard& t, engine::Dashboard& out);
[[nodiscard]] bool ReadValue(const schema::Subscribed& t, Subscribed& out);
[[nodiscard]] bool ReadValue(const schema::BackupDone& t, BackupDone& out);

}  // namespace hitd::net::wire
