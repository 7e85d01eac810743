#include "net/server/config.h"

#include <toml++/toml.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <functional>
#include <iostream>
#include <map>
#include <type_traits>
#include <vector>

namespace hitd::server {

namespace {

// One setting: its TOML key (the flag is the key with dashes), what it means, and how to
// set it from text (a flag's value, or a TOML value printed as text).
struct Setting {
  std::string key;
  std::string help;
  std::function<bool(const std::string&)> set;
};

template <typename T>
std::function<bool(const std::string&)> Number(T* field) {
  return [field](const std::string& text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    *field = value;
    return true;
  };
}

std::function<bool(const std::string&)> Text(std::string* field) {
  return [field](const std::string& text) {
    *field = text;
    return !text.empty();
  };
}

std::vector<Setting> Settings(CommandLine& c) {
  ServerConfig& s = c.server;
  return {
      {"listen", "HOST:PORT to serve clients on (port 0: any free port)", Text(&s.listen)},
      {"metrics_listen", "HOST:PORT of the telemetry endpoint", Text(&s.metrics_listen)},
      {"data_dir", "the store's directory (created if missing)", Text(&s.data_dir)},
      {"durability", "sync (acknowledge after fsync) or async",
       [&s](const std::string& t) {
         if (t == "sync")
           s.durability = store::Durability::kSync;
         else if (t == "async")
           s.durability = store::Durability::kAsync;
         else
           return false;
         return true;
       }},
      {"log_level", "trace, debug, info, warn or error",
       [&c](const std::string& t) {
         static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
         for (const char* l : kLevels) {
           if (t == l) {
             c.log_level = t;
             return true;
           }
         }
         return false;
       }},
      {"flush_interval_ms", "async: the longest an acknowledged change stays unsynced",
       Number(&s.flush_interval_ms)},
      {"event_max_age_ms", "event log retention by age", Number(&s.event_max_age_ms)},
      {"event_max_count", "event log retention by count", Number(&s.event_max_count)},
      {"map_size", "the first LMDB map size in bytes", Number(&s.map_size)},
      {"max_map_size", "the largest LMDB map in bytes", Number(&s.max_map_size)},
      {"max_frame_bytes", "the largest frame body a client may send", Number(&s.max_frame_bytes)},
      {"max_connections", "connections served at once", Number(&s.max_connections)},
      {"handshake_timeout_ms", "Hello to Welcome", Number(&s.handshake_timeout_ms)},
      {"frame_timeout_ms", "the first byte of a frame to its last", Number(&s.frame_timeout_ms)},
      {"idle_timeout_ms", "a connection with no frame for this long is closed",
       Number(&s.idle_timeout_ms)},
      {"max_unsent_bytes", "a client that leaves this much unread is closed",
       Number(&s.max_unsent_bytes)},
      {"max_in_flight_per_connection", "requests in flight before a connection is not read",
       Number(&s.max_in_flight_per_connection)},
      {"tick_interval_ms", "how often deadlines and expiries are resolved",
       Number(&s.tick_interval_ms)},
      {"max_accepted_per_worker", "Accepted assignments a worker may hold at once",
       Number(&s.engine.max_accepted_per_worker)},
      {"probation_approvals", "approvals before a worker leaves probation (0: off)",
       Number(&s.engine.probation_approvals)},
      {"probation_daily_accepts", "accepts per UTC day on probation",
       Number(&s.engine.probation_daily_accepts)},
      {"token_capacity", "idempotency tokens kept at most", Number(&s.engine.token_capacity)},
      {"token_window_ms", "how long idempotency tokens are kept",
       Number(&s.engine.token_window.value)},
  };
}

std::string FlagOf(const std::string& key) {
  std::string flag = "--" + key;
  for (char& ch : flag) {
    if (ch == '_') ch = '-';
  }
  return flag;
}

// Applies the TOML file; false with *error naming the key at fault.
bool LoadToml(const std::string& path, std::vector<Setting>& settings, std::string* error) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    *error = path + ": " + std::string(e.description());
    return false;
  }
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](const Setting& s) { return s.key == name; });
    if (it == settings.end()) {
      *error = path + ": unknown key \"" + name + "\"";
      return false;
    }
    std::string text;
    if (auto v = node.value<int64_t>(); v.has_value() && node.is_integer()) {
      text = std::to_string(*v);
    } else if (auto t = node.value<std::string>(); t.has_value() && node.is_string()) {
      text = *t;
    } else {
      *error = path + ": \"" + name + "\" must be an integer or a string";
      return false;
    }
    if (!it->set(text)) {
      *error = path + ": bad value for \"" + name + "\": " + text;
      return false;
    }
  }
  return true;
}

}  // namespace

bool ValidateConfig(const ServerConfig& c, std::string* error) {
  auto fail = [error](const std::string& what) {
    *error = what;
    return false;
  };
  if (c.listen.rfind(':') == std::string::npos) return fail("listen: expected HOST:PORT");
  if (c.data_dir.empty()) return fail("data_dir: empty");
  if (c.max_frame_bytes < 1024 || c.max_frame_bytes > net::kMaxFrameBytesLimit) {
    return fail("max_frame_bytes: 1024 to " + std::to_string(net::kMaxFrameBytesLimit));
  }
  if (c.max_connections == 0) return fail("max_connections: at least 1");
  if (c.handshake_timeout_ms <= 0 || c.frame_timeout_ms <= 0 || c.idle_timeout_ms <= 0) {
    return fail("timeouts must be positive");
  }
  if (c.tick_interval_ms <= 0) return fail("tick_interval_ms: must be positive");
  if (c.flush_interval_ms <= 0) return fail("flush_interval_ms: must be positive");
  if (c.max_unsent_bytes < 2 * size_t{c.max_frame_bytes}) {
    return fail("max_unsent_bytes: at least twice max_frame_bytes");
  }
  if (c.max_in_flight_per_connection == 0) return fail("max_in_flight_per_connection: at least 1");
  if (c.map_size == 0 || c.max_map_size < c.map_size) return fail("max_map_size: below map_size");
  return true;
}

int ParseCommandLine(int argc, char** argv, CommandLine* out) {
  CLI::App app{"hitd: the crowd-work marketplace daemon"};
  std::string config_path;
  app.add_option("--config", config_path, "a TOML file of these settings (flags override it)");
  std::vector<Setting> settings = Settings(*out);
  std::map<std::string, std::string> given;
  for (const Setting& s : settings) {
    app.add_option(FlagOf(s.key), given[s.key], s.help);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::string error;
  if (!config_path.empty() && !LoadToml(config_path, settings, &error)) {
    std::cerr << "hitd: " << error << "\n";
    return 2;
  }
  for (const Setting& s : settings) {
    if (app.count(FlagOf(s.key)) == 0) continue;
    if (!s.set(given[s.key])) {
      std::cerr << "hitd: bad value for " << FlagOf(s.key) << ": " << given[s.key] << "\n";
      return 2;
    }
  }
  if (!ValidateConfig(out->server, &error)) {
    std::cerr << "hitd: " << error << "\n";
    return 2;
  }
  return -1;
}

}  // namespace hitd::server
