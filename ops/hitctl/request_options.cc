#include "ops/hitctl/request_options.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "net/protocol/request_codec.h"

namespace hitd::ctl {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string StripSuffix(std::string_view s, std::string_view suffix) {
  return std::string(EndsWith(s, suffix) ? s.substr(0, s.size() - suffix.size()) : s);
}

// The options of one (non-table) field at `path`.
void AddFieldOptions(const flatbuffers::StructDef& parent, const flatbuffers::FieldDef& f,
                     std::vector<std::string> path, std::vector<OptionSpec>* out) {
  const flatbuffers::Type& type = f.value.type;
  const std::string base = Kebab(f.name);
  auto add = [&](std::string flag, OptionForm form) {
    out->push_back({std::move(flag), path, &f, form, &parent});
  };
  if (flatbuffers::IsVector(type)) {
    if (flatbuffers::IsTable(type.VectorType())) return add(base, OptionForm::kJson);
    if (type.element == flatbuffers::BASE_TYPE_UCHAR && type.enum_def == nullptr) {
      return add(base, OptionForm::kHex);
    }
    return add(base, OptionForm::kList);
  }
  if (flatbuffers::IsString(type)) return add(base, OptionForm::kText);
  if (flatbuffers::IsBool(type.base_type)) return add(base, OptionForm::kFlag);
  if (flatbuffers::IsEnum(type)) return add(base, OptionForm::kEnum);
  switch (UnitOf(f)) {
    case Unit::kCents:
      add(Kebab(StripSuffix(f.name, "_cents")), OptionForm::kDollars);
      return add(base, OptionForm::kCents);
    case Unit::kDurationMs:
      add(Kebab(StripSuffix(f.name, "_ms")) + "-in-seconds", OptionForm::kSeconds);
      return add(base, OptionForm::kMillis);
    case Unit::kTimeMs:
      add(Kebab(StripSuffix(f.name, "_ms")), OptionForm::kTime);
      return add(base, OptionForm::kMillis);
    case Unit::kLocale:
      return add(base, OptionForm::kLocale);
    case Unit::kNone:
      return add(base, OptionForm::kInteger);
  }
}

void CollectOptions(const flatbuffers::StructDef& table, const std::vector<std::string>& prefix,
                    std::vector<OptionSpec>* out) {
  for (const flatbuffers::FieldDef* f : table.fields.vec) {
    if (f->deprecated || f->value.type.base_type == flatbuffers::BASE_TYPE_UTYPE) continue;
    std::vector<std::string> path = prefix;
    path.push_back(f->name);
    if (flatbuffers::IsTable(f->value.type)) {
      out->push_back({Kebab(f->name), path, f, OptionForm::kJson, &table});
      std::vector<OptionSpec> inner;
      CollectOptions(*f->value.type.struct_def, path, &inner);
      for (OptionSpec& s : inner) {
        // A name the outer table already uses gets its table's name in front.
        for (const OptionSpec& o : *out) {
          if (o.flag == s.flag) {
            s.flag = Kebab(f->name) + "-" + s.flag;
            break;
          }
        }
        out->push_back(std::move(s));
      }
      continue;
    }
    AddFieldOptions(table, *f, path, out);
  }
}

// A JSON object built from options, keys in the order given.
struct JsonTree {
  std::vector<std::pair<std::string, std::string>> leaves;
  std::vector<std::pair<std::string, JsonTree>> children;

  std::string ToJson() const {
    std::string out = "{";
    for (const auto& [k, v] : leaves) out += (out.size() > 1 ? "," : "") + JsonString(k) + ":" + v;
    for (const auto& [k, c] : children) {
      out += (out.size() > 1 ? "," : "") + JsonString(k) + ":" + c.ToJson();
    }
    return out + "}";
  }
  bool HasLeaf(const std::string& key) const {
    for (const auto& l : leaves) {
      if (l.first == key) return true;
    }
    return false;
  }
  JsonTree* Child(const std::string& key, bool create) {
    for (auto& c : children) {
      if (c.first == key) return &c.second;
    }
    if (!create) return nullptr;
    children.emplace_back(key, JsonTree{});
    return &children.back().second;
  }
};

bool SetPath(JsonTree* tree, const std::vector<std::string>& path, std::string json,
             std::string* conflict) {
  JsonTree* node = tree;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (node->HasLeaf(path[i])) {
      *conflict = path[i];
      return false;
    }
    node = node->Child(path[i], true);
  }
  const std::string& key = path.back();
  if (node->HasLeaf(key) || node->Child(key, false) != nullptr) {
    *conflict = key;
    return false;
  }
  node->leaves.emplace_back(key, std::move(json));
  return true;
}

}  // namespace

