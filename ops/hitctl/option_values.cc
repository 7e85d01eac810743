// ConvertValue (request_options.h): one option's text as JSON for its field.
#include <cctype>

#include "ops/hitctl/request_options.h"

namespace hitd::ctl {
namespace {

std::string Normalized(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '-' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsInteger(std::string_view t) {
  if (!t.empty() && t.front() == '-') t.remove_prefix(1);
  if (t.empty() || t.size() > 20) return false;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// One scalar element (of a field or of a vector) as JSON.
bool ConvertScalar(const flatbuffers::FieldDef& f, const flatbuffers::Type& type,
                   std::string_view text, std::string* json, std::string* why) {
  if (type.enum_def != nullptr) {
    if (IsInteger(text)) {
      *json = std::string(text);
      return true;
    }
    for (const flatbuffers::EnumVal* v : type.enum_def->Vals()) {
      if (Normalized(v->name) == Normalized(text)) {
        *json = JsonString(v->name);
        return true;
      }
    }
    *why = "not a " + type.enum_def->name + " (";
    for (const flatbuffers::EnumVal* v : type.enum_def->Vals()) *why += " " + v->name;
    *why += " )";
    return false;
  }
  if (UnitOf(f) == Unit::kLocale) {
    uint64_t packed = 0;
    if (!IsInteger(text) && !ParseLocale(text, &packed)) {
      *why = "not a locale (US, US-CA)";
      return false;
    }
    *json = IsInteger(text) ? std::string(text) : std::to_string(packed);
    return true;
  }
  if (flatbuffers::IsString(type)) {
    *json = JsonString(text);
    return true;
  }
  if (!IsInteger(text) || (flatbuffers::IsUnsigned(type.base_type) && text.front() == '-')) {
    *why = "not an integer";
    return false;
  }
  *json = std::string(text);
  return true;
}

bool ConvertList(const OptionSpec& spec, std::string_view text, std::string* json,
                 std::string* why) {
  if (!text.empty() && text.front() == '[') {
    *json = std::string(text);
    return true;
  }
  const flatbuffers::Type element = spec.field->value.type.VectorType();
  std::string out = "[";
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string item;
    if (!ConvertScalar(*spec.field, element, text.substr(start, comma - start), &item, why)) {
      return false;
    }
    out += (out.size() > 1 ? "," : "") + item;
    start = comma + 1;
  }
  *json = out + "]";
  return true;
}

bool ConvertHex(std::string_view text, std::string* json) {
  if (text.size() % 2 != 0) return false;
  std::string out = "[";
  for (size_t i = 0; i < text.size(); i += 2) {
    const std::string byte(text.substr(i, 2));
    if (!std::isxdigit(static_cast<unsigned char>(byte[0])) ||
        !std::isxdigit(static_cast<unsigned char>(byte[1]))) {
      return false;
    }
    out += (i > 0 ? "," : "") + std::to_string(std::stoul(byte, nullptr, 16));
  }
  *json = out + "]";
  return true;
}

}  // namespace

bool ConvertValue(const OptionSpec& spec, std::string_view text, int64_t now_ms, std::string* json,
                  CliError* error) {
  std::string why;
  std::string content;
  int64_t v = 0;
  bool ok = true;
  if ((spec.form == OptionForm::kText || spec.form == OptionForm::kJson) &&
      text.starts_with("file://")) {
    if (!ReadFile(std::string(text.substr(7)), &content)) {
      *error = {"USAGE", spec.field->name,
                "--" + spec.flag + ": cannot read " + std::string(text.substr(7))};
      return false;
    }
    text = content;
  }
  switch (spec.form) {
    case OptionForm::kText:
      *json = JsonString(text);
      break;
    case OptionForm::kJson:
      // Checked alone, so that a mistake is reported against this option.
      ok = WireSchema::Get().CheckTableJson(
          spec.parent->name, "{" + JsonString(spec.field->name) + ":" + std::string(text) + "}",
          &why);
      why = "not JSON for " + spec.field->name + " (" + why + ")";
      *json = std::string(text);
      break;
    case OptionForm::kInteger:
    case OptionForm::kEnum:
    case OptionForm::kLocale:
    case OptionForm::kCents:
      ok = ConvertScalar(*spec.field, spec.field->value.type, text, json, &why);
      break;
    case OptionForm::kMillis:
      ok = IsInteger(text);
      why = "not an integer number of milliseconds";
      *json = std::string(text);
      break;
    case OptionForm::kFlag:
      ok = text == "true" || text == "false";
      why = "not true or false";
      *json = std::string(text);
      break;
    case OptionForm::kDollars:
      ok = ParseDollars(text, &v);
      why = "not an amount of dollars (0.05, $1.20)";
      *json = std::to_string(v);
      break;
    case OptionForm::kSeconds:
      ok = ParseSeconds(text, &v);
      why = "not a number of seconds";
      *json = std::to_string(v);
      break;
    case OptionForm::kTime:
      ok = ParseTime(text, now_ms, &v);
      why = "not a time (now, +SECONDS, epoch seconds, 2026-01-31T12:00:00Z)";
      *json = std::to_string(v);
      break;
    case OptionForm::kList:
      ok = ConvertList(spec, text, json, &why);
      break;
    case OptionForm::kHex:
      ok = ConvertHex(text, json);
      why = "not hex digits";
      break;
  }
  if (!ok) {
    *error = {"INVALID_ARGUMENT", spec.field->name,
              "--" + spec.flag + " " + std::string(text.substr(0, 40)) +
                  (text.size() > 40 ? "..." : "") + ": " + why};
  }
  return ok;
}

}  // namespace hitd::ctl
