// TEMPORARY scaffolding: delete this file when money_ops.cc implements these handlers.
#include "engine/handlers.h"

namespace hitd::engine {

Result Handle(State&, const Context&, const Deposit&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const GetAccountBalance&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const SendBonus&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const ListBonusPayments&, Output&) { return Fail(ErrorCode::kUnsupported); }
Result Handle(State&, const Context&, const Withdraw&, Output&) { return Fail(ErrorCode::kUnsupported); }

}  // namespace hitd::engine
