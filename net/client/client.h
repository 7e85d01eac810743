// hitd_client: the C++ client library of hitd's wire protocol (schemas/README.md).
//
// Client is asynchronous and pipelined: it owns one TCP connection and runs on an
// Asio io_context that the caller drives (or that BlockingClient drives on its own
// thread). Call() sends a request at once and returns; its handler runs on the
// io_context's thread with the request's answer, in whatever order the daemon answers.
// Any number of requests may be in flight (up to Options::max_in_flight; beyond it,
// requests wait in the client, in order, until answers come back).
//
// The handshake (Hello, Challenge, Proof, Welcome) runs on Connect. When the connection
// drops, every request in flight is answered UNAVAILABLE (the caller decides whether a
// mutation may be retried; with a request token a retry is safe) and, when
// Options::reconnect is set, the next Call or Subscribe connects again (subscriptions
// are renewed: an event subscription resumes after the last event delivered, so the
// caller sees no gap and no duplicate).
//
// Threads: the io_context must be run by one thread at a time (handlers and the state
// they touch are not otherwise synchronised). Connect, Call, Subscribe*, OnConnection and
// Close may be called from any thread: off the io_context's thread they post themselves
// to it. The accessors (connected(), in_flight(), ...) read state owned by that thread:
// call them there. A handler never runs inside the call that gave it, except when the
// connection fails within a call (Close).
//
// Requests not yet sent (queued) when the connection is lost are answered too: with
// UNAVAILABLE, or with the daemon's Goodbye code when the handshake failed (e.g.
// UNAUTHENTICATED), so a caller whose first Call connects learns why.
//
// BlockingClient wraps a Client with its own io_context thread: each call waits for its
// answer. It is what hitctl and simple tests use.
//
// Credentials: an account's name and id and its 32-byte secret. The daemon holds only
// SHA-256(secret); the proof is HMAC-SHA256(SHA-256(secret), nonce). A credentials file
// is TOML, readable only by its owner:
//     account_id = 1
//     account_name = "admin"
//     secret = "64 hex digits"
//     server = "127.0.0.1:7400"        # optional
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include "engine/commands.h"
#include "engine/errors.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "net/protocol/frame.h"
#include "net/protocol/operation.h"
#include "net/protocol/response_codec.h"
#include "net/protocol/session_codec.h"

namespace hitd::client {

using Secret = std::array<uint8_t, 32>;
using SecretHash = std::array<uint8_t, 32>;  // SHA-256(secret): CreateAccount.secret_hash

struct Credentials {
  std::string account_name;  // the Hello names the account by name when set, else by id
  engine::AccountId account_id;
  Secret secret{};
  std::string server;  // "HOST:PORT" when the file names one; else empty
};

// 32 random bytes from the operating system (libsodium's randombytes).
Secret NewSecret();
SecretHash HashSecret(const Secret& secret);
std::string ToHex(std::span<const uint8_t> bytes);
bool FromHex(std::string_view hex, std::span<uint8_t> out);  // exact length, else false
// Addition: the handshake's proof, HMAC-SHA256(key = SHA-256(secret), nonce), as the
// client sends it and a daemon (or a test's fake daemon) expects it.
net::ProofMac ComputeProof(const SecretHash& key, const net::Nonce& nonce);

// Reads a credentials file (above). False with *error naming the problem.
bool LoadCredentials(const std::string& path, Credentials* out, std::string* error);
// Writes one, created with mode 0600 (replaced atomically when it exists).
bool SaveCredentials(const std::string& path, const Credentials& creds, std::string* error);

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 7400;
  Credentials credentials;
  std::string client_name = "hitd_client";
  int64_t connect_timeout_ms = 5'000;   // TCP connect plus handshake
  int64_t request_timeout_ms = 30'000;  // BlockingClient: how long one call waits
  bool reconnect = true;
  size_t max_in_flight = 4096;
  uint32_t max_frame_bytes = net::kDefaultMaxFrameBytes;
};

