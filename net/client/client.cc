// Client (client.h): its public methods, which run on the io_context's thread, and the
// requests' side of Client::Impl (client_impl.h): queueing, sending, matching answers by
// id, subscriptions and the pushes they bring.
#include "net/client/client.h"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "engine/check.h"
#include "net/client/client_impl.h"
#include "net/protocol/request_codec.h"

namespace hitd::client {
namespace {

namespace asio = boost::asio;
using engine::Error;
using engine::ErrorCode;

constexpr size_t kInitialReadBytes = 64 << 10;

Answer Failure(Error error, std::string message) {
  return Answer{engine::Result{error}, std::move(message), {}};
}

}  // namespace

// ---- Answer ----

bool Answer::ok() const {
  const auto* result = std::get_if<engine::Result>(&answer);
  return result == nullptr || result->ok();
}

engine::Error Answer::error() const {
  const auto* result = std::get_if<engine::Result>(&answer);
  return result == nullptr ? Error{} : result->error();
}

// ---- Impl: requests ----

Client::Impl::Impl(Client* owner_in, asio::io_context& io_in, Options options_in)
    : owner(owner_in),
      io(io_in),
      options(std::move(options_in)),
      resolver(io_in),
      socket(io_in),
      connect_timer(io_in),
      backoff_timer(io_in) {
  options.max_frame_bytes =
      std::clamp<uint32_t>(options.max_frame_bytes, 64, net::kMaxFrameBytesLimit);
  options.max_in_flight = std::max<size_t>(options.max_in_flight, 1);
  in.resize(kInitialReadBytes / sizeof(uint64_t));
}

void Client::Impl::PostAnswer(AnswerHandler done, Answer answer) {
  if (!done) return;
  // `done` may be a wrapper that touches this Impl (subscriptions): keep the Client alive.
  asio::post(io, [self = owner->shared_from_this(), done = std::move(done),
                  answer = std::move(answer)]() mutable { done(std::move(answer)); });
}

void Client::Impl::Submit(uint64_t id, std::span<const uint8_t> frame, AnswerHandler done) {
  if (state == State::kIdle && !MayConnect()) {
    PostAnswer(std::move(done), Failure(Unavailable(), "not connected (" + last_failure +
                                                           "; Options::reconnect is off)"));
    return;
  }
  if (state == State::kConnected && queue.empty() && in_flight.size() < options.max_in_flight) {
    SendNow(id, frame, std::move(done));
    return;
  }
  queue.push_back(Queued{id, std::vector<uint8_t>(frame.begin(), frame.end()), std::move(done)});
  if (state == State::kIdle) StartConnect();
}

void Client::Impl::SendNow(uint64_t id, std::span<const uint8_t> frame, AnswerHandler done) {
  HITD_CHECK(state == State::kConnected);
  HITD_CHECK(id != 0);
  const size_t body_bytes = frame.size() - net::kFrameLengthBytes;
  if (welcome.max_frame_bytes != 0 && body_bytes > welcome.max_frame_bytes) {
    // The daemon would refuse the length and close the connection, failing every other
    // request in flight: refuse it here, as it would.
    PostAnswer(std::move(done), Failure(Error{ErrorCode::kMalformed, "length"},
                                        "request of " + std::to_string(body_bytes) +
                                            " bytes exceeds the daemon's max_frame_bytes (" +
                                            std::to_string(welcome.max_frame_bytes) + ")"));
    return;
  }
  const bool inserted = in_flight.emplace(id, std::move(done)).second;
  HITD_CHECK(inserted);
  out_next.insert(out_next.end(), frame.begin(), frame.end());
  ScheduleWrite();
}

void Client::Impl::Pump() {
  while (state == State::kConnected && !queue.empty() && in_flight.size() < options.max_in_flight) {
    Queued next = std::move(queue.front());
    queue.pop_front();
    SendNow(next.id, next.frame, std::move(next.done));
  }
}

void Client::Impl::OnResponse(const schema::Response& response) {
  const uint64_t id = response.id();
  // Id 0: the daemon could not read one of our frames (a bug on one side). No request
  // can be told apart by it, so it answers none.
  if (id == 0) return;
  auto it = in_flight.find(id);
  if (it == in_flight.end()) {
    Fail(Unavailable(),
         "the daemon answered request " + std::to_string(id) + ", which is not in flight");
    return;
  }
  AnswerHandler done = std::move(it->second);
  in_flight.erase(it);
  Answer answer;
  Error bad = net::DecodeResponse(response, &answer.answer);
  if (bad.code == ErrorCode::kOk) bad = net::DecodeAttachments(response, &answer.attachments);
  if (bad.code != ErrorCode::kOk) {
    answer = Failure(
        bad, "the daemon's answer could not be read (field " + std::string(bad.field) + ")");
  } else if (response.error() != nullptr && response.error()->message() != nullptr) {
    answer.message = response.error()->message()->str();
  }
  Pump();
  if (done) done(std::move(answer));
}

void Client::Impl::OnEventPush(const schema::EventPush& push) {
  std::vector<engine::Event> batch;
  if (net::DecodeEventPush(push, &batch).code != ErrorCode::kOk) {
    // An event this build cannot represent: skipping it would be a silent gap.
    Fail(Unavailable(), "the daemon pushed an event this client cannot read");
    return;
  }
  if (!events.on_events) return;
  // Drop what was delivered already: a renewed stream may overlap the old one.
  size_t kept = 0;
  for (const engine::Event& e : batch) {
    if (e.seq < resume_seq || e.seq == 0) continue;
    resume_seq = e.seq + 1;
    last_event_seq = e.seq;
    batch[kept++] = e;
  }
  batch.resize(kept);
  if (!batch.empty()) events.on_events(batch);
}

void Client::Impl::OnWorkPush(const schema::WorkPush& push) {
  std::vector<net::WorkAvailable> groups;
  if (net::DecodeWorkPush(push, &groups).code != ErrorCode::kOk) {
    Fail(Unavailable(), "the daemon pushed work this client cannot read");
    return;
  }
  if (work.on_work && !groups.empty()) work.on_work(groups);
}

AnswerHandler Client::Impl::OnSubscribed(net::SubscriptionKind kind, uint64_t subscription,
                                         AnswerHandler done) {
  return [this, kind, subscription, done = std::move(done)](Answer answer) {
    const bool current = kind == net::SubscriptionKind::kEvents ? subscription == event_subscription
                                                                : subscription == work_subscription;
    if (current) {
      bool& active = kind == net::SubscriptionKind::kEvents ? events.active : work.active;
      active = answer.ok();
      const auto* reply = std::get_if<net::DaemonReply>(&answer.answer);
      const auto* subscribed = reply ? std::get_if<net::Subscribed>(reply) : nullptr;
      if (active && kind == net::SubscriptionKind::kEvents && subscribed != nullptr) {
        // The stream starts at next_seq: resume there even if no event came before a drop.
        resume_seq = std::max(resume_seq, subscribed->next_seq);
      }
    }
    if (done) done(std::move(answer));
  };
}

void Client::Impl::RenewSubscriptions() {
  // A renewal that fails ends the subscription; the ConnectionHandler hears why.
  auto report = [this](Answer answer) {
    if (!answer.ok() && on_connection) on_connection(true, answer.error());
  };
  if (events.active) {
    const uint64_t id = next_id++;
    const net::DaemonCommand command = net::SubscribeEvents{resume_seq};
    SendNow(id, net::EncodeRequest(fbb, id, command),
            OnSubscribed(net::SubscriptionKind::kEvents, event_subscription, report));
  }
  if (work.active) {
    const uint64_t id = next_id++;
    const net::DaemonCommand command = net::SubscribeWork{work.filter};
    SendNow(id, net::EncodeRequest(fbb, id, command),
            OnSubscribed(net::SubscriptionKind::kWork, work_subscription, report));
  }
}

// ---- Client ----
//
// Each public method that changes state runs on the io_context's thread: called from
// another thread, it posts itself there (with copies of its arguments) and returns.

std::shared_ptr<Client> Client::Create(asio::io_context& io, Options options) {
  return std::shared_ptr<Client>(new Client(io, std::move(options)));
}

Client::Client(asio::io_context& io, Options options)
    : impl_(std::make_unique<Impl>(this, io, std::move(options))) {}

Client::~Client() = default;

void Client::Connect(std::function<void(engine::Error, net::Welcome)> done) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), done = std::move(done)]() mutable {
      self->Connect(std::move(done));
    });
    return;
  }
  Impl& m = *impl_;
  if (m.state == Impl::State::kConnected) {
    asio::post(m.io, [done = std::move(done), w = m.welcome] { done(Error{}, w); });
    return;
  }
  m.connect_waiters.push_back(std::move(done));
  if (m.state == Impl::State::kIdle) m.StartConnect();
}