std::vector<OptionSpec> OptionsOf(const flatbuffers::StructDef& table) {
  std::vector<OptionSpec> out;
  CollectOptions(table, {}, &out);
  // MTurk's name for a HIT type's requirements, next to hitd's.
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].flag == "requirements") {
      OptionSpec alias = out[i];
      alias.flag = "qualification-requirements";
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(alias));
      ++i;
    }
  }
  return out;
}

bool ParseOperationArgs(const flatbuffers::StructDef& table, std::span<const std::string> args,
                        std::span<const ExtraOption> extras, std::string_view positional,
                        int64_t now_ms, ParsedArgs* out, CliError* error) {
  const std::vector<OptionSpec> specs = OptionsOf(table);
  JsonTree tree;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> value;
    if (!arg.starts_with("--")) {
      if (positional.empty()) {
        *error = {"USAGE", "", "unexpected argument: " + arg};
        return false;
      }
      value = arg;
      arg = "--" + std::string(positional);
    }
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const std::string flag = arg.substr(2);
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& s : specs) {
      if (s.flag == flag) spec = &s;
    }
    const ExtraOption* extra = nullptr;
    for (const ExtraOption& e : extras) {
      if (e.flag == flag) extra = &e;
    }
    if (spec == nullptr && extra == nullptr) {
      *error = {"USAGE", "", "unknown option --" + flag};
      return false;
    }
    const bool takes_value = spec ? spec->form != OptionForm::kFlag : extra->takes_value;
    if (!value && takes_value) {
      if (i + 1 >= args.size()) {
        *error = {"USAGE", "", "--" + flag + " needs a value"};
        return false;
      }
      value = args[++i];
    }
    if (extra != nullptr) {
      out->extras[flag] = value.value_or("true");
      continue;
    }
    std::string json;
    if (!ConvertValue(*spec, value.value_or("true"), now_ms, &json, error)) return false;
    std::string conflict;
    if (!SetPath(&tree, spec->path, std::move(json), &conflict)) {
      *error = {"USAGE", conflict, "--" + flag + ": " + conflict + " is given twice"};
      return false;
    }
  }
  out->body_json = tree.ToJson();
  return true;
}

std::string OptionsForField(const flatbuffers::StructDef& table, std::string_view field) {
  const std::string head(field.substr(0, field.find('.')));
  std::string out;
  for (const OptionSpec& s : OptionsOf(table)) {
    const bool sets = std::find(s.path.begin(), s.path.end(), head) != s.path.end();
    if (sets) out += (out.empty() ? "--" : ", --") + s.flag;
  }
  return out;
}

bool BuildOperation(const WireOperation& op, const std::string& body_json, std::string_view token,
                    net::Operation* out, CliError* error) {
  std::string json = "{\"id\":1,";
  if (!token.empty()) json += "\"token\":" + JsonString(token) + ",";
  json += "\"body_type\":" + JsonString(op.member) + ",\"body\":" + body_json + "}";
  std::vector<uint8_t> buffer;
  std::string why;
  if (!WireSchema::Get().ParseRequestJson(json, &buffer, &why)) {
    *error = {"INVALID_ARGUMENT", "", why};
    return false;
  }
  const auto* request = flatbuffers::GetRoot<schema::Request>(buffer.data());
  const engine::Error e = net::DecodeRequest(*request, out);
  if (e.code != engine::ErrorCode::kOk) {
    *error = {std::string(engine::ErrorCodeName(e.code)), std::string(e.field),
              "refused before sending (the daemon would refuse it too)"};
    return false;
  }
  return true;
}

}  // namespace hitd::ctl
