// One client connection, on the IO thread: reads frames, verifies them, runs the
// handshake, decodes requests into jobs for the engine thread, and writes what the Hub
// sends it (answers, pushes, the Goodbye).
//
//   reading: async_read_some into a buffer that holds many frames; each whole frame is
//       copied to 8-byte aligned memory (FrameBuffer), verified and handled in turn.
//   backpressure: a session stops handling frames (and reading) while the engine's
//       ring is full (the job waits in `pending_`) or while it has
//       max_in_flight_per_connection jobs unanswered; the Hub resumes it.
//   handshake: Hello -> a lookup job on the engine thread -> Challenge (a fresh nonce,
//       whether or not the account exists) -> Proof, checked against the account's key
//       in constant time -> Welcome, or Goodbye and close.
//   deadlines (one steady_timer): Hello to Welcome, the first byte of a frame to its
//       last, and no frame at all (idle) while nothing is in flight; on expiry Goodbye
//       UNAVAILABLE and close.
//   writing: frames are appended to one buffer and written in one async_write while the
//       previous write is out (many answers per write). Past max_unsent_bytes the client
//       is not reading: the connection is closed without a Goodbye.
//
// Lifetime: the Hub holds each session in a map by id; every pending async operation
// holds a shared_ptr. Answers for a closed session find no session and are dropped.
// IO thread only.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include "engine/errors.h"
#include "engine/records.h"
#include "net/protocol/frame.h"
#include "net/protocol/operation.h"
#include "net/protocol/session_codec.h"
#include "net/server/job.h"

namespace hitd::server {

class Hub;

struct SessionLimits {
  net::FrameLimits frame;
  std::chrono::milliseconds handshake_timeout{5'000};
  std::chrono::milliseconds frame_timeout{10'000};
  std::chrono::milliseconds idle_timeout{300'000};
  size_t max_unsent_bytes = 16 << 20;
  size_t max_in_flight = 4096;
};

// A SubscribeEvents stream: the next sequence number this connection is to get. Events
// below it were pushed (or were not the account's to see).
struct EventStream {
  bool active = false;
  uint64_t next_seq = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Hub& hub, boost::asio::ip::tcp::socket socket, uint64_t id, const SessionLimits& limits);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start();

  uint64_t id() const { return id_; }
  bool ready() const { return state_ == State::kReady; }
  bool closed() const { return closed_; }
  engine::AccountId account() const { return account_; }
  engine::Role role() const { return role_; }
  size_t unsent_bytes() const { return queued_.size() + writing_.size(); }
  EventStream& events() { return events_; }
  bool work_subscribed() const { return work_subscribed_; }
  void set_work_subscribed(bool on) { work_subscribed_ = on; }
  // The request being answered now (Hub::Answer counts and times its answer by it): set
  // when a frame is handled, and by the Hub from a job before answering it.
  const RequestTag& request_tag() const { return request_tag_; }
  void set_request_tag(const RequestTag& tag) { request_tag_ = tag; }

  // Queues one whole frame for writing.
  void Send(std::span<const uint8_t> frame);
  // One of this session's jobs has been answered (or dropped).
  void OnAnswered();
  // The engine's answer to the handshake's lookup, and the account's key (empty if none).
  void OnLookup(const LookedUp& account, const std::string& key);
  // The engine's ring has room again: push the waiting job and read on.
  void Resume();
  bool blocked() const { return pending_ != nullptr; }
  // Sends Goodbye with `why` and closes once it is written (or after a short grace).
  void Close(engine::Error why, std::string_view message);
  // Shutting down: handle no more frames; close once nothing is in flight or unsent.
  void Drain();
  // Closes the socket now.
  void Shutdown();

 private:
  enum class State : uint8_t { kHello, kLookingUp, kProof, kReady };
  using Clock = std::chrono::steady_clock;

  void Read();
  void OnRead(size_t bytes);
  void HandleFrames();
  bool CanHandle() const;
  void HandleFrame(std::span<const uint8_t> frame);
  void HandleHello(const schema::Hello& hello);
  void HandleProof(const schema::Proof& proof);
  void HandleRequest(const schema::Request& request);
  void HandleDaemon(uint64_t request_id, net::DaemonCommand& command);
  void Submit(Job* job);
  void SendError(uint64_t request_id, engine::ErrorCode code, std::string_view field,
                 std::string_view message = {});
  void Flush();
  void ArmTimer();
  void OnTimer();
  Clock::time_point NextDeadline() const;
  void MaybeFinishDrain();
  void Linger();
  void Discard();

  Hub& hub_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  const uint64_t id_;
  const SessionLimits limits_;
  State state_ = State::kHello;
  engine::AccountId account_;
  engine::Role role_ = engine::Role::kWorker;
  uint32_t protocol_version_ = 0;
  LookedUp looked_up_;
  std::array<uint8_t, 32> key_{};
  net::Nonce nonce_{};

  std::vector<uint8_t> in_;  // received bytes: [in_begin_, in_end_) not yet handled
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
  net::FrameBuffer frame_;
  bool reading_ = false;
  Job* pending_ = nullptr;  // waits for room in the engine's ring
  size_t in_flight_ = 0;

  std::vector<uint8_t> queued_;   // frames not yet handed to the socket
  std::vector<uint8_t> writing_;  // the frames of the write in progress
  bool writing_now_ = false;

  Clock::time_point handshake_deadline_;
  Clock::time_point frame_deadline_ = Clock::time_point::max();  // a frame is half read
  Clock::time_point idle_deadline_;
  Clock::time_point close_deadline_ = Clock::time_point::max();
  Clock::time_point armed_at_ = Clock::time_point::max();
  bool timer_waiting_ = false;

  bool closing_ = false;   // Goodbye queued: write it, then close
  bool draining_ = false;  // the daemon is stopping
  bool closed_ = false;
  EventStream events_;
  bool work_subscribed_ = false;
  bool counted_online_ = false;  // a worker, counted in workers_online until closed
  int64_t read_ns_ = 0;          // the last read's time (steady ns): its frames' read time
  RequestTag request_tag_;
};

}  // namespace hitd::server