void Client::Call(const engine::Command& command, AnswerHandler done, std::string token) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), command, done = std::move(done),
                           token = std::move(token)]() mutable {
      self->Call(command, std::move(done), std::move(token));
    });
    return;
  }
  Impl& m = *impl_;
  const uint64_t id = m.next_id++;
  m.Submit(id, net::EncodeRequest(m.fbb, id, command, token), std::move(done));
}

void Client::Call(const net::DaemonCommand& command, AnswerHandler done, std::string token) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), command, done = std::move(done),
                           token = std::move(token)]() mutable {
      self->Call(command, std::move(done), std::move(token));
    });
    return;
  }
  Impl& m = *impl_;
  if (const auto* unsubscribe = std::get_if<net::Unsubscribe>(&command)) {
    // Once the daemon agrees, the subscription is not renewed on reconnect.
    done = [&m, kind = unsubscribe->kind, done = std::move(done)](Answer answer) {
      if (answer.ok()) {
        (kind == net::SubscriptionKind::kEvents ? m.events.active : m.work.active) = false;
      }
      if (done) done(std::move(answer));
    };
  }
  const uint64_t id = m.next_id++;
  m.Submit(id, net::EncodeRequest(m.fbb, id, command, token), std::move(done));
}

void Client::SubscribeEvents(uint64_t from_seq, EventHandler on_events, AnswerHandler done) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), from_seq, on_events = std::move(on_events),
                           done = std::move(done)]() mutable {
      self->SubscribeEvents(from_seq, std::move(on_events), std::move(done));
    });
    return;
  }
  Impl& m = *impl_;
  m.events = Impl::EventSubscription{from_seq, std::move(on_events), false};
  m.resume_seq = from_seq;
  const uint64_t id = m.next_id++;
  const net::DaemonCommand command = net::SubscribeEvents{from_seq};
  m.Submit(id, net::EncodeRequest(m.fbb, id, command),
           m.OnSubscribed(net::SubscriptionKind::kEvents, ++m.event_subscription, std::move(done)));
}

