// Client::Impl's connection (client_impl.h): connect, handshake, the read loop that
// verifies and dispatches frames, the coalescing writer, and Fail.
//
// Reading: many frames per read. Received bytes accumulate in `in`; each whole frame is
// verified where it lies when it is 8-byte aligned, else after a copy (FrameBuffer).
// A length of 0 or over max_frame_bytes, a frame that fails verification, or a frame the
// handshake does not expect ends the connection: a daemon that sends one is broken or
// hostile, and nothing after it can be trusted.
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <cstring>

#include "engine/check.h"
#include "net/client/client_impl.h"
#include "net/protocol/response_codec.h"

namespace hitd::client {
namespace {

namespace asio = boost::asio;
using engine::Error;
using engine::ErrorCode;

constexpr size_t kMinReadBytes = 64 << 10;  // room for many small frames per read
constexpr int64_t kBackoffFirstMs = 50;     // the first retry after a failed connect
constexpr int64_t kBackoffMaxMs = 5'000;

std::string Where(const Options& o) { return o.host + ":" + std::to_string(o.port); }

}  // namespace

void Client::Impl::StartConnect() {
  HITD_CHECK(state == State::kIdle);
  attempted = true;
  state = State::kResolving;
  const uint64_t gen = ++generation;
  auto self = owner->shared_from_this();
  auto begin = [this, self, gen] {
    if (gen != generation) return;
    connect_timer.expires_after(std::chrono::milliseconds(options.connect_timeout_ms));
    connect_timer.async_wait([this, self, gen](const boost::system::error_code& ec) {
      if (ec || gen != generation || state == State::kConnected) return;
      Fail(Unavailable(), "could not connect to " + Where(options) + " within " +
                              std::to_string(options.connect_timeout_ms) + " ms");
    });
    resolver.async_resolve(
        options.host, std::to_string(options.port),
        [this, self, gen](const boost::system::error_code& ec,
                          const asio::ip::tcp::resolver::results_type& endpoints) {
          if (gen != generation) return;
          if (ec) {
            Fail(Unavailable(), "resolve " + options.host + ": " + ec.message());
            return;
          }
          asio::async_connect(socket, endpoints,
                              [this, self, gen](const boost::system::error_code& ec2,
                                                const asio::ip::tcp::endpoint&) {
                                if (gen != generation) return;
                                if (ec2) {
                                  Fail(Unavailable(),
                                       "connect to " + Where(options) + ": " + ec2.message());
                                  return;
                                }
                                OnConnected(gen);
                              });
        });
  };
  if (failed_attempts == 0) {
    begin();
    return;
  }
  // Reconnecting after failures: wait 50 ms, doubling per failure up to 5 s.
  const int64_t delay_ms =
      std::min(kBackoffMaxMs, kBackoffFirstMs << std::min<uint32_t>(failed_attempts - 1, 16));
  backoff_timer.expires_after(std::chrono::milliseconds(delay_ms));
  backoff_timer.async_wait([begin](const boost::system::error_code& ec) {
    if (!ec) begin();
  });
}

void Client::Impl::OnConnected(uint64_t gen) {
  state = State::kAwaitChallenge;
  boost::system::error_code ignored;
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  net::Hello hello;
  hello.account_name = options.credentials.account_name;
  hello.account_id = options.credentials.account_id;
  hello.client = options.client_name;
  const auto frame = net::EncodeHello(fbb, hello);
  out_next.insert(out_next.end(), frame.begin(), frame.end());
  StartWrite(gen);
  StartRead(gen);
}

void Client::Impl::StartRead(uint64_t gen) {
  uint8_t* bytes = reinterpret_cast<uint8_t*>(in.data());
  if (in_begin > 0) {  // keep the partial frame at the (aligned) start
    std::memmove(bytes, bytes + in_begin, in_end - in_begin);
    in_end -= in_begin;
    in_begin = 0;
  }
  size_t need = in_end + kMinReadBytes;
  if (in_end >= net::kFrameLengthBytes) {  // a frame's length is known (and was checked)
    const uint32_t body = uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 | uint32_t{bytes[2]} << 16 |
                          uint32_t{bytes[3]} << 24;
    need = std::max<size_t>(need, net::kFrameLengthBytes + body);
  }
  if (in.size() * sizeof(uint64_t) < need) {
    in.resize((std::max(need, in.size() * sizeof(uint64_t) * 2) + 7) / sizeof(uint64_t));
    bytes = reinterpret_cast<uint8_t*>(in.data());
  }
  const size_t capacity = in.size() * sizeof(uint64_t);
  socket.async_read_some(
      asio::buffer(bytes + in_end, capacity - in_end),
      [this, self = owner->shared_from_this(), gen](const boost::system::error_code& ec, size_t n) {
        if (gen != generation) return;
        if (ec) {
          Fail(Unavailable(), ec == asio::error::eof ? "the daemon closed the connection"
                                                     : "read from the daemon: " + ec.message());
          return;
        }
        OnRead(gen, n);
      });
}

void Client::Impl::OnRead(uint64_t gen, size_t n) {
  in_end += n;
  const uint8_t* bytes = reinterpret_cast<const uint8_t*>(in.data());
  const net::FrameLimits limits{.max_frame_bytes = options.max_frame_bytes};
  while (in_end - in_begin >= net::kFrameLengthBytes) {
    const uint8_t* p = bytes + in_begin;
    const net::FrameLength length = net::ParseFrameLength(
        std::span<const uint8_t, net::kFrameLengthBytes>(p, net::kFrameLengthBytes),
        options.max_frame_bytes);
    if (!length.ok()) {
      Fail(Unavailable(), "the daemon sent a frame length of 0 or over max_frame_bytes (" +
                              std::to_string(options.max_frame_bytes) + ")");
      return;
    }
    const size_t total = net::kFrameLengthBytes + length.body_bytes;
    if (in_end - in_begin < total) break;
    std::span<const uint8_t> frame(p, total);
    if (reinterpret_cast<uintptr_t>(p) % net::kFrameAlign != 0) frame = aligned.Assign(frame);
    in_begin += total;
    const schema::ServerFrame* root = net::VerifyServerFrame(frame, limits);
    if (root == nullptr) {
      Fail(Unavailable(), "the daemon sent a frame that fails verification");
      return;
    }
    OnFrame(*root);
    if (gen != generation) return;  // a handler closed the connection, or it failed
  }
  StartRead(gen);
}

void Client::Impl::OnFrame(const schema::ServerFrame& frame) {
  using Body = schema::ServerBody;
  const Body body = frame.body_type();
  if (body == Body::Goodbye) {
    Error why;
    if (net::DecodeGoodbye(*frame.body_as_Goodbye(), &why).code != ErrorCode::kOk) {
      Fail(Unavailable(), "the daemon sent a malformed Goodbye");
      return;
    }
    const auto* text = frame.body_as_Goodbye()->error()->message();
    std::string message = "the daemon said goodbye: " + std::string(ErrorCodeName(why.code));
    if (text != nullptr && text->size() > 0) message += ": " + text->str();
    Fail(why, std::move(message));
    return;
  }
  const bool expected = (body == Body::Challenge && state == State::kAwaitChallenge) ||
                        (body == Body::Welcome && state == State::kAwaitWelcome) ||
                        (body != Body::Challenge && body != Body::Welcome && body != Body::NONE &&
                         state == State::kConnected);
  if (!expected) {
    Fail(Unavailable(), std::string("the daemon sent an unexpected ") +
                            schema::EnumNameServerBody(body) + " frame");
    return;
  }
  switch (body) {
    case Body::Challenge:
      OnChallenge(frame);
      return;
    case Body::Welcome:
      OnWelcome(frame);
      return;
    case Body::Response:
      OnResponse(*frame.body_as_Response());
      return;
    case Body::EventPush:
      OnEventPush(*frame.body_as_EventPush());
      return;
    case Body::WorkPush:
      OnWorkPush(*frame.body_as_WorkPush());
      return;
    default:
      return;  // a push this build does not know: a newer daemon's, not ours to guess
  }
}

void Client::Impl::OnChallenge(const schema::ServerFrame& frame) {
  net::Nonce nonce;
  if (net::DecodeChallenge(*frame.body_as_Challenge(), &nonce).code != ErrorCode::kOk) {
    Fail(Unavailable(), "the daemon sent a malformed Challenge");
    return;
  }
  const net::ProofMac mac = ComputeProof(HashSecret(options.credentials.secret), nonce);
  const auto proof = net::EncodeProof(fbb, mac);
  out_next.insert(out_next.end(), proof.begin(), proof.end());
  state = State::kAwaitWelcome;
  ScheduleWrite();
}

void Client::Impl::OnWelcome(const schema::ServerFrame& frame) {
  net::Welcome w;
  if (net::DecodeWelcome(*frame.body_as_Welcome(), &w).code != ErrorCode::kOk) {
    Fail(Unavailable(), "the daemon sent a malformed Welcome");
    return;
  }
  const uint64_t gen = generation;
  state = State::kConnected;
  welcome = std::move(w);
  failed_attempts = 0;
  connect_timer.cancel();
  RenewSubscriptions();  // before anything queued, so no event is missed
  Pump();
  auto waiters = std::move(connect_waiters);
  connect_waiters.clear();
  for (auto& done : waiters) done(Error{}, welcome);
  if (gen == generation && on_connection) on_connection(true, Error{});
}

void Client::Impl::ScheduleWrite() {
  if (writing || write_scheduled) return;
  // Deferred, so that every frame a burst of calls makes goes out in one write.
  write_scheduled = true;
  asio::post(io, [this, self = owner->shared_from_this(), gen = generation] {
    if (gen != generation) return;
    write_scheduled = false;
    StartWrite(gen);
  });
}

void Client::Impl::StartWrite(uint64_t gen) {
  if (writing || out_next.empty()) return;
  out_busy.swap(out_next);
  out_next.clear();
  writing = true;
  asio::async_write(
      socket, asio::buffer(out_busy),
      [this, self = owner->shared_from_this(), gen](const boost::system::error_code& ec, size_t) {
        if (gen != generation) return;
        writing = false;
        out_busy.clear();
        if (ec) {
          Fail(Unavailable(), "write to the daemon: " + ec.message());
          return;
        }
        StartWrite(gen);
      });
}

void Client::Impl::Fail(Error why, std::string message) {
  if (state == State::kIdle) return;
  const bool was_connected = state == State::kConnected;
  state = State::kIdle;
  ++generation;
  boost::system::error_code ignored;
  socket.close(ignored);
  resolver.cancel();
  connect_timer.cancel();
  backoff_timer.cancel();
  in_begin = in_end = 0;
  out_next.clear();
  out_busy.clear();
  writing = write_scheduled = false;
  if (!was_connected) ++failed_attempts;
  last_failure = message;

  // Answer everything that waits. Handlers may call in again (even reconnect), so work
  // on moved-out copies.
  auto flight = std::move(in_flight);
  in_flight.clear();
  auto waiting = std::move(queue);
  queue.clear();
  auto waiters = std::move(connect_waiters);
  connect_waiters.clear();
  const Error unavailable = Unavailable();
  for (auto& [id, done] : flight) {
    if (done) done(Answer{engine::Result{unavailable}, message, {}});
  }
  // Requests that never left: the handshake's verdict (a Goodbye's code) is theirs.
  const Error queued_error = was_connected ? unavailable : why;
  for (Queued& q : waiting) {
    if (q.done) q.done(Answer{engine::Result{queued_error}, message, {}});
  }
  for (auto& done : waiters) done(why, net::Welcome{});
  if (was_connected && on_connection) on_connection(false, why);
}

}  // namespace hitd::client
