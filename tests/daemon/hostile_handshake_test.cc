// Hostile handshakes (schemas/README.md, "Handshake"): before Welcome any frame but the
// expected one gets Goodbye UNAUTHENTICATED and a close; a wrong proof and an unknown
// account read the same, so a stranger learns nothing; a client that never says Hello
// is closed at the handshake deadline. Each test ends with the daemon serving a fresh
// connection normally.
#include <gtest/gtest.h>

#include "tests/daemon/daemon_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::ErrorCode;
using HostileHandshake = DaemonTest;

void ExpectGoodbyeAndClosed(RawConnection& raw, ErrorCode code) {
  ServerMessage goodbye;
  ASSERT_TRUE(raw.WaitClosed(5'000, &goodbye)) << "the daemon must close the connection";
  EXPECT_TRUE(goodbye.is_goodbye(code)) << goodbye.Describe();
}

net::Hello HelloAs(const client::Credentials& credentials) {
  net::Hello hello;
  hello.account_name = credentials.account_name;
  hello.client = "hostile";
  return hello;
}

TEST_F(HostileHandshake, RequestBeforeTheHandshakeGetsGoodbyeUnauthenticated) {
  const engine::Stats before = Stats();
  RawConnection raw(port());
  engine::Deposit deposit{engine::RequesterId(1), engine::Cents(100)};
  ASSERT_TRUE(raw.Write(RequestFrame(4, engine::Command(deposit))));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Stats(), before);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, WrongProofGetsGoodbyeUnauthenticated) {
  RawConnection raw(port());
  const ServerMessage challenge = raw.SendHello(HelloAs(admin_credentials()));
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge)) << challenge.Describe();
  client::Secret wrong = admin_credentials().secret;
  wrong[0] ^= 1;
  ASSERT_TRUE(raw.Write(ProofFrame(ProofFor(wrong, challenge.nonce))));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

// A proof of the wrong size is a bad proof: the same Goodbye as a wrong one.
TEST_F(HostileHandshake, ProofOfTheWrongSizeGetsGoodbyeUnauthenticated) {
  RawConnection raw(port());
  const ServerMessage challenge = raw.SendHello(HelloAs(admin_credentials()));
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge)) << challenge.Describe();
  const net::ProofMac mac = ProofFor(admin_credentials().secret, challenge.nonce);
  flatbuffers::FlatBufferBuilder fbb;
  const auto hmac = fbb.CreateVector(mac.data(), 16);  // half of the right proof
  const auto proof = schema::CreateProof(fbb, hmac);
  const auto frame = net::FinishClientFrame(fbb, schema::ClientBody::Proof, proof.Union());
  ASSERT_TRUE(raw.Write(std::vector<uint8_t>(frame.begin(), frame.end())));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, UnknownAccountGetsAChallengeThenTheSameGoodbye) {
  RawConnection raw(port());
  client::Credentials stranger;
  stranger.account_name = "nobody-by-this-name";
  stranger.secret = client::NewSecret();
  const ServerMessage challenge = raw.SendHello(HelloAs(stranger));
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge))
      << "an unknown account is challenged too: " << challenge.Describe();
  ASSERT_TRUE(raw.Write(ProofFrame(ProofFor(stranger.secret, challenge.nonce))));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, UnknownAccountIdGetsTheSameGoodbye) {
  RawConnection raw(port());
  client::Credentials stranger;
  stranger.account_id = engine::AccountId(987'654);
  stranger.secret = client::NewSecret();
  EXPECT_EQ(raw.Handshake(stranger).code, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, ProofWithoutHelloGetsGoodbyeUnauthenticated) {
  RawConnection raw(port());
  net::Nonce made_up{};
  ASSERT_TRUE(raw.Write(ProofFrame(ProofFor(admin_credentials().secret, made_up))));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, HelloTwiceGetsGoodbyeUnauthenticated) {
  RawConnection raw(port());
  const ServerMessage challenge = raw.SendHello(HelloAs(admin_credentials()));
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge)) << challenge.Describe();
  ASSERT_TRUE(raw.Write(HelloFrame(HelloAs(admin_credentials()))));
  ExpectGoodbyeAndClosed(raw, ErrorCode::kUnauthenticated);
  ExpectServedNormally();
}

