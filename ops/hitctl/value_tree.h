// A reply as a tree of named values, read from any FlatBuffers table with the schema's
// reflection (wire_schema.h), and its two renderings: JSON (one object, snake_case field
// names as in the schema, money as integer cents, times as integer milliseconds, enums
// by name) and text for people (aligned `key: value` lines, money as $1.23, times in
// UTC, nested values indented, units dropped from the names).
//
// Pure functions on values: any thread may call them.
#pragma once

#include <flatbuffers/idl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ops/hitctl/wire_schema.h"

namespace hitd::ctl {

struct Node {
  enum class Kind : uint8_t { kNull, kBool, kInt, kString, kEnum, kArray, kObject };
  Kind kind = Kind::kNull;
  Unit unit = Unit::kNone;  // for kInt
  bool is_unsigned = false;
  int64_t i = 0;                                      // kBool (0/1), kInt
  std::string s;                                      // kString, kEnum
  std::vector<Node> items;                            // kArray
  std::vector<std::pair<std::string, Node>> members;  // kObject

  static Node Int(int64_t v, Unit unit = Unit::kNone);
  static Node Str(std::string v);
  static Node Object();
  Node& Add(std::string key, Node value);  // kObject: appends a member, returns it
  const Node* Find(std::string_view key) const;
};

// Reads a table (nullptr: null) with its definition.
Node TableNode(const flatbuffers::Table* table, const flatbuffers::StructDef& def);

std::string ToJson(const Node& node);  // compact, one line, no newline
std::string ToText(const Node& node);  // lines, each ending in a newline
std::string ToLine(const Node& node);  // one line: key=value for non-zero members

}  // namespace hitd::ctl
