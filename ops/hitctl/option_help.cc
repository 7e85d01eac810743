#include "ops/hitctl/option_help.h"

#include <algorithm>
#include <cstdlib>

namespace hitd::ctl {
namespace {

constexpr std::string_view kValueForms = R"(Values:
  DOLLARS   money as MTurk takes it: 0.05, $1.20 (the field itself is in cents: _cents)
  CENTS     money in integer cents
  SECONDS   a duration in seconds, up to 3 decimals (the field is in ms: _ms)
  TIME      a point in time: now, +SECONDS from now, epoch seconds, or
            2026-01-31T12:00:00Z (UTC)
  MS        milliseconds (a duration, or a time since the Unix epoch)
  LOCALE    an ISO 3166 country, with an optional subdivision: US, US-CA
  A|B|C     an enum value by name (case, '-' and '_' ignored) or number
  X,Y,...   a list: comma-separated values, or a JSON array
  JSON      a nested table or a list of tables as JSON, with the schema's snake_case
            field names and enum names, money in cents and times in ms
  HEX       bytes as hex digits
  A STRING or JSON value written file://PATH is read from that file.
)";

constexpr std::string_view kExitStatus = R"(Exit status:
  0       success
  1-14    the error's code, numbered as in the schema (whether the daemon or hitctl
          found it): 1 INVALID_ARGUMENT, 2 NOT_FOUND, 3 ALREADY_EXISTS,
          4 PERMISSION_DENIED, 5 UNAUTHENTICATED, 6 FAILED_PRECONDITION,
          7 INSUFFICIENT_FUNDS, 8 NO_WORK_AVAILABLE, 9 RESOURCE_EXHAUSTED, 10 MALFORMED,
          11 UNSUPPORTED, 12 UNAVAILABLE (no daemon, or the connection dropped),
          13 INTERNAL, 14 TOKEN_CONFLICT
  64      usage: a command line hitctl cannot read
  65      demo: the books do not balance
  66      a local file could not be read or written
)";

std::string ScalarName(flatbuffers::BaseType t) {
  switch (t) {
    case flatbuffers::BASE_TYPE_BOOL:
      return "bool";
    case flatbuffers::BASE_TYPE_CHAR:
      return "byte";
    case flatbuffers::BASE_TYPE_UCHAR:
      return "ubyte";
    case flatbuffers::BASE_TYPE_SHORT:
      return "short";
    case flatbuffers::BASE_TYPE_USHORT:
      return "ushort";
    case flatbuffers::BASE_TYPE_INT:
      return "int";
    case flatbuffers::BASE_TYPE_UINT:
      return "uint";
    case flatbuffers::BASE_TYPE_LONG:
      return "long";
    case flatbuffers::BASE_TYPE_ULONG:
      return "ulong";
    case flatbuffers::BASE_TYPE_STRING:
      return "string";
    default:
      return "?";
  }
}

std::string EnumChoices(const flatbuffers::EnumDef& e) {
  std::string out;
  for (const flatbuffers::EnumVal* v : e.Vals()) out += (out.empty() ? "" : "|") + v->name;
  return out;
}

std::string ValueName(const OptionSpec& s) {
  const flatbuffers::Type& type = s.field->value.type;
  switch (s.form) {
    case OptionForm::kText:
      return "STRING";
    case OptionForm::kInteger:
      return "INT";
    case OptionForm::kEnum:
      return EnumChoices(*type.enum_def);
    case OptionForm::kFlag:
      return "";
    case OptionForm::kDollars:
      return "DOLLARS";
    case OptionForm::kCents:
      return "CENTS";
    case OptionForm::kSeconds:
      return "SECONDS";
    case OptionForm::kMillis:
      return "MS";
    case OptionForm::kTime:
      return "TIME";
    case OptionForm::kLocale:
      return "LOCALE";
    case OptionForm::kList:
      if (type.enum_def != nullptr) return EnumChoices(*type.enum_def) + ",...";
      return UnitOf(*s.field) == Unit::kLocale ? "LOCALE,..." : "X,Y,...";
    case OptionForm::kHex:
      return "HEX";
    case OptionForm::kJson:
      return "JSON";
  }
  return "";
}

