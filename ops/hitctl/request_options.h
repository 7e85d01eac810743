// An operation's command-line options, derived from its request table in the schema,
// and their conversion into the request: options -> the table as JSON -> a verified
// Request FlatBuffer (FlatBuffers' Parser) -> net::DecodeRequest, the daemon's own
// decoder, so hitctl refuses exactly what the daemon would refuse before it sends.
//
// Option names: each field in kebab-case (`max_assignments` -> `--max-assignments`).
// Fields of a nested table (CreateHIT's hit_type and hit, a WorkFilter) are options of
// their own (`--title`, `--reward`, `--min-reward`), and the whole table may be given as
// JSON (`--hit-type '{...}'`); a name taken twice is prefixed with its table's name.
// Money (`X_cents`) takes dollars as `--X` and cents as `--X-cents`; a duration
// (`X_ms`) takes seconds as `--X-in-seconds` and milliseconds as `--X-ms`; a point in
// time takes `--X` (now, +SECONDS, epoch seconds or 2026-01-31T12:00:00Z) and `--X-ms`.
// Vectors of tables take JSON; vectors of scalars a comma-separated list or JSON; a
// string or JSON value of the form file://PATH is read from the file (as `aws` does).
//
// Pure functions: any thread may call them.
#pragma once

#include <flatbuffers/idl.h>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "net/protocol/operation.h"
#include "ops/hitctl/wire_schema.h"

namespace hitd::ctl {

enum class OptionForm : uint8_t {
  kText,     // a string, or file://PATH
  kInteger,  // an integer
  kEnum,     // an enum value's name (case, '-' and '_' ignored) or number
  kFlag,     // a bool: --x, --x=true, --x=false
  kDollars,  // money in dollars: 0.05, $1.20
  kCents,    // money in cents
  kSeconds,  // a duration in seconds, up to 3 decimals
  kMillis,   // a duration or a point in time in milliseconds
  kTime,     // a point in time
  kLocale,   // US, US-CA
  kList,     // comma-separated elements, or a JSON array
  kHex,      // bytes ([ubyte]) as hex digits
  kJson,     // a table or a vector of tables as JSON, or file://PATH
};

struct OptionSpec {
  std::string flag;               // without the dashes: "max-assignments"
  std::vector<std::string> path;  // fields from the request table: {"hit", "max_assignments"}
  const flatbuffers::FieldDef* field = nullptr;
  OptionForm form = OptionForm::kText;
  const flatbuffers::StructDef* parent = nullptr;  // the table `field` belongs to
};

// hitctl's own errors, printed like the daemon's: code USAGE (the command line) or an
// ErrorCode name with the request field at fault.
struct CliError {
  std::string code;
  std::string field;
  std::string message;
};

// Options hitctl adds to an operation (not fields of its table).
struct ExtraOption {
  std::string_view flag;
  bool takes_value = true;
};

struct ParsedArgs {
  std::string body_json;                      // the request table, as JSON
  std::map<std::string, std::string> extras;  // extra options given ("true" for flags)
};

std::vector<OptionSpec> OptionsOf(const flatbuffers::StructDef& table);

// Parses an operation's arguments. A bare argument is the value of `positional` (e.g.
// backup's "dir") when it is set, else a usage error. False with *error.
bool ParseOperationArgs(const flatbuffers::StructDef& table, std::span<const std::string> args,
                        std::span<const ExtraOption> extras, std::string_view positional,
                        int64_t now_ms, ParsedArgs* out, CliError* error);

// One option's text as JSON for its field.
bool ConvertValue(const OptionSpec& spec, std::string_view text, int64_t now_ms, std::string* json,
                  CliError* error);

// Builds the whole Request and decodes it as the daemon does. INVALID_ARGUMENT (the
// field) when the Parser or the decoder refuses it.
bool BuildOperation(const WireOperation& op, const std::string& body_json, std::string_view token,
                    net::Operation* out, CliError* error);

// The options that set `field` (an error's field: "reward_cents", "hit",
// "requirements.comparator"), as "--reward, --reward-cents"; "" when none does.
std::string OptionsForField(const flatbuffers::StructDef& table, std::string_view field);

// ---- leaves ----
bool ParseDollars(std::string_view text, int64_t* cents);
bool ParseSeconds(std::string_view text, int64_t* ms);
bool ParseTime(std::string_view text, int64_t now_ms, int64_t* ms);
bool ParseLocale(std::string_view text, uint64_t* packed);
std::string FormatLocale(uint64_t packed);
std::string FormatDollars(int64_t cents);  // $1.23, -$0.05
std::string FormatTime(int64_t ms);        // 2026-01-31T12:00:00.000Z
std::string JsonString(std::string_view text);
std::string Kebab(std::string_view snake);
bool ReadFile(const std::string& path, std::string* out);

}  // namespace hitd::ctl
