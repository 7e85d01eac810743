// The renderings of value_tree.h: JSON, text for people, and one-line text.
#include <algorithm>

#include "ops/hitctl/request_options.h"
#include "ops/hitctl/value_tree.h"

namespace hitd::ctl {
namespace {

std::string FormatDuration(int64_t ms) {
  if (ms != 0 && ms % 86'400'000 == 0) return std::to_string(ms / 86'400'000) + "d";
  if (ms != 0 && ms % 3'600'000 == 0) return std::to_string(ms / 3'600'000) + "h";
  if (ms != 0 && ms % 60'000 == 0) return std::to_string(ms / 60'000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

std::string IntText(const Node& n) {
  return n.is_unsigned ? std::to_string(static_cast<uint64_t>(n.i)) : std::to_string(n.i);
}

// A scalar (or a list of scalars) as people read it.
std::string ScalarText(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull:
      return "-";
    case Node::Kind::kBool:
      return n.i ? "true" : "false";
    case Node::Kind::kString:
    case Node::Kind::kEnum:
      return n.s;
    case Node::Kind::kInt:
      switch (n.unit) {
        case Unit::kCents:
          return FormatDollars(n.i);
        case Unit::kTimeMs:
          return n.i == 0 ? "-" : FormatTime(n.i);
        case Unit::kDurationMs:
          return FormatDuration(n.i);
        case Unit::kLocale:
          return n.i == 0 ? "-" : FormatLocale(static_cast<uint64_t>(n.i));
        case Unit::kNone:
          return IntText(n);
      }
      return IntText(n);
    case Node::Kind::kArray: {
      if (n.items.empty()) return "(none)";
      std::string out;
      for (const Node& item : n.items) out += (out.empty() ? "" : ", ") + ScalarText(item);
      return out;
    }
    case Node::Kind::kObject:
      return "";
  }
  return "";
}

bool IsInline(const Node& n) {
  if (n.kind == Node::Kind::kObject) return false;
  if (n.kind == Node::Kind::kString) return n.s.find('\n') == std::string::npos;
  if (n.kind != Node::Kind::kArray) return true;
  return n.items.empty() || n.items.front().kind != Node::Kind::kObject;
}

// The name people read: the unit suffix goes, the value says it ($, a date, 3d).
std::string DisplayKey(const std::string& key, const Node& n) {
  Unit unit = n.unit;
  if (n.kind == Node::Kind::kArray && !n.items.empty()) unit = n.items.front().unit;
  const std::string suffix = unit == Unit::kCents                                 ? "_cents"
                             : unit == Unit::kTimeMs || unit == Unit::kDurationMs ? "_ms"
                                                                                  : "";
  if (!suffix.empty() && key.size() > suffix.size() && key.ends_with(suffix)) {
    return key.substr(0, key.size() - suffix.size());
  }
  return key;
}

void AppendText(const Node& n, size_t indent, std::string* out) {
  const std::string pad(indent, ' ');
  size_t width = 0;
  for (const auto& [k, v] : n.members) {
    if (IsInline(v)) width = std::max(width, DisplayKey(k, v).size());
  }
  for (const auto& [k, v] : n.members) {
    const std::string key = DisplayKey(k, v);
    if (IsInline(v)) {
      const std::string value = ScalarText(v);
      *out += pad + key + ":" + (value.empty() ? "" : std::string(width - key.size() + 1, ' ')) +
              value + "\n";
    } else if (v.kind == Node::Kind::kString) {
      *out += pad + key + ": |\n";
      size_t start = 0;
      while (start < v.s.size()) {
        size_t end = v.s.find('\n', start);
        if (end == std::string::npos) end = v.s.size();
        *out += pad + "  " + v.s.substr(start, end - start) + "\n";
        start = end + 1;
      }
    } else if (v.kind == Node::Kind::kObject) {
      *out += pad + key + ":\n";
      AppendText(v, indent + 2, out);
    } else {
      *out += pad + key + ":\n";
      for (const Node& item : v.items) {
        std::string text;
        AppendText(item, indent + 4, &text);
        if (text.size() > indent + 2) text[indent + 2] = '-';
        *out += text;
      }
    }
  }
}

}  // namespace

std::string ToJson(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kBool:
      return n.i ? "true" : "false";
    case Node::Kind::kInt:
      return IntText(n);
    case Node::Kind::kString:
    case Node::Kind::kEnum:
      return JsonString(n.s);
    case Node::Kind::kArray: {
      std::string out = "[";
      for (const Node& item : n.items) out += (out.size() > 1 ? "," : "") + ToJson(item);
      return out + "]";
    }
    case Node::Kind::kObject: {
      std::string out = "{";
      for (const auto& [k, v] : n.members) {
        out += (out.size() > 1 ? "," : "") + JsonString(k) + ":" + ToJson(v);
      }
      return out + "}";
    }
  }
  return "null";
}

std::string ToText(const Node& n) {
  if (n.kind != Node::Kind::kObject) return ScalarText(n) + "\n";
  if (n.members.empty()) return "OK\n";
  std::string out;
  AppendText(n, 0, &out);
  return out;
}

std::string ToLine(const Node& n) {
  std::string out;
  for (const auto& [k, v] : n.members) {
    const bool zero = v.kind == Node::Kind::kNull || (v.kind == Node::Kind::kInt && v.i == 0) ||
                      (v.kind == Node::Kind::kBool && v.i == 0) ||
                      (v.kind == Node::Kind::kString && v.s.empty()) ||
                      (v.kind == Node::Kind::kArray && v.items.empty());
    if (zero || v.kind == Node::Kind::kObject) continue;
    out += (out.empty() ? "" : " ") + DisplayKey(k, v) + "=" + ScalarText(v);
  }
  return out;
}

}  // namespace hitd::ctl
