// The wire protocol's schema, as hitctl reads it at run time: the text of schemas/*.fbs
// embedded at build time (CMakeLists.txt), parsed by FlatBuffers' Parser. It is the
// single source of hitctl's subcommands, options, --help and output: every table, field,
// type, default and doc comment comes from it, so a field appended to the schema is an
// option and an output line with no change here.
//
// Conventions hitctl reads from field names (schemas/operations.fbs): `_cents` is money,
// `_ms` a point in time, or a duration when the name says so (duration, delay,
// lifetime), and `locale`/`locale_values` are packed ISO 3166 locales.
//
// Get() parses once; the result is immutable and any thread may read it.
#pragma once

#include <flatbuffers/idl.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schemas/protocol_generated.h"

namespace hitd::ctl {

// The concatenated schema text (generated source).
std::string_view SchemaText();

enum class Unit : uint8_t { kNone, kCents, kDurationMs, kTimeMs, kLocale };
Unit UnitOf(const flatbuffers::FieldDef& field);

// One subcommand: a RequestBody member.
struct WireOperation {
  std::string_view name;  // kebab-case: "create-hit"
  std::string member;     // the union member: "CreateHIT"
  schema::RequestBody body = schema::RequestBody::NONE;
  const flatbuffers::StructDef* table = nullptr;  // CreateHITRequest
};

class WireSchema {
 public:
  static const WireSchema& Get();

  const flatbuffers::Parser& parser() const { return parser_; }
  std::span<const WireOperation> operations() const { return operations_; }
  const WireOperation* FindOperation(std::string_view name) const;
  // A table by its unqualified name ("HitView"); nullptr when there is none.
  const flatbuffers::StructDef* Table(std::string_view name) const;
  // The table of a ResponseBody member (by its type number); nullptr for NONE or unknown.
  const flatbuffers::StructDef* ResponseTable(uint8_t type) const;

  // Builds a Request from its JSON text ({"id": 1, "body_type": ..., "body": {...}}) and
  // verifies it. False with *error (the Parser's message) when the JSON does not fit.
  bool ParseRequestJson(const std::string& json, std::vector<uint8_t>* buffer,
                        std::string* error) const;
  // Whether `json` is a `table` (its unqualified name); false with the Parser's message.
  bool CheckTableJson(const std::string& table, const std::string& json, std::string* error) const;

 private:
  WireSchema();
  flatbuffers::Parser parser_;
  std::vector<WireOperation> operations_;
};

// The doc comment of a definition, as one paragraph.
std::string DocOf(const flatbuffers::Definition& def);

}  // namespace hitd::ctl
