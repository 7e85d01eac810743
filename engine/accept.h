// Taking work: the rules a worker must pass to accept a HIT, and AcceptNext's search.
// Internal to the engine (handlers in accept.cc; SubmitAndAcceptNext reuses the search).
#pragma once

#include "engine/commands.h"
#include "engine/output.h"
#include "engine/replies.h"
#include "engine/state.h"

namespace hitd::engine {

// AcceptNext for `worker` (already checked to be an active worker).
Result AcceptNextFor(State& s, const Context& ctx, Account& worker, const WorkFilter& filter,
                     Output& out);

// Whether a comma-separated keyword list holds `keyword` (case-insensitive, trimmed).
bool HasKeyword(std::string_view keywords, std::string_view keyword);

}  // namespace hitd::engine
