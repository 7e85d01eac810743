// hitctl's --help, generated from the schema (wire_schema.h) so that no operation or
// field is missed: `hitctl --help` lists the global options, the value forms, the exit
// statuses and every operation; `hitctl OPERATION --help` lists each field of the
// operation's table as its options, with its type, default and the schema's comment.
// Also the options hitctl adds to some operations (ExtrasOf), which the help documents.
//
// Pure functions: any thread may call them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ops/hitctl/request_options.h"
#include "ops/hitctl/wire_schema.h"

namespace hitd::ctl {

struct ExtraDoc {
  ExtraOption option;
  std::string_view value_name;  // "" for a flag
  std::string_view doc;
};

// The options hitctl adds to an operation: --token on every one, --save-credentials
// (create-account, rotate-secret), --count (subscriptions).
std::vector<ExtraDoc> ExtrasOf(std::string_view operation);
std::vector<ExtraOption> ExtraOptionsOf(std::string_view operation);
// The field a bare argument gives ("dir" for `backup DIR`); "" when none.
std::string_view PositionalOf(std::string_view operation);

std::string TopHelp();
std::string OperationHelp(const WireOperation& op);
std::string DemoHelp();
// The type of a field as help shows it: "ulong", "[QualificationRequirement]", "Role".
std::string TypeName(const flatbuffers::Type& type);

}  // namespace hitd::ctl