TEST_F(HostileHandshake, HelloAfterWelcomeIsNotASecondLogin) {
  const TestAccount worker = CreateAccount(engine::Role::kWorker, "w-hello-again");
  RawConnection raw(port());
  ASSERT_EQ(raw.Handshake(worker.credentials).code, ErrorCode::kOk);
  // A Hello naming the admin on a worker's connection must not make it the admin's.
  raw.Write(HelloFrame(HelloAs(admin_credentials())));
  const ServerMessage reply = raw.Read();
  EXPECT_FALSE(reply.is(schema::ServerBody::Challenge) || reply.is(schema::ServerBody::Welcome))
      << reply.Describe();
  if (reply.is(schema::ServerBody::Goodbye) || reply.status != ServerMessage::Status::kFrame) {
    ExpectServedNormally();
    return;  // closed: nothing more can be asked on it
  }
  const ServerMessage stats = raw.Call(3, engine::Command(engine::GetStats{}));
  EXPECT_TRUE(stats.is_response(3, ErrorCode::kPermissionDenied))
      << "still the worker: " << stats.Describe();
  ExpectServedNormally();
}

TEST_F(HostileHandshake, UnsupportedProtocolVersionGetsGoodbyeUnsupported) {
  RawConnection raw(port());
  net::Hello hello = HelloAs(admin_credentials());
  hello.protocol_version = 0;  // older than any version this daemon speaks
  const ServerMessage reply = raw.SendHello(hello);
  if (reply.is(schema::ServerBody::Challenge)) {  // the daemon may judge after the proof
    ASSERT_TRUE(raw.Write(ProofFrame(ProofFor(admin_credentials().secret, reply.nonce))));
    ExpectGoodbyeAndClosed(raw, ErrorCode::kUnsupported);
  } else {
    EXPECT_TRUE(reply.is_goodbye(ErrorCode::kUnsupported)) << reply.Describe();
  }
  ExpectServedNormally();
}

TEST_F(HostileHandshake, NewerClientVersionIsAnsweredWithTheDaemonsVersion) {
  RawConnection raw(port());
  net::Hello hello = HelloAs(admin_credentials());
  hello.protocol_version = net::kProtocolVersion + 5;
  const ServerMessage challenge = raw.SendHello(hello);
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge)) << challenge.Describe();
  ASSERT_TRUE(raw.Write(ProofFrame(ProofFor(admin_credentials().secret, challenge.nonce))));
  const ServerMessage welcome = raw.Read();
  ASSERT_TRUE(welcome.is(schema::ServerBody::Welcome)) << welcome.Describe();
  EXPECT_EQ(welcome.welcome.protocol_version, net::kProtocolVersion) << "the lower of the two";
  EXPECT_EQ(welcome.welcome.max_frame_bytes, config().max_frame_bytes);
}

TEST_F(HostileHandshake, NoHelloIsClosedAtTheHandshakeDeadline) {
  RawConnection raw(port());
  ServerMessage goodbye;
  ASSERT_TRUE(raw.WaitClosed(config().handshake_timeout_ms + 5'000, &goodbye))
      << "a client that never says Hello is closed";
  if (goodbye.is(schema::ServerBody::Goodbye)) {
    EXPECT_EQ(goodbye.error.code, ErrorCode::kUnavailable) << "a missed deadline: UNAVAILABLE";
  }
  ExpectServedNormally();
}

TEST_F(HostileHandshake, HelloThenNoProofIsClosedAtTheHandshakeDeadline) {
  RawConnection raw(port());
  const ServerMessage challenge = raw.SendHello(HelloAs(admin_credentials()));
  ASSERT_TRUE(challenge.is(schema::ServerBody::Challenge)) << challenge.Describe();
  ASSERT_TRUE(raw.WaitClosed(config().handshake_timeout_ms + 5'000))
      << "a client that never proves is closed";
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
