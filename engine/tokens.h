// The order in which idempotency tokens are forgotten.
//
// State::token_order holds the keys of State::tokens sorted by (created, key), oldest
// first; tokens leave from its front, past the capacity and past the window. Sorting
// ties by key rather than keeping arrival order makes the order a function of the token
// records alone, so that a store that loads them in any order rebuilds exactly the
// order the engine had (engine/load.h). Engine thread only.
#pragma once

#include <string>
#include <string_view>

#include "engine/state.h"

namespace hitd::engine {

// The key of State::tokens: "<account id>|<token>".
std::string TokenKey(AccountId account, std::string_view token);

// Puts `key` (just added to State::tokens) in its place in State::token_order.
void OrderToken(State& s, TimeMs created, std::string key);

}  // namespace hitd::engine
