#include "ops/hitctl/value_tree.h"

#include <cstdlib>

#include "ops/hitctl/request_options.h"

namespace hitd::ctl {
namespace {

using flatbuffers::BaseType;

int64_t ReadScalar(const uint8_t* p, BaseType type, bool* is_unsigned) {
  *is_unsigned = flatbuffers::IsUnsigned(type);
  switch (type) {
    case flatbuffers::BASE_TYPE_BOOL:
    case flatbuffers::BASE_TYPE_UTYPE:
    case flatbuffers::BASE_TYPE_UCHAR:
      return flatbuffers::ReadScalar<uint8_t>(p);
    case flatbuffers::BASE_TYPE_CHAR:
      return flatbuffers::ReadScalar<int8_t>(p);
    case flatbuffers::BASE_TYPE_SHORT:
      return flatbuffers::ReadScalar<int16_t>(p);
    case flatbuffers::BASE_TYPE_USHORT:
      return flatbuffers::ReadScalar<uint16_t>(p);
    case flatbuffers::BASE_TYPE_INT:
      return flatbuffers::ReadScalar<int32_t>(p);
    case flatbuffers::BASE_TYPE_UINT:
      return flatbuffers::ReadScalar<uint32_t>(p);
    case flatbuffers::BASE_TYPE_LONG:
      return flatbuffers::ReadScalar<int64_t>(p);
    case flatbuffers::BASE_TYPE_ULONG:
      return static_cast<int64_t>(flatbuffers::ReadScalar<uint64_t>(p));
    default:
      return 0;  // floats: none in the wire schema
  }
}

Node ScalarNode(int64_t v, bool is_unsigned, const flatbuffers::Type& type,
                const flatbuffers::FieldDef& f) {
  if (type.base_type == flatbuffers::BASE_TYPE_BOOL) {
    Node n;
    n.kind = Node::Kind::kBool;
    n.i = v != 0;
    return n;
  }
  if (type.enum_def != nullptr) {
    const flatbuffers::EnumVal* val = type.enum_def->ReverseLookup(v, false);
    if (val != nullptr) {
      Node n = Node::Str(val->name);
      n.kind = Node::Kind::kEnum;
      return n;
    }
  }
  Node n = Node::Int(v, UnitOf(f));
  n.is_unsigned = is_unsigned;
  return n;
}

Node VectorNode(const flatbuffers::Table* table, const flatbuffers::FieldDef& f) {
  Node n;
  n.kind = Node::Kind::kArray;
  const auto* vec = table->GetPointer<const flatbuffers::Vector<uint8_t>*>(f.value.offset);
  if (vec == nullptr) return n;
  const flatbuffers::Type element = f.value.type.VectorType();
  const uint8_t* data = vec->Data();
  for (flatbuffers::uoffset_t i = 0; i < vec->size(); ++i) {
    if (flatbuffers::IsTable(element)) {
      const auto* offsets =
          reinterpret_cast<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::Table>>*>(
              vec);
      n.items.push_back(TableNode(offsets->Get(i), *element.struct_def));
    } else if (flatbuffers::IsString(element)) {
      const auto* strings =
          reinterpret_cast<const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>*>(
              vec);
      n.items.push_back(Node::Str(strings->Get(i)->str()));
    } else {
      const size_t size = flatbuffers::SizeOf(element.base_type);
      bool is_unsigned = false;
      const int64_t v = ReadScalar(data + i * size, element.base_type, &is_unsigned);
      n.items.push_back(ScalarNode(v, is_unsigned, element, f));
    }
  }
  return n;
}

Node FieldNode(const flatbuffers::Table* table, const flatbuffers::StructDef& def,
               const flatbuffers::FieldDef& f) {
  const flatbuffers::Type& type = f.value.type;
  const flatbuffers::voffset_t at = f.value.offset;
  if (flatbuffers::IsVector(type)) return VectorNode(table, f);
  if (flatbuffers::IsString(type)) {
    const auto* s = table->GetPointer<const flatbuffers::String*>(at);
    return Node::Str(s == nullptr ? "" : s->str());
  }
  if (flatbuffers::IsTable(type)) {
    return TableNode(table->GetPointer<const flatbuffers::Table*>(at), *type.struct_def);
  }
  if (type.base_type == flatbuffers::BASE_TYPE_UNION) {
    const flatbuffers::FieldDef* tf = def.fields.Lookup(f.name + "_type");
    const int64_t member = tf == nullptr ? 0 : table->GetField<uint8_t>(tf->value.offset, 0);
    const flatbuffers::EnumVal* val = type.enum_def->ReverseLookup(member, false);
    if (val == nullptr || val->union_type.struct_def == nullptr) return Node{};
    return TableNode(table->GetPointer<const flatbuffers::Table*>(at), *val->union_type.struct_def);
  }
  bool is_unsigned = flatbuffers::IsUnsigned(type.base_type);
  if (!table->CheckField(at)) {
    if (f.IsOptional()) return Node{};
    const int64_t v =
        is_unsigned ? static_cast<int64_t>(std::strtoull(f.value.constant.c_str(), nullptr, 10))
                    : std::strtoll(f.value.constant.c_str(), nullptr, 10);
    return ScalarNode(v, is_unsigned, type, f);
  }
  const int64_t v = ReadScalar(table->GetAddressOf(at), type.base_type, &is_unsigned);
  return ScalarNode(v, is_unsigned, type, f);
}

}  // namespace

Node Node::Int(int64_t v, Unit unit) {
  Node n;
  n.kind = Kind::kInt;
  n.i = v;
  n.unit = unit;
  return n;
}

Node Node::Str(std::string v) {
  Node n;
  n.kind = Kind::kString;
  n.s = std::move(v);
  return n;
}

Node Node::Object() {
  Node n;
  n.kind = Kind::kObject;
  return n;
}

Node& Node::Add(std::string key, Node value) {
  members.emplace_back(std::move(key), std::move(value));
  return members.back().second;
}

const Node* Node::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

Node TableNode(const flatbuffers::Table* table, const flatbuffers::StructDef& def) {
  if (table == nullptr) return Node{};
  Node n = Node::Object();
  for (const flatbuffers::FieldDef* f : def.fields.vec) {
    if (f->deprecated) continue;
    n.Add(f->name, FieldNode(table, def, *f));
  }
  return n;
}

}  // namespace hitd::ctl
