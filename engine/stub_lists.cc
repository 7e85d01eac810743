// TEMPORARY scaffolding: delete this file when lists.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const ListHits&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListReviewableHits&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListAssignmentsForHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListMyAssignments&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
