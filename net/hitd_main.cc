// hitd: the daemon program around hitd::server::Server: flags and the TOML file
// (net/server/config.h), logs to stderr, and SIGTERM/SIGINT for a graceful stop (stop
// accepting, answer what is in flight, flush, close the store, exit 0).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <memory>
#include <string>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include "net/server/config.h"
#include "net/server/server.h"

int main(int argc, char** argv) {
  hitd::server::CommandLine command_line;
  const int parsed = hitd::server::ParseCommandLine(argc, argv, &command_line);
  if (parsed >= 0) return parsed;

  auto logger = spdlog::stderr_color_mt("hitd");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(command_line.log_level));
  spdlog::set_default_logger(logger);

  // Signals are taken before the threads start, so that every thread inherits the mask
  // Asio's signal_set handles them through.
  boost::asio::io_context signals_io(1);
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  std::signal(SIGPIPE, SIG_IGN);

  std::string error;
  std::unique_ptr<hitd::server::Server> server =
      hitd::server::Server::Start(command_line.server, &error);
  if (server == nullptr) {
    spdlog::critical("event=start_failed error=\"{}\"", error);
    return 1;
  }
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("event=signal signal={}", signal);
    server->Stop();
  });
  signals_io.run();
  server.reset();
  spdlog::info("event=exit code=0");
  return 0;
}