// A table's fields, as the JSON an option of that table takes.
std::string TableShape(const flatbuffers::StructDef& def) {
  std::string out = "{";
  for (const flatbuffers::FieldDef* f : def.fields.vec) {
    if (f->deprecated) continue;
    out += (out.size() > 1 ? ", " : "") + f->name + ": " + TypeName(f->value.type);
  }
  return out + "}";
}

std::string Path(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : ".") + p;
  return out;
}

std::string DefaultText(const flatbuffers::FieldDef& f) {
  const flatbuffers::Type& type = f.value.type;
  if (flatbuffers::IsBool(type.base_type)) return f.value.constant == "0" ? "false" : "true";
  if (type.enum_def != nullptr) {
    const flatbuffers::EnumVal* v =
        type.enum_def->ReverseLookup(std::strtoll(f.value.constant.c_str(), nullptr, 10), false);
    if (v != nullptr) return v->name;
  }
  return f.value.constant;
}

std::string FirstSentence(const std::string& doc) {
  const size_t dot = doc.find(". ");
  return dot == std::string::npos ? doc : doc.substr(0, dot + 1);
}

}  // namespace

std::string TypeName(const flatbuffers::Type& type) {
  if (flatbuffers::IsVector(type)) return "[" + TypeName(type.VectorType()) + "]";
  if (type.struct_def != nullptr) return type.struct_def->name;
  if (type.enum_def != nullptr) return type.enum_def->name;
  return ScalarName(type.base_type);
}

std::vector<ExtraDoc> ExtrasOf(std::string_view operation) {
  std::vector<ExtraDoc> out = {
      {{"token", true},
       "TOKEN",
       "Idempotency token (at most 64 bytes): a repeat answers the "
       "first answer and changes nothing (mutations only)."},
      {{"unique-request-token", true}, "TOKEN", "The same as --token, as MTurk names it."}};
  if (operation == "create-account" || operation == "rotate-secret") {
    out.push_back({{"save-credentials", true},
                   "FILE",
                   "Write the account's credentials file (mode 0600) with the new secret. "
                   "hitctl draws the secret and sends only its SHA-256 (unless --secret-hash "
                   "is given); it prints the secret once."});
  }
  if (operation == "subscribe-events" || operation == "subscribe-work") {
    out.push_back({{"count", true},
                   "N",
                   "Stop after N pushed items (default: stream until interrupted). Prints "
                   "one line per item (one JSON object per line with --json)."});
  }
  return out;
}

std::vector<ExtraOption> ExtraOptionsOf(std::string_view operation) {
  std::vector<ExtraOption> out;
  for (const ExtraDoc& d : ExtrasOf(operation)) out.push_back(d.option);
  return out;
}

std::string_view PositionalOf(std::string_view operation) {
  return operation == "backup" ? "dir" : "";
}

std::string TopHelp() {
  std::string out =
      "hitctl: a command-line client of hitd, for every operation of its wire protocol.\n\n"
      "Usage: hitctl [--server HOST:PORT] [--credentials FILE] [--json] OPERATION "
      "[options]\n"
      "       hitctl OPERATION --help     the operation's options, from the schema\n\n"
      "Global options:\n"
      "  --server HOST:PORT   the daemon (default: $HITD_SERVER, else the credentials file's\n"
      "                       server, else 127.0.0.1:7400)\n"
      "  --credentials FILE   the account to act as (default: $HITD_CREDENTIALS): TOML with\n"
      "                       account_id, account_name, secret (64 hex digits), server\n"
      "  --json               print exactly one JSON object per call (snake_case fields as\n"
      "                       in the schema, money in integer cents, times in ms); errors\n"
      "                       as {\"error\": {\"code\", \"field\", \"message\"}}\n\n"
      "Output: `key: value` lines by default (money as $1.23, times in UTC); errors go to\n"
      "stderr as `hitctl: CODE (field): message`.\n\n";
  out += kValueForms;
  out += "\n";
  out += kExitStatus;
  out += "\nOperations (the wire protocol's, named as `aws mturk` names MTurk's):\n";
  size_t width = 4;
  for (const WireOperation& op : WireSchema::Get().operations()) {
    width = std::max(width, op.name.size());
  }
  for (const WireOperation& op : WireSchema::Get().operations()) {
    out += "  " + std::string(op.name) + std::string(width - op.name.size() + 2, ' ') +
           FirstSentence(DocOf(*op.table)) + "\n";
  }
  out += "\nhitctl's own:\n  demo" + std::string(width - 2, ' ') +
         "Plays a whole marketplace against a daemon (hitctl demo --help).\n";
  return out;
}

