// subscribe-events and subscribe-work: stream pushed items, one line each (one JSON
// object per line with --json), until interrupted (SIGINT, SIGTERM) or --count items.
// stdout holds only the items; without --json the Subscribed answer goes to stderr.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>

#include "ops/hitctl/commands.h"

namespace hitd::ctl {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void OnSignal(int) { g_interrupted.store(true, std::memory_order_relaxed); }

// What the client's thread shares with the waiting main thread.
struct Stream {
  std::mutex mu;
  std::condition_variable cv;
  uint64_t printed = 0;
  uint64_t limit = 0;  // 0: none
  bool json = false;

  void Emit(const Node& node) {
    std::lock_guard lock(mu);
    if (limit != 0 && printed >= limit) return;
    const std::string line = (json ? ToJson(node) : ToLine(node)) + "\n";
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
    ++printed;
    cv.notify_all();
  }
};

}  // namespace

int RunSubscription(const GlobalOptions& global, const client::Options& options,
                    const net::DaemonCommand& command, const ParsedArgs& args) {
  auto stream = std::make_shared<Stream>();
  stream->json = global.json;
  if (const auto count = args.extras.find("count"); count != args.extras.end()) {
    char* end = nullptr;
    stream->limit = std::strtoull(count->second.c_str(), &end, 10);
    if (*end != 0 || stream->limit == 0) {
      return Fail(global, {"USAGE", "", "--count " + count->second + ": not a positive integer"});
    }
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  client::BlockingClient client(options);
  CliError error;
  if (!ConnectClient(client, options, nullptr, &error)) return Fail(global, error);
  client::Answer answer;
  if (const auto* events = std::get_if<net::SubscribeEvents>(&command)) {
    answer = client.SubscribeEvents(events->from_seq, [stream](std::span<const engine::Event> es) {
      for (const engine::Event& e : es) stream->Emit(EventNode(e));
    });
  } else {
    const auto& work = std::get<net::SubscribeWork>(command);
    answer = client.SubscribeWork(work.filter, [stream](std::span<const net::WorkAvailable> ws) {
      for (const net::WorkAvailable& w : ws) stream->Emit(WorkNode(w));
    });
  }
  if (!answer.ok()) return PrintAnswer(global, answer);
  if (!global.json) {
    const Node subscribed = AnswerNode(answer.answer, {});
    std::fputs(ToText(subscribed).c_str(), stderr);
  }
  std::unique_lock lock(stream->mu);
  while (!g_interrupted.load(std::memory_order_relaxed) &&
         (stream->limit == 0 || stream->printed < stream->limit)) {
    stream->cv.wait_for(lock, std::chrono::milliseconds(100));
  }
  lock.unlock();
  client.Close();
  return 0;
}

}  // namespace hitd::ctl
