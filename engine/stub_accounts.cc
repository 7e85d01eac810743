// TEMPORARY scaffolding: delete this file when accounts.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const CreateAccount&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const SuspendAccount&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ReactivateAccount&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const RotateSecret&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetAccount&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetStats&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetDashboard&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
