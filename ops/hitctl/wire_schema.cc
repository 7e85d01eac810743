#include "ops/hitctl/wire_schema.h"

#include <flatbuffers/verifier.h>

#include <cstdio>
#include <cstdlib>

#include "net/protocol/operation_names.h"

namespace hitd::ctl {
namespace {

constexpr const char* kNamespace = "hitd.schema.";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool ParseSchema(flatbuffers::Parser& parser) {
  const std::string text(SchemaText());
  return parser.Parse(text.c_str(), nullptr, "hitd_wire.fbs");
}

}  // namespace

Unit UnitOf(const flatbuffers::FieldDef& field) {
  const std::string& name = field.name;
  const flatbuffers::Type& type = field.value.type;
  const flatbuffers::BaseType base = flatbuffers::IsVector(type) ? type.element : type.base_type;
  if (!flatbuffers::IsInteger(base) || type.enum_def != nullptr) return Unit::kNone;
  if (name == "locale" || name == "locale_values") return Unit::kLocale;
  if (EndsWith(name, "_cents")) return Unit::kCents;
  if (!EndsWith(name, "_ms")) return Unit::kNone;
  for (std::string_view word : {"duration", "delay", "lifetime"}) {
    if (name.find(word) != std::string::npos) return Unit::kDurationMs;
  }
  return Unit::kTimeMs;
}

const WireSchema& WireSchema::Get() {
  static const WireSchema* schema = new WireSchema();
  return *schema;
}

WireSchema::WireSchema() {
  if (!ParseSchema(parser_)) {
    std::fprintf(stderr, "hitctl: the embedded schema does not parse: %s\n",
                 parser_.error_.c_str());
    std::abort();
  }
  const flatbuffers::EnumDef* bodies =
      parser_.enums_.Lookup(std::string(kNamespace) + "RequestBody");
  if (bodies == nullptr) std::abort();
  for (const net::OperationName& op : net::OperationNames()) {
    const std::string member = schema::EnumNameRequestBody(op.body);
    const flatbuffers::EnumVal* val = bodies->Lookup(member);
    if (val == nullptr || val->union_type.struct_def == nullptr) continue;
    operations_.push_back({op.name, member, op.body, val->union_type.struct_def});
  }
}

const WireOperation* WireSchema::FindOperation(std::string_view name) const {
  for (const WireOperation& op : operations_) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

const flatbuffers::StructDef* WireSchema::Table(std::string_view name) const {
  return parser_.structs_.Lookup(std::string(kNamespace) + std::string(name));
}

const flatbuffers::StructDef* WireSchema::ResponseTable(uint8_t type) const {
  const flatbuffers::EnumDef* bodies =
      parser_.enums_.Lookup(std::string(kNamespace) + "ResponseBody");
  if (bodies == nullptr) return nullptr;
  const flatbuffers::EnumVal* val = bodies->ReverseLookup(type, false);
  return val == nullptr ? nullptr : val->union_type.struct_def;
}

bool WireSchema::ParseRequestJson(const std::string& json, std::vector<uint8_t>* buffer,
                                  std::string* error) const {
  // A fresh Parser per request: a Parser that failed on JSON is not reusable.
  flatbuffers::Parser parser;
  if (!ParseSchema(parser) || !parser.SetRootType("Request")) {
    *error = "the embedded schema does not parse";
    return false;
  }
  if (!parser.Parse(json.c_str())) {
    *error = parser.error_;
    return false;
  }
  const uint8_t* data = parser.builder_.GetBufferPointer();
  buffer->assign(data, data + parser.builder_.GetSize());
  flatbuffers::Verifier verifier(buffer->data(), buffer->size());
  if (!verifier.VerifyBuffer<schema::Request>(nullptr)) {
    *error = "the request does not verify";
    return false;
  }
  return true;
}

bool WireSchema::CheckTableJson(const std::string& table, const std::string& json,
                                std::string* error) const {
  flatbuffers::Parser parser;
  if (!ParseSchema(parser) || !parser.SetRootType(table.c_str())) {
    *error = "no table " + table;
    return false;
  }
  if (parser.Parse(json.c_str())) return true;
  *error = parser.error_;
  return false;
}

std::string DocOf(const flatbuffers::Definition& def) {
  std::string doc;
  for (const std::string& line : def.doc_comment) {
    std::string_view text = line;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (text.empty()) continue;
    if (!doc.empty()) doc += ' ';
    doc += text;
  }
  return doc;
}

}  // namespace hitd::ctl
