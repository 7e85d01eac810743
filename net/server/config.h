// hitd's configuration: command-line flags (CLI11) and an optional TOML file (toml++),
// into a ServerConfig. Every ServerConfig field is both a flag (--max-frame-bytes) and a
// TOML key (max_frame_bytes); a flag given on the command line overrides the file. An
// unknown TOML key, a value of the wrong type or out of range is an error naming it.
//
//   hitd --listen HOST:PORT --data-dir DIR --metrics-listen HOST:PORT --config FILE
//        --durability sync|async --log-level trace|debug|info|warn|error ...
//
// Start-up only, main thread.
#pragma once

#include <string>

#include "net/server/server.h"

namespace hitd::server {

struct CommandLine {
  ServerConfig server;
  std::string log_level = "info";
};

// Parses argv into *out. Returns -1 to go on, or the exit code: 0 after --help, 2 after
// an error (printed to stderr).
int ParseCommandLine(int argc, char** argv, CommandLine* out);

// Checks ranges and relations; false with *error naming the setting.
bool ValidateConfig(const ServerConfig& config, std::string* error);

}  // namespace hitd::server
