#include "net/telemetry/exposition.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace hitd::telemetry {

std::string FormatDouble(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<int64_t>(value));  // integers as integers: "10"
  }
  char buffer[32];
  const int n = std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  // Prefer the shortest form that reads back the same value.
  for (int precision = 1; precision < 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof(shorter), "%.*g", precision, value);
    if (std::strtod(shorter, nullptr) == value) return shorter;
  }
  return std::string(buffer, static_cast<size_t>(n));
}

void Exposition::Family(std::string_view name, std::string_view type, std::string_view help) {
  text_.append("# HELP ").append(name).append(" ").append(help).append("\n");
  text_.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Exposition::Name(std::string_view name, std::initializer_list<Label> labels) {
  text_.append(name);
  if (labels.size() == 0) return;
  text_.push_back('{');
  bool first = true;
  for (const auto& [key, value] : labels) {
    if (!first) text_.push_back(',');
    first = false;
    text_.append(key).append("=\"");
    for (char c : value) {
      if (c == '\\' || c == '"') text_.push_back('\\');
      if (c == '\n') {
        text_.append("\\n");
        continue;
      }
      text_.push_back(c);
    }
    text_.push_back('"');
  }
  text_.push_back('}');
}

void Exposition::Sample(std::string_view name, double value, std::initializer_list<Label> labels) {
  Name(name, labels);
  text_.append(" ").append(FormatDouble(value)).append("\n");
}

void Exposition::Sample(std::string_view name, uint64_t value,
                        std::initializer_list<Label> labels) {
  Name(name, labels);
  text_.append(" ").append(std::to_string(value)).append("\n");
}

void Exposition::Sample(std::string_view name, int64_t value, std::initializer_list<Label> labels) {
  Name(name, labels);
  text_.append(" ").append(std::to_string(value)).append("\n");
}

void Exposition::HistogramFamily(std::string_view name, std::string_view help, const Histogram& h) {
  Family(name, "histogram", help);
  const Histogram::Snapshot s = h.Read();
  const std::string bucket = std::string(name) + "_bucket";
  for (size_t i = 0; i < s.cumulative.size(); ++i) {
    const std::string le = i < s.bounds.size() ? FormatDouble(s.bounds[i]) : "+Inf";
    Sample(bucket, s.cumulative[i], {{"le", le}});
  }
  Sample(std::string(name) + "_sum", s.sum);
  Sample(std::string(name) + "_count", s.count);
}

}  // namespace hitd::telemetry