std::string OperationHelp(const WireOperation& op) {
  std::string out = "Usage: hitctl [global options] " + std::string(op.name);
  if (!PositionalOf(op.name).empty()) out += " DIR";
  out += " [options]\n\n" + op.member + ": " + DocOf(*op.table) + "\n\nOptions (fields of " +
         op.table->name + "):\n";
  const std::vector<OptionSpec> specs = OptionsOf(*op.table);
  if (specs.empty()) out += "  (none)\n";
  for (size_t i = 0; i < specs.size();) {
    // The forms of one field, together: --reward DOLLARS, --reward-cents CENTS.
    size_t j = i;
    std::string forms;
    while (j < specs.size() && specs[j].field == specs[i].field && specs[j].path == specs[i].path) {
      const std::string value = ValueName(specs[j]);
      forms += (forms.empty() ? "--" : ", --") + specs[j].flag + (value.empty() ? "" : " " + value);
      ++j;
    }
    const flatbuffers::FieldDef& f = *specs[i].field;
    out += "  " + forms + "\n      " + Path(specs[i].path) + " (" + TypeName(f.value.type);
    if (flatbuffers::IsScalar(f.value.type.base_type) && !flatbuffers::IsVector(f.value.type)) {
      out += f.IsOptional() ? ", default: absent" : ", default: " + DefaultText(f);
    }
    out += ")";
    const std::string doc = DocOf(f);
    if (!doc.empty()) out += ": " + doc;
    out += "\n";
    const flatbuffers::Type& t = f.value.type;
    const flatbuffers::StructDef* nested =
        flatbuffers::IsVector(t) ? t.VectorType().struct_def : t.struct_def;
    if (nested != nullptr) out += "      JSON: " + TableShape(*nested) + "\n";
    i = j;
  }
  out += "\nhitctl's options:\n";
  for (const ExtraDoc& d : ExtrasOf(op.name)) {
    out += "  --" + std::string(d.option.flag) + (d.value_name.empty() ? "" : " ") +
           std::string(d.value_name) + "\n      " + std::string(d.doc) + "\n";
  }
  return out + "\nSee `hitctl --help` for value forms, output and exit status.\n";
}

std::string DemoHelp() {
  return "Usage: hitctl --credentials ADMIN_FILE [--server HOST:PORT] [--json] demo\n\n"
         "Plays a whole marketplace against a running daemon, as its admin: creates a\n"
         "requester and three workers (names with a unique suffix, secrets kept in memory),\n"
         "deposits into the requester; the requester creates a qualification type with a\n"
         "test and HITs that require it; the workers take the test (scored and granted at\n"
         "once), accept, and submit; the requester approves one and rejects another. Each\n"
         "step is printed, then the balances, the fees and each worker's dashboard, and the\n"
         "books are checked: the deposit equals the requester's available and escrow plus\n"
         "what the workers earned plus the platform's fees.\n\n"
         "Exit status: 0 when every step went as expected and the books balance; 65 when\n"
         "they do not; the failing step's error code otherwise. --json prints one summary\n"
         "object.\n";
}

}  // namespace hitd::ctl
