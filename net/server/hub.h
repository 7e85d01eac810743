// The IO thread's centre: it accepts connections, owns the sessions, hands their jobs to
// the engine thread, and answers them when their batch comes back durable.
//
//   hub.cc        accepting, the session map, backpressure (blocked sessions), the tick
//                 timer, the eventfd wakeup, the done batches, and the graceful stop;
//   answers.cc    each job's answer by its batch's status, with the attachments it
//                 needs (payloads read from the store), and backups;
//   event_feed.cc SubscribeEvents: a backlog from the store, then the live events of
//                 each durable batch, with no gap and no duplicate.
//
// Wakeups: the store thread writes an eventfd after every group it hands back
// (WriterOptions::on_done), and the engine thread writes it when it exits; the IO thread
// reads it with an Asio stream_descriptor and then takes every finished batch.
//
// IO thread only, except where a comment says otherwise.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include "engine/store/host.h"
#include "net/protocol/response_codec.h"
#include "net/server/counters.h"
#include "net/server/engine_loop.h"
#include "net/server/job.h"
#include "net/server/server.h"
#include "net/server/session.h"

namespace hitd::server {

class Hub {
 public:
  // `event_fd` is the eventfd the store thread writes (the Hub owns it from now on).
  // `last_event_seq` is the engine's last event once recovered: all of it durable.
  Hub(boost::asio::io_context& io, store::Host& host, EngineLoop& engine, ServerCounters& counters,
      const ServerConfig& config, int event_fd, uint64_t last_event_seq);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Binds `endpoint`, starts accepting, the tick timer and the eventfd read. False with
  // *error when the address cannot be bound.
  bool Listen(const boost::asio::ip::tcp::endpoint& endpoint, std::string* error);
  uint16_t port() const { return port_; }
  // Any thread: stop accepting, answer what is in flight, close every session, and
  // stop the io_context once the engine thread has exited.
  void BeginStop();
  // Any thread: joins the backup threads (call after the io_context has stopped).
  void JoinBackups();

  // ---- for sessions ----
  ServerCounters& counters() { return counters_; }
  flatbuffers::FlatBufferBuilder& fbb() { return fbb_; }
  flatbuffers::FlatBufferBuilder& scratch() { return scratch_; }
  Job* NewJob() { return pool_.Get(); }
  void ReleaseJob(Job* job) { pool_.Put(job); }
  // Pushes the job to the engine; false when the ring is full (the session is resumed
  // once answers drain).
  bool TrySubmit(Session& session, Job* job);
  // Encodes and sends one answer.
  void Answer(Session& session, uint64_t request_id, const engine::Result& result,
              std::string_view message = {});
  void Answer(Session& session, uint64_t request_id, const net::DaemonReply& reply);
  void SubscribeEvents(Session& session, uint64_t request_id, uint64_t from_seq);
  // A session's writes have all gone out: the backlog of its event stream may go on.
  void OnWritten(Session& session);
  void OnClosed(Session& session);

 private:
  void Accept();
  void Refuse(boost::asio::ip::tcp::socket socket);
  void ReadEventFd();
  void ArmTick();
  void DrainDone();
  void ResumeBlocked();
  void CheckStopped();
  void ForceStop();
  std::shared_ptr<Session> Find(uint64_t id) const;

  // answers.cc
  void Deliver(Job& job, store::BatchStatus status);
  void AnswerCommand(Session& session, Job& job, const engine::Result& result);
  // Telemetry of one answer to the session's current request (Session::request_tag).
  void Record(const Session& session, uint64_t request_id, const engine::Error& error);
  void CollectAttachments(const engine::Command& command, const engine::Result& result);
  void Attach(engine::PayloadKind kind, uint64_t id, uint64_t aux);
  void StartBackup(const std::shared_ptr<Session>& session, const Job& job);
  void PushWork(const std::vector<WorkNotice>& notices);

  // event_feed.cc
  void PublishEvents(const std::vector<engine::Event>& events);
  void PumpEvents(Session& session);
  void PushEvents(Session& session, std::span<const engine::Event> events);
  static bool Visible(const Session& session, const engine::Event& event);

  boost::asio::io_context& io_;
  store::Host& host_;
  EngineLoop& engine_;
  ServerCounters& counters_;
  const ServerConfig& config_;
  SessionLimits limits_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::posix::stream_descriptor event_fd_;
  uint64_t event_fd_value_ = 0;
  boost::asio::steady_timer tick_timer_;
  boost::asio::steady_timer stop_timer_;
  uint16_t port_ = 0;

  flatbuffers::FlatBufferBuilder fbb_;
  flatbuffers::FlatBufferBuilder scratch_;
  JobPool pool_;
  uint64_t next_session_ = 0;
  std::unordered_map<uint64_t, std::shared_ptr<Session>> sessions_;
  std::vector<std::shared_ptr<Session>> blocked_;  // waiting for room in the engine's ring
  std::vector<Job*> closed_jobs_;                  // kSessionClosed jobs waiting for room
  std::unordered_map<uint64_t, std::shared_ptr<Session>> event_subs_;
  std::vector<std::shared_ptr<Session>> subscribers_;  // scratch for PublishEvents
  uint64_t last_seq_ = 0;               // the last event of a durable batch this thread has seen
  std::vector<engine::Event> backlog_;  // scratch for PumpEvents
  std::vector<engine::Event> visible_;  // scratch for the events one session may see
  std::vector<net::Attachment> attachments_;
  size_t attachment_bytes_ = 0;
  bool stopping_ = false;
  bool draining_done_ = false;
  bool engine_stop_requested_ = false;

  std::mutex backups_mutex_;
  std::vector<std::thread> backups_;
};

}  // namespace hitd::server
