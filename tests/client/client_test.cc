// Client against a fake daemon: the handshake, pipelining, backpressure, lost
// connections, and reconnection with renewed subscriptions.
#include "net/client/client.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

#include "net/protocol/response_codec.h"
#include "tests/client/fake_server.h"

namespace hitd::client {
namespace {

using engine::Error;
using engine::ErrorCode;
using testing::AnswerHit;
using testing::CloseAndRun;
using testing::FakeConnection;
using testing::FakeServer;
using testing::Flag;
using testing::GetHit;
using testing::HitMessage;
using testing::OptionsFor;
using testing::RunUntil;

engine::Event EventWithSeq(uint64_t seq) {
  engine::Event e;
  e.seq = seq;
  e.type = engine::EventType::kHitCreated;
  e.hit = engine::HitId(seq * 10);
  return e;
}

struct ConnectOutcome {
  bool done = false;
  Error error;
  net::Welcome welcome;
};

TEST(Client, ConnectSendsTheProofTheDaemonExpects) {
  net::Hello hello;
  FakeServer server({[&](FakeConnection& c) {
    EXPECT_TRUE(c.Handshake(testing::TestCredentials().secret, &hello));
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  ConnectOutcome got;
  client->Connect([&](Error e, net::Welcome w) { got = {true, e, std::move(w)}; });
  ASSERT_TRUE(RunUntil(io, [&] { return got.done; }));
  EXPECT_EQ(got.error.code, ErrorCode::kOk);
  EXPECT_EQ(got.welcome.account_id, engine::AccountId(7));
  EXPECT_EQ(got.welcome.role, engine::Role::kRequester);
  EXPECT_EQ(got.welcome.server, "fake");
  EXPECT_TRUE(client->connected());
  EXPECT_EQ(client->welcome(), got.welcome);
  CloseAndRun(io, *client);
  server.Join();
  EXPECT_EQ(hello.account_name, "alice");
  EXPECT_EQ(hello.client, "client_tests");
  EXPECT_EQ(hello.protocol_version, net::kProtocolVersion);
}

TEST(Client, AWrongSecretGetsTheGoodbyeCodeAndFailsWhatWaited) {
  FakeServer server(
      {[](FakeConnection& c) { EXPECT_FALSE(c.Handshake(testing::TestCredentials().secret)); }});
  boost::asio::io_context io;
  Options options = OptionsFor(server);
  options.credentials.secret[0] ^= 1;
  options.reconnect = false;
  auto client = Client::Create(io, options);
  ConnectOutcome got;
  std::optional<Answer> call;
  client->Connect([&](Error e, net::Welcome w) { got = {true, e, std::move(w)}; });
  client->Call(GetHit(1), [&](Answer a) { call = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return got.done && call.has_value(); }));
  EXPECT_EQ(got.error.code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(call->error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(call->message.find("bad proof"), std::string::npos) << call->message;
  EXPECT_FALSE(client->connected());
  EXPECT_NE(client->last_failure().find("UNAUTHENTICATED"), std::string::npos);
}

TEST(Client, PipelinedAnswersReachTheirOwnHandlersInTheDaemonsOrder) {
  FakeServer server({[](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    std::vector<FakeConnection::Request> requests;
    for (int i = 0; i < 3; ++i) requests.push_back(*c.ReadRequest());
    // Answer the last first, the first with a reply and attachments, then the middle.
    AnswerHit(c, requests[2]);
    engine::AccountBalance balance;
    balance.available = engine::Cents(500);
    const net::Attachment question{engine::PayloadKind::kQuestion, 1, 0, "<question/>"};
    c.Send(net::EncodeResponse(c.fbb(), requests[0].id, engine::Result{balance},
                               std::span<const net::Attachment>(&question, 1)));
    AnswerHit(c, requests[1]);
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  std::vector<std::pair<uint64_t, Answer>> answers;  // (hit asked for, answer), as they came
  for (uint64_t hit = 1; hit <= 3; ++hit) {
    client->Call(GetHit(hit), [&, hit](Answer a) { answers.emplace_back(hit, std::move(a)); });
  }
  ASSERT_TRUE(RunUntil(io, [&] { return answers.size() == 3; }));
  EXPECT_EQ(answers[0].first, 3u);
  EXPECT_EQ(answers[0].second.error(), (Error{ErrorCode::kNotFound, "hit"}));
  EXPECT_EQ(answers[0].second.message, HitMessage(3));
  EXPECT_EQ(answers[1].first, 1u);
  ASSERT_TRUE(answers[1].second.ok());
  EXPECT_EQ(answers[1].second.reply<engine::AccountBalance>().available, engine::Cents(500));
  ASSERT_EQ(answers[1].second.attachments.size(), 1u);
  EXPECT_EQ(answers[1].second.attachments[0].data, "<question/>");
  EXPECT_EQ(answers[2].first, 2u);
  EXPECT_EQ(answers[2].second.message, HitMessage(2));
  EXPECT_EQ(client->in_flight(), 0u);
  CloseAndRun(io, *client);
}

TEST(Client, RequestsBeyondMaxInFlightWaitInTheClientInOrder) {
  Flag read_two;
  Flag go_on;
  std::vector<uint64_t> hits_seen;  // by the fake, in arrival order
  FakeServer server({[&](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    std::vector<FakeConnection::Request> requests;
    auto read = [&] {
      requests.push_back(*c.ReadRequest());
      hits_seen.push_back(HitOf(requests.back()));
    };
    read();
    read();
    read_two.Set();
    go_on.Wait();
    // One answer makes room for exactly one more request.
    for (size_t answered = 0; answered < 5; ++answered) {
      AnswerHit(c, requests[answered]);
      if (requests.size() < 5) read();
    }
    EXPECT_TRUE(c.ReadsEnd());
  }});
  boost::asio::io_context io;
  Options options = OptionsFor(server);
  options.max_in_flight = 2;
  auto client = Client::Create(io, options);
  std::vector<uint64_t> answered;
  for (uint64_t hit = 1; hit <= 5; ++hit) {
    client->Call(GetHit(hit), [&, hit](Answer a) {
      EXPECT_EQ(a.message, HitMessage(hit));
      answered.push_back(hit);
    });
  }
  ASSERT_TRUE(RunUntil(io, [&] { return read_two.IsSet() && client->connected(); }));
  EXPECT_EQ(client->in_flight(), 2u);
  EXPECT_EQ(client->queued(), 3u);
  go_on.Set();
  ASSERT_TRUE(RunUntil(io, [&] { return answered.size() == 5; }));
  EXPECT_EQ(answered, (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(client->queued(), 0u);
  CloseAndRun(io, *client);
  server.Join();
  EXPECT_EQ(hits_seen, (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

TEST(Client, ALostConnectionAnswersEveryRequestInFlightUnavailable) {
  FakeServer server({[](FakeConnection& c) {
    ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
    ASSERT_TRUE(c.ReadRequest().has_value());
    ASSERT_TRUE(c.ReadRequest().has_value());
    // ...and close without answering.
  }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  std::vector<std::pair<bool, Error>> changes;
  client->OnConnection([&](bool up, Error why) { changes.emplace_back(up, why); });
  std::vector<Answer> answers;
  for (uint64_t hit = 1; hit <= 2; ++hit) {
    client->Call(GetHit(hit), [&](Answer a) { answers.push_back(std::move(a)); });
  }
  ASSERT_TRUE(RunUntil(io, [&] { return answers.size() == 2; }));
  for (const Answer& a : answers) {
    EXPECT_EQ(a.error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE(a.message.empty());
  }
  EXPECT_FALSE(client->connected());
  EXPECT_EQ(client->in_flight(), 0u);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_TRUE(changes[0].first);
  EXPECT_FALSE(changes[1].first);
  EXPECT_EQ(changes[1].second.code, ErrorCode::kUnavailable);
}

TEST(Client, ReconnectRenewsSubscriptionsAndDeliversNoEventTwice) {
  engine::WorkFilter filter;
  filter.keyword = "images";
  filter.min_reward = engine::Cents(5);
  std::vector<uint64_t> renewed_from;
  std::string renewed_keyword;
  FakeServer server(
      {[&](FakeConnection& c) {
         ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
         const auto events = c.ReadRequest();
         ASSERT_TRUE(events.has_value());
         const auto& sub =
             std::get<net::SubscribeEvents>(std::get<net::DaemonCommand>(events->operation));
         EXPECT_EQ(sub.from_seq, 5u);
         c.Respond(events->id,
                   net::DaemonReply{net::Subscribed{net::SubscriptionKind::kEvents, 5}});
         const auto work = c.ReadRequest();
         ASSERT_TRUE(work.has_value());
         c.Respond(work->id, net::DaemonReply{net::Subscribed{net::SubscriptionKind::kWork, 0}});
         c.PushEvents({EventWithSeq(5), EventWithSeq(6)});
         c.PushEvents({EventWithSeq(7)});
         const net::WorkAvailable group{engine::HitTypeId(3), engine::AccountId(7),
                                        engine::Cents(9), 2, "Tag images"};
         c.Send(net::EncodeWorkPush(c.fbb(), std::span<const net::WorkAvailable>(&group, 1)));
       },
       [&](FakeConnection& c) {
         ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
         // The renewals come first, before the call that reconnected.
         const auto events = c.ReadRequest();
         ASSERT_TRUE(events.has_value());
         const auto& sub =
             std::get<net::SubscribeEvents>(std::get<net::DaemonCommand>(events->operation));
         renewed_from.push_back(sub.from_seq);
         c.Respond(events->id,
                   net::DaemonReply{net::Subscribed{net::SubscriptionKind::kEvents, 8}});
         const auto work = c.ReadRequest();
         ASSERT_TRUE(work.has_value());
         renewed_keyword =
             std::get<net::SubscribeWork>(std::get<net::DaemonCommand>(work->operation))
                 .filter.keyword;
         c.Respond(work->id, net::DaemonReply{net::Subscribed{net::SubscriptionKind::kWork, 0}});
         // The daemon resends 7, which the client delivered already.
         c.PushEvents({EventWithSeq(7), EventWithSeq(8)});
         const auto call = c.ReadRequest();
         ASSERT_TRUE(call.has_value());
         AnswerHit(c, *call);
         EXPECT_TRUE(c.ReadsEnd());
       }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  std::vector<uint64_t> seqs;
  std::vector<std::string> titles;
  int subscribed = 0;
  int lost = 0;
  client->OnConnection([&](bool up, Error) { lost += up ? 0 : 1; });
  client->SubscribeEvents(
      5,
      [&](std::span<const engine::Event> events) {
        for (const engine::Event& e : events) seqs.push_back(e.seq);
      },
      [&](Answer a) {
        EXPECT_TRUE(a.ok());
        ++subscribed;
      });
  client->SubscribeWork(
      filter,
      [&](std::span<const net::WorkAvailable> groups) {
        for (const auto& g : groups) titles.push_back(g.title);
      },
      [&](Answer a) {
        EXPECT_TRUE(a.ok());
        ++subscribed;
      });
  ASSERT_TRUE(RunUntil(io, [&] { return lost == 1; }));
  EXPECT_EQ(seqs, (std::vector<uint64_t>{5, 6, 7}));
  EXPECT_EQ(titles, (std::vector<std::string>{"Tag images"}));
  EXPECT_EQ(client->last_event_seq(), 7u);

  std::optional<Answer> answer;
  client->Call(GetHit(9), [&](Answer a) { answer = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return answer.has_value() && seqs.size() >= 4; }));
  EXPECT_EQ(answer->message, HitMessage(9));
  EXPECT_EQ(seqs, (std::vector<uint64_t>{5, 6, 7, 8}));
  EXPECT_EQ(client->last_event_seq(), 8u);
  EXPECT_EQ(subscribed, 2);  // the renewals answer no caller
  CloseAndRun(io, *client);
  server.Join();
  EXPECT_EQ(renewed_from, (std::vector<uint64_t>{8}));
  EXPECT_EQ(renewed_keyword, "images");
}

// The daemon's next_seq is where a subscription "from now" resumes, even before any
// event came; a subscription the caller ended is not renewed.
TEST(Client, ReconnectResumesAtNextSeqAndForgetsWhatWasUnsubscribed) {
  std::vector<uint64_t> renewed_from;
  std::vector<uint64_t> hits_after_renewal;
  auto subscription = [](const FakeConnection::Request& r) -> const net::DaemonCommand* {
    return std::get_if<net::DaemonCommand>(&r.operation);
  };
  FakeServer server(
      {[&](FakeConnection& c) {
         ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
         for (int i = 0; i < 2; ++i) {
           const auto r = c.ReadRequest();
           ASSERT_TRUE(r.has_value());
           const bool events = std::holds_alternative<net::SubscribeEvents>(*subscription(*r));
           c.Respond(r->id, net::DaemonReply{net::Subscribed{events ? net::SubscriptionKind::kEvents
                                                                    : net::SubscriptionKind::kWork,
                                                             events ? uint64_t{12} : 0}});
         }
         const auto unsubscribe = c.ReadRequest();
         ASSERT_TRUE(unsubscribe.has_value());
         c.Respond(unsubscribe->id, engine::Result{engine::Empty{}});
       },
       [&](FakeConnection& c) {
         ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret));
         while (auto r = c.ReadRequest()) {
           if (const net::DaemonCommand* d = subscription(*r)) {
             renewed_from.push_back(std::get<net::SubscribeEvents>(*d).from_seq);
             c.Respond(r->id,
                       net::DaemonReply{net::Subscribed{net::SubscriptionKind::kEvents, 12}});
           } else {
             hits_after_renewal.push_back(HitOf(*r));
             AnswerHit(c, *r);
           }
         }
       }});
  boost::asio::io_context io;
  auto client = Client::Create(io, OptionsFor(server));
  int lost = 0;
  client->OnConnection([&](bool up, Error) { lost += up ? 0 : 1; });
  client->SubscribeEvents(
      0, [](std::span<const engine::Event>) {}, nullptr);
  client->SubscribeWork(
      engine::WorkFilter{}, [](std::span<const net::WorkAvailable>) {}, nullptr);
  std::optional<Answer> unsubscribed;
  client->Call(net::DaemonCommand{net::Unsubscribe{net::SubscriptionKind::kWork}},
               [&](Answer a) { unsubscribed = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return lost == 1; }));
  ASSERT_TRUE(unsubscribed.has_value());
  EXPECT_TRUE(unsubscribed->ok());
  EXPECT_EQ(client->last_event_seq(), 0u);

  std::optional<Answer> answer;
  client->Call(GetHit(4), [&](Answer a) { answer = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return answer.has_value(); }));
  CloseAndRun(io, *client);
  server.Join();
  EXPECT_EQ(renewed_from, (std::vector<uint64_t>{12}));
  EXPECT_EQ(hits_after_renewal, (std::vector<uint64_t>{4}));
}

TEST(Client, WithoutReconnectALostConnectionStaysLost) {
  FakeServer server(
      {[](FakeConnection& c) { ASSERT_TRUE(c.Handshake(testing::TestCredentials().secret)); }});
  boost::asio::io_context io;
  Options options = OptionsFor(server);
  options.reconnect = false;
  auto client = Client::Create(io, options);
  bool lost = false;
  client->OnConnection([&](bool up, Error) { lost = lost || !up; });
  client->Connect([](Error, net::Welcome) {});
  ASSERT_TRUE(RunUntil(io, [&] { return lost; }));
  std::optional<Answer> answer;
  client->Call(GetHit(1), [&](Answer a) { answer = std::move(a); });
  ASSERT_TRUE(RunUntil(io, [&] { return answer.has_value(); }));
  EXPECT_EQ(answer->error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer->message.find("reconnect"), std::string::npos) << answer->message;
  EXPECT_FALSE(client->connected());
}

}  // namespace
}  // namespace hitd::client
