// Readable one-line forms of commands and results, for the failure report, --verbose,
// and the determinism check (which hashes these lines). Pure functions.
#pragma once

#include <string>

#include "engine/commands.h"
#include "engine/replies.h"

namespace hitd::sim {

std::string DescribeCommand(const engine::Context& ctx, const engine::Command& command);
std::string DescribeResult(const engine::Result& result);

}  // namespace hitd::sim