// Content the daemon attached to an answer (a HIT's question, an assignment's answer, a
// qualification test): see schemas/protocol.fbs, Attachment.
using Attachment = net::Attachment;

// One answer: the engine's result (reply or error), or a daemon reply, with the daemon's
// message for people when it failed, and attachments.
struct Answer {
  net::Answer answer;
  std::string message;
  std::vector<Attachment> attachments;

  bool ok() const;
  engine::Error error() const;  // code kOk when ok()
  // The reply of an engine command, e.g. answer.reply<engine::HitView>().
  template <typename T>
  const T& reply() const {
    return std::get<T>(std::get<engine::Result>(answer).reply);
  }
};

using AnswerHandler = std::function<void(Answer)>;
using EventHandler = std::function<void(std::span<const engine::Event>)>;
using WorkHandler = std::function<void(std::span<const net::WorkAvailable>)>;
// Called when the connection is lost (with why: UNAVAILABLE, or the daemon's Goodbye
// code) and again, with kOk, each time a handshake succeeds. A subscription the daemon
// refuses to renew after a reconnect ends; the handler hears (true, that error).
using ConnectionHandler = std::function<void(bool connected, engine::Error why)>;

class Client : public std::enable_shared_from_this<Client> {
 public:
  static std::shared_ptr<Client> Create(boost::asio::io_context& io, Options options);
  ~Client();

  // Connects and authenticates; `done` gets kOk and the Welcome, or the error (the
  // daemon's Goodbye code, or UNAVAILABLE when it could not be reached in time).
  void Connect(std::function<void(engine::Error, net::Welcome)> done);
  // Sends one request (with an optional idempotency token). Connects first when needed.
  void Call(const engine::Command& command, AnswerHandler done, std::string token = {});
  void Call(const net::DaemonCommand& command, AnswerHandler done, std::string token = {});
  // Streams the account's events from `from_seq` (0: only new ones); renewed on
  // reconnect from the last delivered seq + 1. `done` gets the Subscribed answer.
  void SubscribeEvents(uint64_t from_seq, EventHandler on_events, AnswerHandler done);
  void SubscribeWork(engine::WorkFilter filter, WorkHandler on_work, AnswerHandler done);
  void OnConnection(ConnectionHandler handler);
  // Closes the connection; requests in flight are answered UNAVAILABLE. Subscriptions
  // end (a later Call that connects again does not renew them).
  void Close();

  bool connected() const;
  size_t in_flight() const;
  const net::Welcome& welcome() const;
  uint64_t last_event_seq() const;  // the last event delivered, 0 before any
  // Additions: requests waiting in the client (beyond max_in_flight, or for the
  // handshake), and why the last connection ended or failed (for people; empty before).
  size_t queued() const;
  const std::string& last_failure() const;

 private:
  struct Impl;
  explicit Client(boost::asio::io_context& io, Options options);
  std::unique_ptr<Impl> impl_;
};

// Every call may come from any thread but the client's own (a handler that called one
// would wait for itself: asserted). A call that gets no answer in request_timeout_ms
// returns UNAVAILABLE "timed out" (the request may still be carried out: retry a
// mutation with the same token).
class BlockingClient {
 public:
  explicit BlockingClient(Options options);
  ~BlockingClient();
  BlockingClient(const BlockingClient&) = delete;
  BlockingClient& operator=(const BlockingClient&) = delete;

  // Connects and authenticates (Call does so on demand too).
  engine::Error Connect(net::Welcome* welcome = nullptr);
  Answer Call(const engine::Command& command, std::string token = {});
  Answer Call(const net::DaemonCommand& command, std::string token = {});
  // Subscriptions deliver on the client's thread: the handlers must be thread-safe.
  Answer SubscribeEvents(uint64_t from_seq, EventHandler on_events);
  Answer SubscribeWork(engine::WorkFilter filter, WorkHandler on_work);
  void Close();

  Client& async();  // the wrapped client, to pipeline from the client's thread

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hitd::client
