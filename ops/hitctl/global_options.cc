#include "ops/hitctl/global_options.h"

namespace hitd::ctl {

bool ParseGlobalOptions(std::span<const std::string> argv, std::string_view env_server,
                        std::string_view env_credentials, GlobalOptions* out, CliError* error) {
  out->server = std::string(env_server);
  out->credentials = std::string(env_credentials);
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    std::string* target = nullptr;
    std::string name = arg;
    std::string value;
    const size_t eq = arg.find('=');
    if (arg.starts_with("--") && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (name == "--server") target = &out->server;
    if (name == "--credentials") target = &out->credentials;
    if (target != nullptr) {
      if (eq == std::string::npos) {
        if (i + 1 >= argv.size()) {
          *error = {"USAGE", "", name + " needs a value"};
          return false;
        }
        value = argv[++i];
      }
      *target = value;
    } else if (arg == "--json") {
      out->json = true;
    } else if (arg == "--help" || arg == "-h") {
      out->help = true;
    } else if (out->operation.empty()) {
      if (arg.starts_with("-")) {
        *error = {"USAGE", "", "unknown option " + arg + " (hitctl --help lists them)"};
        return false;
      }
      out->operation = arg;
    } else {
      out->args.push_back(arg);
    }
  }
  if (!out->server.empty()) {
    std::string host;
    uint16_t port = 0;
    if (!SplitHostPort(out->server, &host, &port)) {
      *error = {"USAGE", "", "--server " + out->server + ": not HOST:PORT"};
      return false;
    }
  }
  return true;
}

bool SplitHostPort(std::string_view text, std::string* host, uint16_t* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  std::string_view h = text.substr(0, colon);
  if (h.front() == '[') {
    if (h.size() < 3 || h.back() != ']') return false;
    h = h.substr(1, h.size() - 2);
  }
  uint32_t p = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    p = p * 10 + static_cast<uint32_t>(c - '0');
    if (p > 65535) return false;
  }
  if (p == 0) return false;
  *host = std::string(h);
  *port = static_cast<uint16_t>(p);
  return true;
}

}  // namespace hitd::ctl
