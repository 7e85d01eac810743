// TEMPORARY scaffolding: delete this file when blocks.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const CreateWorkerBlock&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const DeleteWorkerBlock&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListWorkerBlocks&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const NotifyWorkers&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
