#include "net/server/hub.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "net/protocol/session_codec.h"

namespace hitd::server {

namespace asio = boost::asio;

namespace {
constexpr auto kStopGrace = std::chrono::milliseconds(5'000);  // answers in flight, then close
}  // namespace

Hub::Hub(asio::io_context& io, store::Host& host, EngineLoop& engine, ServerCounters& counters,
         const ServerConfig& config, int event_fd, uint64_t last_event_seq)
    : io_(io),
      host_(host),
      engine_(engine),
      counters_(counters),
      config_(config),
      acceptor_(io),
      event_fd_(io, event_fd),
      tick_timer_(io),
      stop_timer_(io),
      last_seq_(last_event_seq) {
  limits_.frame.max_frame_bytes = config.max_frame_bytes;
  limits_.handshake_timeout = std::chrono::milliseconds(config.handshake_timeout_ms);
  limits_.frame_timeout = std::chrono::milliseconds(config.frame_timeout_ms);
  limits_.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
  limits_.max_unsent_bytes = config.max_unsent_bytes;
  limits_.max_in_flight = config.max_in_flight_per_connection;
}

Hub::~Hub() {
  for (Job* job : closed_jobs_) pool_.Put(job);
}

bool Hub::Listen(const asio::ip::tcp::endpoint& endpoint, std::string* error) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + endpoint.address().to_string() + ":" +
             std::to_string(endpoint.port()) + ": " + ec.message();
    return false;
  }
  port_ = acceptor_.local_endpoint(ec).port();
  Accept();
  ReadEventFd();
  ArmTick();
  return true;
}

void Hub::Accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket socket) {
    if (stopping_) return;
    if (ec) {
      spdlog::warn("event=accept_failed error=\"{}\"", ec.message());
    } else if (sessions_.size() >= config_.max_connections) {
      Refuse(std::move(socket));
    } else {
      const uint64_t id = ++next_session_;
      auto session = std::make_shared<Session>(*this, std::move(socket), id, limits_);
      sessions_.emplace(id, session);
      counters_.connections_accepted.fetch_add(1, std::memory_order_relaxed);
      counters_.connections_open.store(sessions_.size(), std::memory_order_relaxed);
      session->Start();
    }
    Accept();
  });
}

void Hub::Refuse(asio::ip::tcp::socket socket) {
  counters_.connections_refused.fetch_add(1, std::memory_order_relaxed);
  spdlog::warn("event=connection_refused reason=max_connections limit={}", config_.max_connections);
  const auto frame =
      net::EncodeGoodbye(fbb_, engine::Error{engine::ErrorCode::kResourceExhausted, "connections"},
                         "too many connections");
  auto bytes = std::make_shared<std::vector<uint8_t>>(frame.begin(), frame.end());
  auto sock = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
  asio::async_write(*sock, asio::buffer(*bytes), [sock, bytes](boost::system::error_code, size_t) {
    boost::system::error_code ignored;
    sock->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    sock->close(ignored);
  });
}

void Hub::ReadEventFd() {
  event_fd_.async_read_some(asio::buffer(&event_fd_value_, sizeof(event_fd_value_)),
                            [this](boost::system::error_code ec, size_t) {
                              if (ec == asio::error::operation_aborted) return;
                              DrainDone();
                              if (ec && ec != asio::error::would_block) {
                                spdlog::error("event=eventfd_failed error=\"{}\"", ec.message());
                                return;
                              }
                              ReadEventFd();
                            });
}

void Hub::ArmTick() {
  tick_timer_.expires_after(
      std::chrono::milliseconds(std::max<int64_t>(config_.tick_interval_ms, 1)));
  tick_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || engine_stop_requested_) return;
    engine_.RequestTick();
    DrainDone();  // in case a wakeup was missed: cheap when there is nothing
    ArmTick();
  });
}

std::shared_ptr<Session> Hub::Find(uint64_t id) const {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : it->second;
}

bool Hub::TrySubmit(Session& session, Job* job) {
  if (engine_stop_requested_ || !engine_.TryPush(job)) {
    counters_.reads_paused.fetch_add(1, std::memory_order_relaxed);
    blocked_.push_back(session.shared_from_this());
    return false;
  }
  return true;
}

