// Internal to hitd_client: libsodium's one-time initialisation. Every function of the
// library that calls libsodium calls EnsureSodium first; any thread may.
#pragma once

namespace hitd::client {

// Calls sodium_init() once per process (std::call_once); aborts if it fails, since no
// secret or proof can be made without it.
void EnsureSodium();

}  // namespace hitd::client
