// TEMPORARY scaffolding: delete this file when quals.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const CreateQualificationType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetQualificationType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const UpdateQualificationType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const DeleteQualificationType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListQualificationTypes&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const AssociateQualificationWithWorker&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const DisassociateQualificationFromWorker&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetQualificationScore&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListWorkersWithQualificationType&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListMyQualifications&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
