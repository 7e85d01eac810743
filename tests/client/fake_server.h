// A fake daemon for hitd_client's tests: it listens on 127.0.0.1 (a free port) and runs
// one script per accepted connection, in order, on its own thread, with blocking I/O. A
// script speaks the protocol with the real codec (net/protocol/), so the client meets
// exact frames, and can do what a buggy or hostile daemon does (answer out of order,
// push overlapping events, send an oversized length, say Goodbye).
//
// The fake checks the client's proof itself (libsodium, not the client's ComputeProof).
// Synchronisation with the test's thread: Flag, set on one side and awaited on the
// other; the test's thread drives its io_context with RunUntil meanwhile.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include "net/client/client.h"
#include "net/protocol/frame.h"
#include "net/protocol/operation.h"
#include "net/protocol/session_codec.h"

namespace hitd::client::testing {

// A one-way signal between the fake's thread and the test's.
class Flag {
 public:
  void Set() {
    set_.store(true, std::memory_order_release);
    set_.notify_all();
  }
  bool IsSet() const { return set_.load(std::memory_order_acquire); }
  void Wait() const { set_.wait(false, std::memory_order_acquire); }

 private:
  std::atomic<bool> set_{false};
};

// Runs `io` until `done()` holds; false after 10 s (the test fails instead of hanging).
bool RunUntil(boost::asio::io_context& io, const std::function<bool()>& done);

// The account every fake knows: its name, id and secret.
Credentials TestCredentials();

class FakeConnection {
 public:
  struct Request {
    uint64_t id = 0;
    std::string token;
    net::Operation operation;
  };

  explicit FakeConnection(boost::asio::ip::tcp::socket socket);

  // The next verified client frame; nullptr at the end of the stream or on a bad frame.
  const schema::ClientFrame* ReadFrame();
  // The daemon's side of the handshake, for an account whose key is SHA-256(secret):
  // Challenge, then Welcome (account 7, requester) when the proof is right, else Goodbye
  // UNAUTHENTICATED. True when it welcomed. `hello` gets the client's Hello.
  bool Handshake(const Secret& secret, net::Hello* hello = nullptr);
  // The next Request, decoded; nullopt when the next frame is anything else.
  std::optional<Request> ReadRequest();
  // True when the client closes its side (the next read finds the end of the stream).
  bool ReadsEnd();

  void Send(std::span<const uint8_t> bytes);
  void Respond(uint64_t id, const engine::Result& result, std::string_view message = {});
  void Respond(uint64_t id, const net::DaemonReply& reply);
  void PushEvents(const std::vector<engine::Event>& events);
  void Goodbye(engine::Error error, std::string_view message);

  flatbuffers::FlatBufferBuilder& fbb() { return fbb_; }
  int native_handle() { return socket_.native_handle(); }

 private:
  bool ReadExactly(uint8_t* out, size_t n);

  boost::asio::ip::tcp::socket socket_;
  flatbuffers::FlatBufferBuilder fbb_;
  std::vector<uint8_t> raw_;
  net::FrameBuffer aligned_;
};

class FakeServer {
 public:
  using Script = std::function<void(FakeConnection&)>;

  // Starts listening; connection i runs scripts[i], then is closed. Once all scripts
  // ran, the thread ends (a further connection is accepted by the kernel, never served).
  explicit FakeServer(std::vector<Script> scripts);
  // Unblocks a script stuck in a read (shutting its socket down) and joins.
  ~FakeServer();

  uint16_t port() const { return port_; }
  // Waits until every script ran.
  void Join();

 private:
  void Serve();

  std::vector<Script> scripts_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<int> live_fd_{-1};
  std::thread thread_;
};

// Options that reach `server` as TestCredentials().
Options OptionsFor(const FakeServer& server);

// GetHit{n}: a command whose answer a fake can tie back to it ("hit n").
engine::Command GetHit(uint64_t n);
// The n of a GetHit request (0 for anything else).
uint64_t HitOf(const FakeConnection::Request& request);
// NOT_FOUND ("hit"), and the message that names hit n.
engine::Result NotFound();
std::string HitMessage(uint64_t hit);
// Answers a GetHit request with NotFound() and HitMessage(n): the client can tell apart
// answers that all carry the same error.
void AnswerHit(FakeConnection& c, const FakeConnection::Request& request);

// Closes `client` and runs the Close, which the test's thread only posted (it is not
// running `io`), so the fake sees the connection end.
void CloseAndRun(boost::asio::io_context& io, Client& client);

}  // namespace hitd::client::testing
