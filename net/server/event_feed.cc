// The Hub's event streams (SubscribeEvents).
//
// No gap, no duplicate: `last_seq_` is the last event of the durable batches this thread
// has taken from the done ring, in order; every event up to it is in the store. A stream
// holds `next_seq`, the next event it is to get. While next_seq <= last_seq_ the stream
// is behind and reads its backlog from the store (never past last_seq_), a chunk at a
// time while its connection has room; once caught up, each durable batch's events are
// pushed from memory as the batch comes back. Either way next_seq only moves forward,
// past events pushed or not the account's to see, so each event goes out once.
// Events of batches that were not stored (disk full, failure) are never published; the
// engine reuses their numbers after its rollback.
#include <algorithm>

#include "net/protocol/session_codec.h"
#include "net/server/hub.h"

namespace hitd::server {

namespace {
constexpr size_t kBacklogChunk = 512;   // events read from the store per step
constexpr size_t kEventsPerPush = 256;  // an EventPush frame stays far below 1 MiB
}  // namespace

// Admins see every event; a requester the events of what it owns; a worker the events
// about itself (its assignments, qualifications, bonuses).
bool Hub::Visible(const Session& session, const engine::Event& event) {
  switch (session.role()) {
    case engine::Role::kAdmin:
      return true;
    case engine::Role::kRequester:
      return event.owner == session.account();
    case engine::Role::kWorker:
      return event.worker == session.account();
  }
  return false;
}

void Hub::SubscribeEvents(Session& session, uint64_t request_id, uint64_t from_seq) {
  EventStream& stream = session.events();
  uint64_t next = from_seq == 0 ? last_seq_ + 1 : from_seq;
  // Events before the oldest retained one are gone: say where the stream really starts.
  const uint64_t first = host_.store().FirstEventSeq();
  if (next <= last_seq_) {
    if (first == 0) {
      next = last_seq_ + 1;
    } else if (next < first) {
      next = first;
    }
  }
  stream.active = true;
  stream.next_seq = next;
  event_subs_[session.id()] = session.shared_from_this();
  Answer(session, request_id,
         net::DaemonReply{net::Subscribed{net::SubscriptionKind::kEvents, stream.next_seq}});
  PumpEvents(session);
}

void Hub::OnWritten(Session& session) {
  const EventStream& stream = session.events();
  if (stream.active && stream.next_seq <= last_seq_) PumpEvents(session);
}

void Hub::PumpEvents(Session& session) {
  EventStream& stream = session.events();
  while (stream.active && !session.closed() && stream.next_seq <= last_seq_ &&
         session.unsent_bytes() < config_.max_unsent_bytes / 2) {
    backlog_.clear();
    const int rc = host_.store().ReadEvents(stream.next_seq, kBacklogChunk, &backlog_);
    const uint64_t before = stream.next_seq;
    visible_.clear();
    for (const engine::Event& e : backlog_) {
      if (e.seq > last_seq_) break;  // not ours yet: it comes with its batch
      if (e.seq < stream.next_seq) continue;
      if (Visible(session, e)) visible_.push_back(e);
      stream.next_seq = e.seq + 1;
    }
    if (!visible_.empty()) PushEvents(session, visible_);
    // Nothing readable up to last_seq_ (pruned meanwhile, or a read error): skip ahead
    // rather than spin; retention is the only way events go missing.
    if (rc != 0 || stream.next_seq == before) stream.next_seq = last_seq_ + 1;
  }
}

void Hub::PublishEvents(const std::vector<engine::Event>& events) {
  const uint64_t first = events.front().seq;
  const uint64_t last = events.back().seq;
  const uint64_t before = last_seq_;
  last_seq_ = std::max(last_seq_, last);
  // A snapshot: sending may close a session, which leaves the map.
  subscribers_.clear();
  for (auto it = event_subs_.begin(); it != event_subs_.end();) {
    if (!it->second->events().active || it->second->closed()) {
      it = event_subs_.erase(it);
    } else {
      subscribers_.push_back(it->second);
      ++it;
    }
  }
  for (const std::shared_ptr<Session>& session : subscribers_) {
    EventStream& stream = session->events();
    if (!stream.active || session->closed()) continue;
    if (stream.next_seq > last) continue;  // asked to start later
    if (stream.next_seq <= before && stream.next_seq < first) {
      PumpEvents(*session);  // behind: its backlog first, from the store
      continue;
    }
    visible_.clear();
    for (const engine::Event& e : events) {
      if (e.seq >= stream.next_seq && Visible(*session, e)) visible_.push_back(e);
    }
    stream.next_seq = last + 1;
    if (!visible_.empty()) PushEvents(*session, visible_);
  }
  subscribers_.clear();
}

void Hub::PushEvents(Session& session, std::span<const engine::Event> events) {
  for (size_t i = 0; i < events.size(); i += kEventsPerPush) {
    const auto part = events.subspan(i, std::min(kEventsPerPush, events.size() - i));
    counters_.events_pushed.fetch_add(part.size(), std::memory_order_relaxed);
    session.Send(net::EncodeEventPush(fbb_, part));
  }
}

}  // namespace hitd::server
