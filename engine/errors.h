// Error codes a client can cause, and the value that carries one.
//
// The numbers are part of the wire protocol and of stored idempotent answers: append
// new codes, never renumber or reuse one. A bug is never an error code; it is an
// assertion (see check.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace hitd::engine {

enum class ErrorCode : uint8_t {
  kOk = 0,
  kInvalidArgument = 1,     // a field is malformed or out of range; Error::field names it
  kNotFound = 2,            // no such object, or not one the caller may see
  kAlreadyExists = 3,       // a unique name or key is taken
  kPermissionDenied = 4,    // the caller's role or status forbids the operation
  kUnauthenticated = 5,     // the connection has not authenticated (net layer)
  kFailedPrecondition = 6,  // the object is not in a state that allows the operation
  kInsufficientFunds = 7,   // the requester's available balance is too small
  kNoWorkAvailable = 8,     // AcceptNext found no slot the worker may take
  kResourceExhausted = 9,   // a capacity limit or quota is reached
  kMalformed = 10,          // the frame could not be decoded (net layer)
  kUnsupported = 11,        // the operation or protocol version is not supported
  kUnavailable = 12,        // the service cannot take the request now
  kInternal = 13,           // a failure inside hitd (store faults)
  kTokenConflict = 14,      // a request token was reused with a different request
};

std::string_view ErrorCodeName(ErrorCode code);

// A failed command: its code and, for kInvalidArgument and friends, the field at fault
// (a static string naming the request field, e.g. "reward_cents").
struct Error {
  ErrorCode code = ErrorCode::kOk;
  std::string_view field;

  friend bool operator==(const Error&, const Error&) = default;
};

}  // namespace hitd::engine
