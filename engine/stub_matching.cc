// TEMPORARY scaffolding: delete this file when matching.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const Accept&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const AcceptNext&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListHitGroups&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
