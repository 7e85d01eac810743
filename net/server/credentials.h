// The admin's credentials on first start: a random 32-byte secret whose SHA-256 becomes
// the admin account's key (engine::RotateSecret, committed through the store), and the
// file data_dir/admin.credentials that hands the secret to the operator, in hitd_client's
// credentials format (net/client/client.h):
//
//   account_id = 1
//   account_name = "admin"
//   secret = "<64 hex digits>"
//   server = "HOST:PORT"
//
// The file is written (mode 0600, temp file, fsync, rename, fsync of the directory)
// before the key is committed: a crash between the two leaves a store without an admin
// key, and the next start makes a new secret and replaces the file.
//
// Start-up only (before the engine thread runs): it applies a command through the host.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "engine/store/host.h"
#include "engine/types.h"

namespace hitd::server {

// Writes a credentials file atomically with mode 0600.
[[nodiscard]] bool WriteCredentialsFile(const std::string& path, engine::AccountId account_id,
                                        std::string_view account_name,
                                        std::span<const uint8_t> secret, std::string_view server,
                                        std::string* error);

// When the admin account has no key yet: makes a secret, writes the file at `path`, and
// sets the key. When it has one and the file is missing: logs a warning. False with
// *error when the file or the commit fails.
[[nodiscard]] bool BootstrapAdmin(store::Host& host, const std::string& path,
                                  std::string_view server, std::string* error);

}  // namespace hitd::server