void Client::SubscribeWork(engine::WorkFilter filter, WorkHandler on_work, AnswerHandler done) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), filter = std::move(filter),
                           on_work = std::move(on_work), done = std::move(done)]() mutable {
      self->SubscribeWork(std::move(filter), std::move(on_work), std::move(done));
    });
    return;
  }
  Impl& m = *impl_;
  m.work = Impl::WorkSubscription{filter, std::move(on_work), false};
  const uint64_t id = m.next_id++;
  const net::DaemonCommand command = net::SubscribeWork{std::move(filter)};
  m.Submit(id, net::EncodeRequest(m.fbb, id, command),
           m.OnSubscribed(net::SubscriptionKind::kWork, ++m.work_subscription, std::move(done)));
}

void Client::OnConnection(ConnectionHandler handler) {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this(), handler = std::move(handler)]() mutable {
      self->OnConnection(std::move(handler));
    });
    return;
  }
  impl_->on_connection = std::move(handler);
}

void Client::Close() {
  if (!impl_->io.get_executor().running_in_this_thread()) {
    asio::post(impl_->io, [self = shared_from_this()] { self->Close(); });
    return;
  }
  // The caller is done: nothing is renewed should a later Call connect again.
  impl_->events.active = false;
  impl_->work.active = false;
  impl_->Fail(Unavailable(), "closed by the client");
}

bool Client::connected() const { return impl_->state == Impl::State::kConnected; }
size_t Client::in_flight() const { return impl_->in_flight.size(); }
size_t Client::queued() const { return impl_->queue.size(); }
const net::Welcome& Client::welcome() const { return impl_->welcome; }
uint64_t Client::last_event_seq() const { return impl_->last_event_seq; }
const std::string& Client::last_failure() const { return impl_->last_failure; }

}  // namespace hitd::client
