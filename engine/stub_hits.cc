// TEMPORARY scaffolding: delete this file when hits.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const CreateHitType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const CreateHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const CreateHitWithHitType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const CreateHits&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const UpdateExpirationForHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const UpdateHitReviewStatus&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const UpdateHitTypeOfHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const CreateAdditionalAssignmentsForHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const DeleteHit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const PreviewHit&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
