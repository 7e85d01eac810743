// Internal to hitd_client: the state behind Client (client.h).
//
// Owned by the io_context's thread: every member is touched only from handlers on it
// (Client's public methods dispatch there first). One connection at a time; `generation`
// counts connections, and every asynchronous operation remembers the generation it was
// started for, so that a late completion of a closed connection changes nothing.
//
// Invariants: a request is either queued (not sent; `queue`) or in flight (sent, waiting
// for its answer; `in_flight`), never both; in_flight.size() <= max_in_flight, except for
// the internal subscription renewals; the queue is sent in order, and only while
// connected; an event with seq <= last_event_seq is never delivered.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include "net/client/client.h"
#include "net/protocol/frame.h"

namespace hitd::client {

// The error every request waiting on a lost connection gets.
inline engine::Error Unavailable() { return engine::Error{engine::ErrorCode::kUnavailable, {}}; }

struct Client::Impl {
  enum class State : uint8_t { kIdle, kResolving, kAwaitChallenge, kAwaitWelcome, kConnected };

  struct Queued {
    uint64_t id = 0;
    std::vector<uint8_t> frame;
    AnswerHandler done;
  };
  struct EventSubscription {
    uint64_t from_seq = 0;
    EventHandler on_events;
    bool active = false;  // the daemon said Subscribed: renewed on reconnect
  };
  struct WorkSubscription {
    engine::WorkFilter filter;
    WorkHandler on_work;
    bool active = false;
  };

  Impl(Client* owner, boost::asio::io_context& io, Options options);

  // ---- connection (connection.cc) ----
  void StartConnect();
  void OnConnected(uint64_t gen);
  void OnFrame(const schema::ServerFrame& frame);
  void OnChallenge(const schema::ServerFrame& frame);
  void OnWelcome(const schema::ServerFrame& frame);
  void OnResponse(const schema::Response& response);
  void OnEventPush(const schema::EventPush& push);
  void OnWorkPush(const schema::WorkPush& push);
  void StartRead(uint64_t gen);
  void OnRead(uint64_t gen, size_t bytes);
  void ScheduleWrite();
  void StartWrite(uint64_t gen);
  // Ends the connection: answers what waits, tells the handlers. No-op when idle.
  void Fail(engine::Error why, std::string message);

  // ---- requests (client.cc) ----
  // Sends a request (or queues it), connecting first when needed.
  void Submit(uint64_t id, std::span<const uint8_t> frame, AnswerHandler done);
  void SendNow(uint64_t id, std::span<const uint8_t> frame, AnswerHandler done);
  void Pump();
  void RenewSubscriptions();
  // Wraps a subscription's `done`: marks it active (renewed on reconnect) once the
  // daemon says Subscribed, unless a later Subscribe replaced it.
  AnswerHandler OnSubscribed(net::SubscriptionKind kind, uint64_t subscription, AnswerHandler done);
  bool MayConnect() const { return !attempted || options.reconnect; }
  // Posts `done(answer)`: a handler never runs inside the call that gave it.
  void PostAnswer(AnswerHandler done, Answer answer);

  Client* owner;
  boost::asio::io_context& io;
  Options options;
  boost::asio::ip::tcp::resolver resolver;
  boost::asio::ip::tcp::socket socket;
  boost::asio::steady_timer connect_timer;
  boost::asio::steady_timer backoff_timer;
  flatbuffers::FlatBufferBuilder fbb;

  State state = State::kIdle;
  uint64_t generation = 0;
  bool attempted = false;        // a connection was tried at least once
  uint32_t failed_attempts = 0;  // in a row, for the reconnect backoff
  uint64_t next_id = 1;
  net::Welcome welcome;
  std::string last_failure;
  std::vector<std::function<void(engine::Error, net::Welcome)>> connect_waiters;
  ConnectionHandler on_connection;

  std::unordered_map<uint64_t, AnswerHandler> in_flight;
  std::deque<Queued> queue;
  EventSubscription events;
  WorkSubscription work;
  uint64_t last_event_seq = 0;
  // The seq the event stream resumes from on reconnect (0: only new events); an event
  // below it was delivered already (or skipped by the caller's from_seq) and is dropped.
  uint64_t resume_seq = 0;
  uint64_t event_subscription = 0;  // counts SubscribeEvents calls: only the last one counts
  uint64_t work_subscription = 0;

  // Reading: bytes [in_begin, in_end) of `in` are received and not yet parsed. `in` is
  // made of words so that its start is 8-byte aligned (frame.h, "Alignment").
  std::vector<uint64_t> in;
  size_t in_begin = 0;
  size_t in_end = 0;
  net::FrameBuffer aligned;
  // Writing: frames appended to `out_next` go out in one write once `out_busy` is done.
  std::vector<uint8_t> out_next;
  std::vector<uint8_t> out_busy;
  bool writing = false;
  bool write_scheduled = false;
};

}  // namespace hitd::client