void Hub::DrainDone() {
  // Never re-entered: answers can close sessions, and a closing session only posts work.
  if (draining_done_) return;
  draining_done_ = true;
  while (store::Batch* batch = host_.NextDone()) {
    BatchSide& side = engine_.side(batch->seq);
    for (Job* job = side.first; job != nullptr; job = job->next) Deliver(*job, batch->status);
    if (batch->status == store::BatchStatus::kDurable) {
      if (!batch->out.events.empty()) PublishEvents(batch->out.events);
      if (!side.work.empty()) PushWork(side.work);
    }
    Job* job = side.first;
    side.Clear();
    host_.Recycle(batch);  // after the jobs: the batch's Output points into their commands
    while (job != nullptr) {
      Job* next = job->next;
      pool_.Put(job);
      job = next;
    }
  }
  draining_done_ = false;
  ResumeBlocked();
  if (stopping_) CheckStopped();
}

void Hub::ResumeBlocked() {
  while (!closed_jobs_.empty() && !engine_stop_requested_ && engine_.TryPush(closed_jobs_.back())) {
    closed_jobs_.pop_back();
  }
  if (blocked_.empty()) return;
  std::vector<std::shared_ptr<Session>> blocked;
  blocked.swap(blocked_);
  for (const auto& session : blocked) session->Resume();
}

void Hub::OnClosed(Session& session) {
  const uint64_t id = session.id();
  event_subs_.erase(id);
  if (session.work_subscribed()) {
    Job* job = pool_.Get();
    job->kind = JobKind::kSessionClosed;
    job->session = id;
    if (engine_stop_requested_ || !engine_.TryPush(job)) closed_jobs_.push_back(job);
  }
  sessions_.erase(id);
  counters_.connections_open.store(sessions_.size(), std::memory_order_relaxed);
  if (stopping_) asio::post(io_, [this] { CheckStopped(); });
}

void Hub::BeginStop() {
  asio::post(io_, [this] {
    if (stopping_) return;
    stopping_ = true;
    spdlog::info("event=stopping sessions={}", sessions_.size());
    boost::system::error_code ec;
    acceptor_.close(ec);
    tick_timer_.cancel();
    std::vector<std::shared_ptr<Session>> all;
    for (const auto& [id, session] : sessions_) all.push_back(session);
    for (const auto& session : all) session->Drain();
    blocked_.clear();  // Drain refused every job still waiting for the ring
    stop_timer_.expires_after(kStopGrace);
    stop_timer_.async_wait([this](boost::system::error_code e) {
      if (!e) ForceStop();
    });
    CheckStopped();
  });
}

// Jobs still out are answered as their batches come back; once no session is blocked
// (their waiting jobs were refused by Drain) the engine thread may finish.
void Hub::CheckStopped() {
  if (!engine_stop_requested_ && blocked_.empty()) {
    engine_stop_requested_ = true;
    engine_.RequestStop();
  }
  // Once the engine thread has exited (it wrote the eventfd after draining the host, so
  // DrainDone has answered every batch) and every session has closed, the loop ends.
  if (!engine_.finished() || !sessions_.empty()) return;
  stop_timer_.cancel();
  event_fd_.cancel();
  io_.stop();
}

void Hub::ForceStop() {
  std::vector<std::shared_ptr<Session>> all;
  for (const auto& [id, session] : sessions_) all.push_back(session);
  for (const auto& session : all) session->Shutdown();
  blocked_.clear();
  if (!engine_stop_requested_) {
    engine_stop_requested_ = true;
    engine_.RequestStop();
  }
  if (engine_.finished()) {
    DrainDone();
    io_.stop();
    return;
  }
  stop_timer_.expires_after(std::chrono::milliseconds(50));
  stop_timer_.async_wait([this](boost::system::error_code e) {
    if (!e) ForceStop();
  });
}

void Hub::JoinBackups() {
  std::vector<std::thread> backups;
  {
    std::lock_guard lock(backups_mutex_);
    backups.swap(backups_);
  }
  for (std::thread& t : backups) t.join();
}

}  // namespace hitd::server
