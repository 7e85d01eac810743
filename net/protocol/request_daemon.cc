// BuildOp and ReadOp (request_ops.h) for the operations the daemon serves itself:
// subscriptions and backup.
#include "net/protocol/request_ops.h"

namespace hitd::net::wire {

using engine::Error;

static_assert(AsInt(SubscriptionKind::kEvents) == AsInt(schema::SubscriptionKind::Events));
static_assert(AsInt(SubscriptionKind::kWork) == AsInt(schema::SubscriptionKind::Work));
static_assert(AsInt(SubscriptionKind::kWork) == AsInt(schema::SubscriptionKind::MAX));

fb::Offset<schema::SubscribeEventsRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                   const SubscribeEvents& op) {
  return schema::CreateSubscribeEventsRequest(fbb, op.from_seq);
}

Error ReadOp(const schema::SubscribeEventsRequest& t, SubscribeEvents* out) {
  out->from_seq = t.from_seq();
  return {};
}

fb::Offset<schema::SubscribeWorkRequest> BuildOp(fb::FlatBufferBuilder& fbb,
                                                 const SubscribeWork& op) {
  return schema::CreateSubscribeWorkRequest(fbb, BuildFilter(fbb, op.filter));
}

Error ReadOp(const schema::SubscribeWorkRequest& t, SubscribeWork* out) {
  FieldReader r;
  ReadFilter(t.filter(), r, &out->filter);
  return r.error();
}

fb::Offset<schema::UnsubscribeRequest> BuildOp(fb::FlatBufferBuilder& fbb, const Unsubscribe& op) {
  return schema::CreateUnsubscribeRequest(fbb, AsSchema<schema::SubscriptionKind>(op.kind));
}

Error ReadOp(const schema::UnsubscribeRequest& t, Unsubscribe* out) {
  FieldReader r;
  r.Enum(t.kind(), "kind", &out->kind);
  return r.error();
}

fb::Offset<schema::BackupRequest> BuildOp(fb::FlatBufferBuilder& fbb, const Backup& op) {
  return schema::CreateBackupRequest(fbb, BuildText(fbb, op.dir));
}

Error ReadOp(const schema::BackupRequest& t, Backup* out) {
  FieldReader r;
  r.Text(t.dir(), kPathBytes, "dir", &out->dir);
  return r.error();
}

}  // namespace hitd::net::wire
