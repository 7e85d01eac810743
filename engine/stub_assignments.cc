// TEMPORARY scaffolding: delete this file when assignments.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const GetAssignment&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ApproveAssignment&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const RejectAssignment&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ReturnAssignment&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const SubmitAssignment&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const SubmitAndAcceptNext&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
