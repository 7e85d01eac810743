// BlockingClient (client.h): a Client on its own io_context thread. Each call goes to
// the Client (which posts itself to that thread) with a handler that fulfils a promise,
// and waits on the promise's future for at most request_timeout_ms.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "engine/check.h"
#include "net/client/client.h"

namespace hitd::client {
namespace {

namespace asio = boost::asio;
using engine::Error;
using engine::ErrorCode;

Error Unavailable() { return Error{ErrorCode::kUnavailable, {}}; }

// An AnswerHandler that fulfils `promise` (shared: the waiter may have given up).
AnswerHandler Fulfil(std::shared_ptr<std::promise<Answer>> promise) {
  return [promise = std::move(promise)](Answer answer) { promise->set_value(std::move(answer)); };
}

}  // namespace

struct BlockingClient::Impl {
  explicit Impl(Options options_in)
      : options(std::move(options_in)),
        guard(asio::make_work_guard(io)),
        client(Client::Create(io, options)),
        thread([this] { io.run(); }) {}

  void CheckNotOwnThread() const { HITD_CHECK(std::this_thread::get_id() != thread.get_id()); }

  // Starts a request with `start(handler)` and waits for its answer.
  template <typename Start>
  Answer Wait(Start start) {
    CheckNotOwnThread();
    auto promise = std::make_shared<std::promise<Answer>>();
    std::future<Answer> future = promise->get_future();
    start(Fulfil(std::move(promise)));
    if (future.wait_for(std::chrono::milliseconds(options.request_timeout_ms)) ==
        std::future_status::timeout) {
      return Answer{engine::Result{Unavailable()},
                    "timed out after " + std::to_string(options.request_timeout_ms) + " ms",
                    {}};
    }
    return future.get();
  }

  Options options;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> guard;
  std::shared_ptr<Client> client;
  std::thread thread;  // last: it starts once the rest exists
};

BlockingClient::BlockingClient(Options options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

BlockingClient::~BlockingClient() {
  Close();
  impl_->guard.reset();
  // Handlers still pending (aborted reads, cancelled timers) are destroyed with the
  // io_context, releasing the Client they hold.
  impl_->io.stop();
  impl_->thread.join();
}

engine::Error BlockingClient::Connect(net::Welcome* welcome) {
  impl_->CheckNotOwnThread();
  using Outcome = std::pair<Error, net::Welcome>;
  auto promise = std::make_shared<std::promise<Outcome>>();
  std::future<Outcome> future = promise->get_future();
  impl_->client->Connect([promise](Error error, net::Welcome w) {
    promise->set_value(Outcome{error, std::move(w)});
  });
  // The client's own connect timer answers first; this bound only guards against a bug.
  const auto bound = std::chrono::milliseconds(impl_->options.connect_timeout_ms +
                                               impl_->options.request_timeout_ms);
  if (future.wait_for(bound) == std::future_status::timeout) {
    return Unavailable();
  }
  Outcome outcome = future.get();
  if (welcome != nullptr) *welcome = std::move(outcome.second);
  return outcome.first;
}

Answer BlockingClient::Call(const engine::Command& command, std::string token) {
  return impl_->Wait(
      [&](AnswerHandler done) { impl_->client->Call(command, std::move(done), std::move(token)); });
}

Answer BlockingClient::Call(const net::DaemonCommand& command, std::string token) {
  return impl_->Wait(
      [&](AnswerHandler done) { impl_->client->Call(command, std::move(done), std::move(token)); });
}

Answer BlockingClient::SubscribeEvents(uint64_t from_seq, EventHandler on_events) {
  return impl_->Wait([&](AnswerHandler done) {
    impl_->client->SubscribeEvents(from_seq, std::move(on_events), std::move(done));
  });
}

Answer BlockingClient::SubscribeWork(engine::WorkFilter filter, WorkHandler on_work) {
  return impl_->Wait([&](AnswerHandler done) {
    impl_->client->SubscribeWork(std::move(filter), std::move(on_work), std::move(done));
  });
}

void BlockingClient::Close() {
  impl_->CheckNotOwnThread();
  auto done = std::make_shared<std::promise<void>>();
  std::future<void> closed = done->get_future();
  asio::post(impl_->io, [client = impl_->client, done] {
    client->Close();
    done->set_value();
  });
  closed.wait();
}

Client& BlockingClient::async() { return *impl_->client; }

}  // namespace hitd::client
