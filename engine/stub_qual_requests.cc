// TEMPORARY scaffolding: delete this file when qual_requests.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const RequestQualification&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListQualificationRequests&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const AcceptQualificationRequest&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const RejectQualificationRequest&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
