// Each operation's name in kebab-case, as hitctl spells its subcommands and metrics
// label requests: `create-hit`, `list-assignments-for-hit`, `accept-next`. MTurk's CLI
// (`aws mturk`) spells its operations the same way: the schema's table name with "HIT"
// read as a word.
//
// Static data: any thread may use it.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "schemas/protocol_generated.h"

namespace hitd::net {

struct OperationName {
  schema::RequestBody body;
  std::string_view name;
};

// Every RequestBody member and its name, in the union's order.
std::span<const OperationName> OperationNames();

// The member's name; "" for NONE or a member this build does not know.
std::string_view NameOf(schema::RequestBody body);

// The member named `name`; nullopt when there is none.
std::optional<schema::RequestBody> OperationNamed(std::string_view name);

}  // namespace hitd::net
