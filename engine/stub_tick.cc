// TEMPORARY scaffolding: delete this file when tick.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const Tick&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
