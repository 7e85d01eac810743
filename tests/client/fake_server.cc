// The fake daemon of hitd_client's tests (fake_server.h).
#include "tests/client/fake_server.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/socket.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>

#include "net/protocol/request_codec.h"
#include "net/protocol/response_codec.h"

namespace hitd::client::testing {

namespace asio = boost::asio;
using asio::ip::tcp;
using engine::ErrorCode;

bool RunUntil(asio::io_context& io, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (io.stopped()) io.restart();
    io.run_one_for(std::chrono::milliseconds(10));
  }
  return true;
}

Credentials TestCredentials() {
  Credentials c;
  c.account_name = "alice";
  c.account_id = engine::AccountId(7);
  for (size_t i = 0; i < c.secret.size(); ++i) c.secret[i] = static_cast<uint8_t>(3 * i + 1);
  return c;
}

// ---- FakeConnection ----

FakeConnection::FakeConnection(tcp::socket socket) : socket_(std::move(socket)) {}

bool FakeConnection::ReadExactly(uint8_t* out, size_t n) {
  boost::system::error_code ec;
  asio::read(socket_, asio::buffer(out, n), ec);
  return !ec;
}

const schema::ClientFrame* FakeConnection::ReadFrame() {
  raw_.resize(net::kFrameLengthBytes);
  if (!ReadExactly(raw_.data(), raw_.size())) return nullptr;
  const net::FrameLength length = net::ParseFrameLength(
      std::span<const uint8_t, net::kFrameLengthBytes>(raw_.data(), net::kFrameLengthBytes));
  if (!length.ok()) {
    ADD_FAILURE() << "the client sent a bad frame length";
    return nullptr;
  }
  raw_.resize(net::kFrameLengthBytes + length.body_bytes);
  if (!ReadExactly(raw_.data() + net::kFrameLengthBytes, length.body_bytes)) return nullptr;
  const schema::ClientFrame* frame = net::VerifyClientFrame(aligned_.Assign(raw_));
  if (frame == nullptr) ADD_FAILURE() << "the client sent a frame that fails verification";
  return frame;
}

bool FakeConnection::Handshake(const Secret& secret, net::Hello* hello_out) {
  const schema::ClientFrame* frame = ReadFrame();
  if (frame == nullptr || frame->body_type() != schema::ClientBody::Hello) {
    ADD_FAILURE() << "expected Hello";
    return false;
  }
  net::Hello hello;
  EXPECT_EQ(net::DecodeHello(*frame->body_as_Hello(), &hello).code, ErrorCode::kOk);
  if (hello_out != nullptr) *hello_out = hello;

  net::Nonce nonce;
  randombytes_buf(nonce.data(), nonce.size());
  Send(net::EncodeChallenge(fbb_, nonce));
  frame = ReadFrame();
  if (frame == nullptr || frame->body_type() != schema::ClientBody::Proof) {
    ADD_FAILURE() << "expected Proof";
    return false;
  }
  net::ProofMac mac;
  EXPECT_EQ(net::DecodeProof(*frame->body_as_Proof(), &mac).code, ErrorCode::kOk);
  SecretHash key;
  crypto_hash_sha256(key.data(), secret.data(), secret.size());
  if (crypto_auth_hmacsha256_verify(mac.data(), nonce.data(), nonce.size(), key.data()) != 0) {
    Goodbye(engine::Error{ErrorCode::kUnauthenticated, {}}, "bad proof");
    return false;
  }
  net::Welcome welcome;
  welcome.account_id = engine::AccountId(7);
  welcome.role = engine::Role::kRequester;
  welcome.max_frame_bytes = net::kDefaultMaxFrameBytes;
  welcome.server = "fake";
  Send(net::EncodeWelcome(fbb_, welcome));
  return true;
}

std::optional<FakeConnection::Request> FakeConnection::ReadRequest() {
  const schema::ClientFrame* frame = ReadFrame();
  if (frame == nullptr || frame->body_type() != schema::ClientBody::Request) return std::nullopt;
  const schema::Request& r = *frame->body_as_Request();
  Request request;
  request.id = r.id();
  if (r.token() != nullptr) request.token = r.token()->str();
  EXPECT_EQ(net::DecodeRequest(r, &request.operation).code, ErrorCode::kOk);
  return request;
}

bool FakeConnection::ReadsEnd() {
  uint8_t byte;
  return !ReadExactly(&byte, 1);
}

void FakeConnection::Send(std::span<const uint8_t> bytes) {
  boost::system::error_code ec;
  asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
}

void FakeConnection::Respond(uint64_t id, const engine::Result& result, std::string_view message) {
  Send(net::EncodeResponse(fbb_, id, result, message));
}

void FakeConnection::Respond(uint64_t id, const net::DaemonReply& reply) {
  Send(net::EncodeResponse(fbb_, id, reply));
}

void FakeConnection::PushEvents(const std::vector<engine::Event>& events) {
  Send(net::EncodeEventPush(fbb_, events));
}

void FakeConnection::Goodbye(engine::Error error, std::string_view message) {
  Send(net::EncodeGoodbye(fbb_, error, message));
}

// ---- FakeServer ----

FakeServer::FakeServer(std::vector<Script> scripts)
    : scripts_(std::move(scripts)),
      acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  if (sodium_init() < 0) ADD_FAILURE() << "sodium_init failed";
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] { Serve(); });
}

FakeServer::~FakeServer() {
  ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
  const int fd = live_fd_.load();
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
  Join();
}

void FakeServer::Join() {
  if (thread_.joinable()) thread_.join();
}

void FakeServer::Serve() {
  for (Script& script : scripts_) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec) return;
    FakeConnection connection(std::move(socket));
    live_fd_.store(connection.native_handle());
    script(connection);
    live_fd_.store(-1);
  }
}

Options OptionsFor(const FakeServer& server) {
  Options options;
  options.port = server.port();
  options.credentials = TestCredentials();
  options.client_name = "client_tests";
  options.connect_timeout_ms = 5'000;
  return options;
}

engine::Command GetHit(uint64_t n) { return engine::GetHit{engine::HitId(n)}; }

uint64_t HitOf(const FakeConnection::Request& request) {
  const auto* command = std::get_if<engine::Command>(&request.operation);
  const auto* get = command ? std::get_if<engine::GetHit>(command) : nullptr;
  return get ? get->hit.value : 0;
}

engine::Result NotFound() { return engine::Result{engine::Error{ErrorCode::kNotFound, "hit"}}; }

std::string HitMessage(uint64_t hit) { return "hit " + std::to_string(hit); }

void AnswerHit(FakeConnection& c, const FakeConnection::Request& request) {
  c.Respond(request.id, NotFound(), HitMessage(HitOf(request)));
}

void CloseAndRun(asio::io_context& io, Client& client) {
  client.Close();
  io.restart();
  io.poll();
}

}  // namespace hitd::client::testing
