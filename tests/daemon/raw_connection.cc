#include "tests/daemon/raw_connection.h"

#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <sstream>

#include "net/protocol/request_codec.h"
#include "net/protocol/response_codec.h"

namespace hitd::daemon_test {
namespace {

namespace asio = boost::asio;
using Status = ServerMessage::Status;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

ServerMessage ClosedMessage() {
  ServerMessage m;
  m.status = Status::kClosed;
  return m;
}

std::vector<uint8_t> Copy(std::span<const uint8_t> bytes) { return {bytes.begin(), bytes.end()}; }

// Decodes a verified ServerFrame's body into `out`.
void DecodeBody(const schema::ServerFrame& frame, ServerMessage* out) {
  out->type = frame.body_type();
  engine::Error e;
  switch (frame.body_type()) {
    case schema::ServerBody::Challenge:
      e = net::DecodeChallenge(*frame.body_as_Challenge(), &out->nonce);
      break;
    case schema::ServerBody::Welcome:
      e = net::DecodeWelcome(*frame.body_as_Welcome(), &out->welcome);
      break;
    case schema::ServerBody::Goodbye:
      e = net::DecodeGoodbye(*frame.body_as_Goodbye(), &out->error);
      break;
    case schema::ServerBody::Response: {
      const schema::Response& response = *frame.body_as_Response();
      out->response_id = response.id();
      e = net::DecodeResponse(response, &out->answer);
      if (e.code == engine::ErrorCode::kOk) {
        if (const auto* result = std::get_if<engine::Result>(&out->answer)) {
          out->error = result->error();
        }
      }
      break;
    }
    case schema::ServerBody::EventPush:
      e = net::DecodeEventPush(*frame.body_as_EventPush(), &out->events);
      break;
    case schema::ServerBody::WorkPush:
      e = net::DecodeWorkPush(*frame.body_as_WorkPush(), &out->groups);
      break;
    default:
      e = engine::Error{engine::ErrorCode::kUnsupported, "body"};
  }
  out->status = e.code == engine::ErrorCode::kOk ? Status::kFrame : Status::kBadFrame;
}

}  // namespace

std::string ServerMessage::Describe() const {
  std::ostringstream os;
  switch (status) {
    case Status::kClosed:
      return "connection closed";
    case Status::kTimeout:
      return "no frame in time";
    case Status::kBadFrame:
      return "a frame that does not verify or decode";
    case Status::kFrame:
      break;
  }
  os << schema::EnumNameServerBody(type);
  if (type == schema::ServerBody::Goodbye || type == schema::ServerBody::Response) {
    os << " id=" << response_id << " error=" << engine::ErrorCodeName(error.code) << "("
       << error.field << ")";
  }
  return os.str();
}

RawConnection::RawConnection(uint16_t port, int receive_buffer_bytes) : socket_(io_) {
  socket_.open(asio::ip::tcp::v4());
  if (receive_buffer_bytes > 0) {
    socket_.set_option(asio::socket_base::receive_buffer_size(receive_buffer_bytes));
  }
  boost::system::error_code ec;
  socket_.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
}

RawConnection::~RawConnection() {
  boost::system::error_code ec;
  socket_.close(ec);
}

int RawConnection::native_handle() { return socket_.native_handle(); }

bool RawConnection::Write(std::span<const uint8_t> bytes) {
  boost::system::error_code ec;
  asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
  return !ec;
}

bool RawConnection::TryWrite(std::span<const uint8_t> bytes) {
  const ssize_t n =
      ::send(socket_.native_handle(), bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  return n >= 0 || errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

bool RawConnection::WaitReadable(int64_t deadline_ms) {
  for (;;) {
    const int64_t left = deadline_ms - NowMs();
    if (left <= 0) return false;
    pollfd p{socket_.native_handle(), POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return true;  // let the read report the error
  }
}

Status RawConnection::Fill(size_t n, int64_t deadline_ms) {
  uint8_t chunk[4096];
  while (pending_.size() < n) {
    if (!WaitReadable(deadline_ms)) return Status::kTimeout;
    const ssize_t r = ::recv(socket_.native_handle(), chunk, sizeof chunk, MSG_DONTWAIT);
    if (r == 0) return Status::kClosed;
    if (r < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return Status::kClosed;  // reset
    }
    pending_.insert(pending_.end(), chunk, chunk + r);
  }
  return Status::kFrame;
}

ServerMessage RawConnection::Read(int64_t timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  ServerMessage m;
  m.status = Fill(net::kFrameLengthBytes, deadline);
  if (m.status != Status::kFrame) return m;
  const net::FrameLength length = net::ParseFrameLength(
      std::span<const uint8_t, net::kFrameLengthBytes>(pending_.data(), net::kFrameLengthBytes),
      net::kMaxFrameBytesLimit);
  if (!length.ok()) {
    m.status = Status::kBadFrame;
    return m;
  }
  const size_t frame_bytes = net::kFrameLengthBytes + length.body_bytes;
  m.status = Fill(frame_bytes, deadline);
  if (m.status != Status::kFrame) return m;
  const std::vector<uint8_t> frame(pending_.begin(), pending_.begin() + frame_bytes);
  pending_.erase(pending_.begin(), pending_.begin() + frame_bytes);
  net::FrameLimits limits;
  limits.max_frame_bytes = net::kMaxFrameBytesLimit;
  const schema::ServerFrame* root = net::VerifyServerFrame(aligned_.Assign(frame), limits);
  if (root == nullptr) {
    m.status = Status::kBadFrame;
    return m;
  }
  DecodeBody(*root, &m);
  return m;
}

ServerMessage RawConnection::ReadAnswer(int64_t timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  for (;;) {
    ServerMessage m = Read(std::max<int64_t>(deadline - NowMs(), 1));
    if (m.is(schema::ServerBody::EventPush) || m.is(schema::ServerBody::WorkPush)) continue;
    return m;
  }
}

bool RawConnection::WaitClosed(int64_t timeout_ms, ServerMessage* goodbye) {
  const int64_t deadline = NowMs() + timeout_ms;
  if (goodbye != nullptr) *goodbye = ServerMessage{};
  for (;;) {
    const int64_t left = deadline - NowMs();
    if (left <= 0) return false;
    ServerMessage m = Read(left);
    if (m.status == Status::kClosed) return true;
    if (m.status == Status::kTimeout) return false;
    if (m.status == Status::kBadFrame) return false;  // unreadable: not a clean close
    if (goodbye != nullptr && m.is(schema::ServerBody::Goodbye)) *goodbye = m;
  }
}

ServerMessage RawConnection::SendHello(const net::Hello& hello) {
  if (!Write(HelloFrame(hello))) return ClosedMessage();
  return Read();
}

engine::Error RawConnection::Handshake(const client::Credentials& credentials,
                                       net::Welcome* welcome) {
  net::Hello hello;
  hello.account_name = credentials.account_name;
  if (hello.account_name.empty()) hello.account_id = credentials.account_id;
  hello.client = "daemon_tests raw";
  const ServerMessage challenge = SendHello(hello);
  if (challenge.is(schema::ServerBody::Goodbye)) return challenge.error;
  if (challenge.status == Status::kClosed)
    return engine::Error{engine::ErrorCode::kUnavailable, "connection"};
  if (!challenge.is(schema::ServerBody::Challenge)) {
    return engine::Error{engine::ErrorCode::kMalformed, "challenge"};
  }
  if (!Write(ProofFrame(ProofFor(credentials.secret, challenge.nonce)))) {
    return engine::Error{engine::ErrorCode::kUnavailable, "connection"};
  }
  const ServerMessage answer = Read();
  if (answer.is(schema::ServerBody::Goodbye)) return answer.error;
  if (answer.status == Status::kClosed)
    return engine::Error{engine::ErrorCode::kUnavailable, "connection"};
  if (!answer.is(schema::ServerBody::Welcome)) {
    return engine::Error{engine::ErrorCode::kMalformed, "welcome"};
  }
  if (welcome != nullptr) *welcome = answer.welcome;
  return engine::Error{};
}

ServerMessage RawConnection::Call(uint64_t id, const engine::Command& command,
                                  const std::string& token) {
  if (!Write(RequestFrame(id, command, token))) return ClosedMessage();
  return ReadAnswer();
}

ServerMessage RawConnection::Call(uint64_t id, const net::DaemonCommand& command,
                                  const std::string& token) {
  if (!Write(RequestFrame(id, command, token))) return ClosedMessage();
  return ReadAnswer();
}

std::vector<uint8_t> HelloFrame(const net::Hello& hello) {
  flatbuffers::FlatBufferBuilder fbb;
  return Copy(net::EncodeHello(fbb, hello));
}

std::vector<uint8_t> ProofFrame(const net::ProofMac& mac) {
  flatbuffers::FlatBufferBuilder fbb;
  return Copy(net::EncodeProof(fbb, mac));
}

std::vector<uint8_t> RequestFrame(uint64_t id, const engine::Command& command,
                                  const std::string& token) {
  flatbuffers::FlatBufferBuilder fbb;
  return Copy(net::EncodeRequest(fbb, id, command, token));
}

std::vector<uint8_t> RequestFrame(uint64_t id, const net::DaemonCommand& command,
                                  const std::string& token) {
  flatbuffers::FlatBufferBuilder fbb;
  return Copy(net::EncodeRequest(fbb, id, command, token));
}

net::ProofMac ProofFor(const client::Secret& secret, const net::Nonce& nonce) {
  const client::SecretHash key = client::HashSecret(secret);
  net::ProofMac mac{};
  crypto_auth_hmacsha256(mac.data(), nonce.data(), nonce.size(), key.data());
  return mac;
}

std::vector<uint8_t> LengthPrefix(uint32_t body_bytes) {
  std::vector<uint8_t> out(net::kFrameLengthBytes);
  net::WriteFrameLength(body_bytes,
                        std::span<uint8_t, net::kFrameLengthBytes>(out.data(), out.size()));
  return out;
}

}  // namespace hitd::daemon_test
