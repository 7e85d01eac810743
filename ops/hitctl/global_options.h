// hitctl's global options: `--server HOST:PORT`, `--credentials FILE`, `--json`,
// `--help`, accepted before or after the operation, with the environment's HITD_SERVER
// and HITD_CREDENTIALS as defaults. The server is, first to last: --server, HITD_SERVER,
// the credentials file's `server`, 127.0.0.1:7400.
//
// Pure functions: any thread may call them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ops/hitctl/request_options.h"

namespace hitd::ctl {

inline constexpr std::string_view kDefaultServer = "127.0.0.1:7400";

struct GlobalOptions {
  std::string server;       // empty: the credentials file's, else kDefaultServer
  std::string credentials;  // a path; empty: none given
  bool json = false;
  bool help = false;
  std::string operation;          // empty: none given
  std::vector<std::string> args;  // the operation's own arguments
};

bool ParseGlobalOptions(std::span<const std::string> argv, std::string_view env_server,
                        std::string_view env_credentials, GlobalOptions* out, CliError* error);

// "host:port", "[v6]:port"; false when it is not one.
bool SplitHostPort(std::string_view text, std::string* host, uint16_t* port);

}  // namespace hitd::ctl
