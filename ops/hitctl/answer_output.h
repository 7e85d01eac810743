// hitctl's output: an answer, an event or a work push as a value tree (value_tree.h),
// and errors as people and scripts read them, with the exit status of each.
//
// Answers go through the wire codec (EncodeResponse, EncodeEventPush, EncodeWorkPush)
// and are read back with the schema, so the output has exactly the schema's fields: a
// field appended to a reply is printed with no change here.
//
// Exit status (documented in `hitctl --help`): 0 success; 1 to 14 the schema's ErrorCode
// number (1 INVALID_ARGUMENT, 2 NOT_FOUND, ... 8 NO_WORK_AVAILABLE, 12 UNAVAILABLE,
// 14 TOKEN_CONFLICT), whether the daemon or hitctl found it; 64 a command-line usage
// error; 65 `hitctl demo` found books that do not balance; 66 a local file could not be
// read or written.
//
// Pure functions: any thread may call them.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/errors.h"
#include "engine/records.h"
#include "net/protocol/operation.h"
#include "net/protocol/response_codec.h"
#include "net/protocol/session_codec.h"
#include "ops/hitctl/request_options.h"
#include "ops/hitctl/value_tree.h"

namespace hitd::ctl {

inline constexpr int kExitUsage = 64;
inline constexpr int kExitUnbalanced = 65;
inline constexpr int kExitLocalFile = 66;

// A successful answer's reply, with its attachments (question, answer, test) under
// "attachments" when there are any.
Node AnswerNode(const net::Answer& answer, std::span<const net::Attachment> attachments);
Node EventNode(const engine::Event& event);
Node WorkNode(const net::WorkAvailable& work);

// The exit status for an error code name ("NOT_FOUND"), USAGE, UNBALANCED or LOCAL_FILE.
int ExitCodeOf(std::string_view code);

CliError ErrorOf(const engine::Error& error, std::string_view message);
// "hitctl: CODE (field): message\n" (no parentheses without a field).
std::string ErrorText(const CliError& error);
// {"error":{"code":...,"field":...,"message":...}}
std::string ErrorJson(const CliError& error);

}  // namespace hitd::ctl
