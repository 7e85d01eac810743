// What a request asks for and what its response carries, as C++ values: the engine's
// commands and results (engine/commands.h, engine/replies.h), plus the few operations
// the daemon serves itself, outside the engine (subscriptions and backup), and their
// answers. The wire protocol (schemas/protocol.fbs) has one RequestBody member for each
// Operation alternative (engine::Tick excepted: it is internal and never on the wire),
// and one ResponseBody member for each Answer reply (engine::TickResult excepted).
//
// Plain value types: any thread may hold them.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "engine/commands.h"
#include "engine/replies.h"

namespace hitd::net {

// ---- the daemon's own operations ----

// Streams the caller's events from `from_seq` (0: only new ones), then live.
struct SubscribeEvents {
  uint64_t from_seq = 0;
};

// Tells a worker when work it may take appears in a group that matches the filter.
struct SubscribeWork {
  engine::WorkFilter filter;
};

enum class SubscriptionKind : uint8_t { kEvents = 1, kWork = 2 };

struct Unsubscribe {
  SubscriptionKind kind = SubscriptionKind::kEvents;
};

// A hot backup of the store into `dir`, on the daemon's host. Admin only.
struct Backup {
  std::string dir;
};

using DaemonCommand = std::variant<SubscribeEvents, SubscribeWork, Unsubscribe, Backup>;

// A decoded request body: an engine command (never Tick), or one the daemon serves.
using Operation = std::variant<engine::Command, DaemonCommand>;

// ---- the daemon's own answers ----

struct Subscribed {
  SubscriptionKind kind = SubscriptionKind::kEvents;
  uint64_t next_seq = 0;  // events: the first sequence number the stream will push
  friend bool operator==(const Subscribed&, const Subscribed&) = default;
};

struct BackupDone {
  std::string dir;
  uint64_t bytes = 0;
  friend bool operator==(const BackupDone&, const BackupDone&) = default;
};

using DaemonReply = std::variant<Subscribed, BackupDone>;

// A decoded response: the engine's answer (a reply or an error; a daemon operation that
// fails, or Unsubscribe's Empty, answers one too), or a daemon reply.
using Answer = std::variant<engine::Result, DaemonReply>;

}  // namespace hitd::net
