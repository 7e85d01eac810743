#include "net/server/session.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <cstring>

#include "net/protocol/request_codec.h"
#include "net/server/hub.h"

namespace hitd::server {

namespace asio = boost::asio;
using engine::ErrorCode;

namespace {
constexpr size_t kReadChunk = 64 << 10;  // many frames per read
constexpr auto kCloseGrace = std::chrono::milliseconds(1'000);
constexpr char kServerName[] = "hitd/0.1";

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

Session::Session(Hub& hub, asio::ip::tcp::socket socket, uint64_t id, const SessionLimits& limits)
    : hub_(hub),
      socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      id_(id),
      limits_(limits) {}

void Session::Start() {
  const auto now = Clock::now();
  handshake_deadline_ = now + limits_.handshake_timeout;
  idle_deadline_ = now + limits_.idle_timeout;
  in_.resize(kReadChunk);
  boost::system::error_code ec;
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  Read();
  ArmTimer();
}

bool Session::CanHandle() const {
  return !closed_ && !closing_ && !draining_ && pending_ == nullptr &&
         in_flight_ < limits_.max_in_flight && state_ != State::kLookingUp;
}

void Session::Read() {
  if (reading_ || !CanHandle()) return;
  if (in_begin_ > 0) {  // keep the unhandled bytes at the front
    std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  if (in_end_ == in_.size()) in_.resize(in_.size() + kReadChunk);
  reading_ = true;
  socket_.async_read_some(asio::buffer(in_.data() + in_end_, in_.size() - in_end_),
                          [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                            self->reading_ = false;
                            if (ec) return self->Shutdown();
                            if (self->closing_) return self->Discard();
                            self->OnRead(n);
                          });
}

void Session::OnRead(size_t bytes) {
  if (closed_) return;
  in_end_ += bytes;
  read_ns_ =
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
  hub_.counters().bytes_in.fetch_add(bytes, std::memory_order_relaxed);
  HandleFrames();
  Read();
}

void Session::HandleFrames() {
  bool partial = false;
  while (CanHandle()) {
    const size_t avail = in_end_ - in_begin_;
    if (avail < net::kFrameLengthBytes) {
      partial = avail > 0;
      break;
    }
    const net::FrameLength length =
        net::ParseFrameLength(std::span<const uint8_t, net::kFrameLengthBytes>(
                                  in_.data() + in_begin_, net::kFrameLengthBytes),
                              limits_.frame.max_frame_bytes);
    if (!length.ok()) {
      hub_.counters().frames_malformed.fetch_add(1, std::memory_order_relaxed);
      return Close(length.error, "frame length 0 or over the limit");
    }
    const size_t total = net::kFrameLengthBytes + length.body_bytes;
    if (avail < total) {
      if (in_begin_ + total > in_.size()) in_.resize(std::max(in_.size(), total + in_begin_));
      partial = true;
      break;
    }
    const std::span<const uint8_t> frame(in_.data() + in_begin_, total);
    in_begin_ += total;
    idle_deadline_ = Clock::now() + limits_.idle_timeout;
    frame_deadline_ = Clock::time_point::max();
    HandleFrame(frame);
  }
  if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
  if (partial && frame_deadline_ == Clock::time_point::max() && !closed_) {
    frame_deadline_ = Clock::now() + limits_.frame_timeout;
    ArmTimer();
  }
}

void Session::HandleFrame(std::span<const uint8_t> bytes) {
  ServerCounters& counters = hub_.counters();
  counters.frames_in.fetch_add(1, std::memory_order_relaxed);
  request_tag_ = RequestTag{};  // an answer before HandleRequest is to no request
  const std::span<const uint8_t> aligned = frame_.Assign(bytes);
  const schema::ClientFrame* frame = net::VerifyClientFrame(aligned, limits_.frame);
  if (frame == nullptr) {  // the framing is intact: the connection goes on
    counters.frames_malformed.fetch_add(1, std::memory_order_relaxed);
    return SendError(0, ErrorCode::kMalformed, "frame", "the frame failed verification");
  }
  switch (frame->body_type()) {
    case schema::ClientBody::Hello:
      if (state_ == State::kHello && frame->body_as_Hello() != nullptr) {
        return HandleHello(*frame->body_as_Hello());
      }
      break;
    case schema::ClientBody::Proof:
      if (state_ == State::kProof && frame->body_as_Proof() != nullptr) {
        return HandleProof(*frame->body_as_Proof());
      }
      break;
    case schema::ClientBody::Request:
      if (state_ == State::kReady && frame->body_as_Request() != nullptr) {
        return HandleRequest(*frame->body_as_Request());
      }
      break;
    default:
      if (state_ == State::kReady) {
        return SendError(0, ErrorCode::kUnsupported, "body", "unknown frame body");
      }
      break;
  }
  if (state_ == State::kReady) {
    return SendError(0, ErrorCode::kMalformed, "body", "a handshake frame after Welcome");
  }
  Close(engine::Error{ErrorCode::kUnauthenticated, "body"}, "authenticate first");
}

void Session::HandleHello(const schema::Hello& table) {
  net::Hello hello;
  const engine::Error e = net::DecodeHello(table, &hello);
  if (e.code != ErrorCode::kOk) return Close(e, "bad Hello");
  if (hello.protocol_version == 0) {
    return Close(engine::Error{ErrorCode::kUnsupported, "protocol_version"},
                 "protocol version 0 is not supported");
  }
  protocol_version_ = std::min(hello.protocol_version, net::kProtocolVersion);
  Job* job = hub_.NewJob();
  job->kind = JobKind::kLookup;
  job->session = id_;
  job->request_id = 0;
  job->lookup_name = std::move(hello.account_name);
  job->lookup_id = hello.account_id;
  state_ = State::kLookingUp;
  spdlog::debug("event=hello session={} client=\"{}\"", id_, hello.client);
  Submit(job);
}

void Session::OnLookup(const LookedUp& account, const std::string& key) {
  if (closed_ || state_ != State::kLookingUp) return;
  looked_up_ = account;
  if (account.found && key.size() == key_.size()) {
    std::memcpy(key_.data(), key.data(), key_.size());
  } else {
    // Unknown account (or one without a key): a random key, so that the proof fails the
    // same way a wrong one does and a stranger learns nothing.
    looked_up_.found = false;
    randombytes_buf(key_.data(), key_.size());
  }
  randombytes_buf(nonce_.data(), nonce_.size());
  state_ = State::kProof;
  Send(net::EncodeChallenge(hub_.fbb(), nonce_));
}

void Session::HandleProof(const schema::Proof& table) {
  net::ProofMac mac{};
  const engine::Error e = net::DecodeProof(table, &mac);
  const bool valid =
      e.code == ErrorCode::kOk &&
      crypto_auth_hmacsha256_verify(mac.data(), nonce_.data(), nonce_.size(), key_.data()) == 0 &&
      looked_up_.found;
  sodium_memzero(key_.data(), key_.size());
  ServerCounters& counters = hub_.counters();
  if (!valid) {
    counters.handshakes_failed.fetch_add(1, std::memory_order_relaxed);
    spdlog::info("event=auth_failed session={}", id_);
    return Close(engine::Error{ErrorCode::kUnauthenticated, {}}, "authentication failed");
  }
  if (looked_up_.status != engine::AccountStatus::kActive) {
    counters.handshakes_failed.fetch_add(1, std::memory_order_relaxed);
    spdlog::info("event=auth_suspended session={} account={}", id_, looked_up_.id.value);
    return Close(engine::Error{ErrorCode::kPermissionDenied, "account"}, "account suspended");
  }
  counters.handshakes_ok.fetch_add(1, std::memory_order_relaxed);
  state_ = State::kReady;
  account_ = looked_up_.id;
  role_ = looked_up_.role;
  handshake_deadline_ = Clock::time_point::max();
  net::Welcome welcome;
  welcome.account_id = account_;
  welcome.role = role_;
  welcome.protocol_version = protocol_version_;
  welcome.max_frame_bytes = limits_.frame.max_frame_bytes;
  welcome.server = kServerName;
  if (role_ == engine::Role::kWorker) {
    counters.workers_online.fetch_add(1, std::memory_order_relaxed);
    counted_online_ = true;
  }
  spdlog::info("event=welcome session={} account={}", id_, account_.value);
  Send(net::EncodeWelcome(hub_.fbb(), welcome));
}

void Session::HandleRequest(const schema::Request& request) {
  const uint64_t request_id = request.id();
  const auto op = static_cast<size_t>(request.body_type());
  if (op < kOperationSlots) {
    hub_.counters().requests_by_operation[op].fetch_add(1, std::memory_order_relaxed);
    request_tag_ = RequestTag{static_cast<uint16_t>(op), read_ns_};
  }
  net::Operation operation;
  const engine::Error e = net::DecodeRequest(request, &operation);
  if (e.code != ErrorCode::kOk) return SendError(request_id, e.code, e.field);
  if (auto* command = std::get_if<engine::Command>(&operation)) {
    Job* job = hub_.NewJob();
    job->kind = JobKind::kCommand;
    job->session = id_;
    job->request_id = request_id;
    job->actor = account_;
    job->tag = request_tag_;
    if (request.token() != nullptr && request.token()->size() > 0) {
      job->token.assign(request.token()->data(), request.token()->size());
      job->fingerprint = net::RequestFingerprint(hub_.scratch(), *command);
    }
    job->command = std::move(*command);
    return Submit(job);
  }
  HandleDaemon(request_id, std::get<net::DaemonCommand>(operation));
}

void Session::HandleDaemon(uint64_t request_id, net::DaemonCommand& command) {
  auto job_of = [&](JobKind kind) {
    Job* job = hub_.NewJob();
    job->kind = kind;
    job->session = id_;
    job->request_id = request_id;
    job->actor = account_;
    job->tag = request_tag_;
    return job;
  };
  std::visit(
      Overloaded{
          [&](net::SubscribeEvents& s) { hub_.SubscribeEvents(*this, request_id, s.from_seq); },
          [&](net::SubscribeWork& s) {
            Job* job = job_of(JobKind::kSubscribeWork);
            job->filter = std::move(s.filter);
            Submit(job);
          },
          [&](net::Unsubscribe& u) {
            if (u.kind == net::SubscriptionKind::kWork)
              return Submit(job_of(JobKind::kUnsubscribeWork));
            events_.active = false;
            hub_.Answer(*this, request_id, engine::Result{engine::Empty{}});
          },
          [&](net::Backup& b) {
            Job* job = job_of(JobKind::kBackupCheck);
            job->backup_dir = std::move(b.dir);
            Submit(job);
          },
      },
      command);
}

void Session::Submit(Job* job) {
  ++in_flight_;
  if (!hub_.TrySubmit(*this, job)) pending_ = job;
}

void Session::Resume() {
  if (closed_ || pending_ == nullptr) return;
  if (!hub_.TrySubmit(*this, pending_)) return;
  pending_ = nullptr;
  HandleFrames();
  Read();
}

void Session::OnAnswered() {
  if (in_flight_ > 0) --in_flight_;
  if (closed_) return;
  if (draining_) return MaybeFinishDrain();
  HandleFrames();
  Read();
}

void Session::SendError(uint64_t request_id, ErrorCode code, std::string_view field,
                        std::string_view message) {
  hub_.Answer(*this, request_id, engine::Fail(code, field), message);
}

void Session::Send(std::span<const uint8_t> frame) {
  if (closed_) return;
  queued_.insert(queued_.end(), frame.begin(), frame.end());
  if (unsent_bytes() > limits_.max_unsent_bytes) {
    hub_.counters().connections_slow.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("event=close_slow_reader session={} unsent_bytes={}", id_, unsent_bytes());
    return Shutdown();
  }
  Flush();
}

void Session::Flush() {
  if (writing_now_ || queued_.empty() || closed_) return;
  std::swap(queued_, writing_);
  queued_.clear();
  writing_now_ = true;
  asio::async_write(socket_, asio::buffer(writing_),
                    [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                      self->writing_now_ = false;
                      self->writing_.clear();
                      if (ec) return self->Shutdown();
                      self->hub_.counters().bytes_out.fetch_add(n, std::memory_order_relaxed);
                      if (!self->queued_.empty()) return self->Flush();
                      if (self->closing_) return self->Linger();
                      if (self->draining_) return self->MaybeFinishDrain();
                      self->hub_.OnWritten(*self);
                    });
}

void Session::Close(engine::Error why, std::string_view message) {
  if (closing_ || closed_) return;
  spdlog::info("event=goodbye session={} code={} reason=\"{}\"", id_,
               engine::ErrorCodeName(why.code), message);
  Send(net::EncodeGoodbye(hub_.fbb(), why, message));
  closing_ = true;
  if (closed_) return;
  if (!writing_now_) return Shutdown();
  close_deadline_ = Clock::now() + kCloseGrace;
  ArmTimer();
}

// The Goodbye is written: stop sending, and read (and drop) what the client still sends
// until it closes or the grace runs out. Closing with unread bytes would send a reset,
// which can destroy the Goodbye before the client reads it.
void Session::Linger() {
  if (closed_) return;
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  if (!reading_) Discard();
}

void Session::Discard() {
  if (closed_) return;
  if (in_.empty()) in_.resize(kReadChunk);
  reading_ = true;
  socket_.async_read_some(asio::buffer(in_.data(), in_.size()),
                          [self = shared_from_this()](boost::system::error_code ec, size_t) {
                            self->reading_ = false;
                            if (ec) return self->Shutdown();
                            self->Discard();
                          });
}

void Session::Drain() {
  if (closed_) return;
  draining_ = true;
  if (pending_ != nullptr) {  // never reached the engine: refuse it
    Job* job = pending_;
    pending_ = nullptr;
    if (job->kind != JobKind::kSessionClosed && job->kind != JobKind::kLookup) {
      request_tag_ = job->tag;
      SendError(job->request_id, ErrorCode::kUnavailable, {}, "shutting down");
    }
    hub_.ReleaseJob(job);
    if (in_flight_ > 0) --in_flight_;
  }
  MaybeFinishDrain();
}

void Session::MaybeFinishDrain() {
  if (closed_ || closing_ || in_flight_ > 0 || writing_now_ || !queued_.empty()) return;
  // Every answer is out: tell the client why the connection ends, then close.
  Close(engine::Error{ErrorCode::kUnavailable, {}}, "the daemon is stopping");
}

void Session::Shutdown() {
  if (closed_) return;
  closed_ = true;
  if (counted_online_) {
    hub_.counters().workers_online.fetch_sub(1, std::memory_order_relaxed);
    counted_online_ = false;
  }
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  timer_.cancel();
  if (pending_ != nullptr) {
    hub_.ReleaseJob(pending_);
    pending_ = nullptr;
  }
  hub_.OnClosed(*this);
}

Session::Clock::time_point Session::NextDeadline() const {
  if (closing_) return close_deadline_;
  Clock::time_point next = std::min(frame_deadline_, idle_deadline_);
  if (state_ != State::kReady) next = std::min(next, handshake_deadline_);
  return next;
}

void Session::ArmTimer() {
  if (closed_) return;
  const Clock::time_point next = NextDeadline();
  if (timer_waiting_ && next >= armed_at_) return;  // the timer fires early and re-arms
  armed_at_ = next;
  timer_waiting_ = true;
  timer_.expires_at(next);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec == asio::error::operation_aborted) return;  // re-armed or closed
    self->timer_waiting_ = false;
    self->OnTimer();
  });
}

void Session::OnTimer() {
  if (closed_) return;
  const auto now = Clock::now();
  if (closing_) {
    if (now >= close_deadline_) return Shutdown();
    return ArmTimer();
  }
  const char* why = nullptr;
  if (state_ != State::kReady && now >= handshake_deadline_) why = "handshake";
  if (why == nullptr && now >= frame_deadline_) why = "frame";
  if (why == nullptr && now >= idle_deadline_) {
    if (in_flight_ > 0 || writing_now_ || pending_ != nullptr) {
      idle_deadline_ = now + limits_.idle_timeout;  // waiting on us is not idling
    } else {
      why = "idle";
    }
  }
  if (why != nullptr) {
    hub_.counters().connections_timed_out.fetch_add(1, std::memory_order_relaxed);
    return Close(engine::Error{ErrorCode::kUnavailable, why}, std::string(why) + " timed out");
  }
  ArmTimer();
}

}  // namespace hitd::server
