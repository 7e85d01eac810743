// Marketplace traffic for the ops tests, through the client library as any client
// program sends it: the admin (from the daemon's admin.credentials) creates a requester,
// deposits, and the requester creates HITs.
//
// Runs on the test's thread; each BlockingClient runs its own.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>  // before Asio (client.h): Boost 1.74's awaitable.hpp needs std::exchange

// clang-format off
#include "net/protocol/frame.h"  // before client.h, which uses it without including it
#include "net/client/client.h"
// clang-format on

namespace hitd::ops_test {

// A connected admin client; null with *error when the credentials or the handshake fail.
std::unique_ptr<client::BlockingClient> ConnectAdmin(const std::filesystem::path& credentials,
                                                     uint16_t port, std::string* error);

// A new requester creates `count` HITs of one assignment each with CreateHit; false with
// *error at the first failure.
bool CreateHits(client::BlockingClient& admin, uint16_t port, int count, std::string* error);

}  // namespace hitd::ops_test
