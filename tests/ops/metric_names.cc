#include "tests/ops/metric_names.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <cctype>
#include <regex>
#include <sstream>

namespace hitd::ops_test {

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t Indent(const std::string& line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string::npos ? line.size() : first;
}

std::string Unquote(std::string value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.pop_back();
  }
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

// The values of `key:` in a YAML file, a block scalar ("|", ">") joined by newlines.
std::vector<std::string> YamlValues(const std::string& yaml, const std::string& key) {
  const std::regex start("^( *)(- )?" + key + ":[ ]*(.*)$");
  const std::vector<std::string> lines = Lines(yaml);
  std::vector<std::string> values;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_match(lines[i], m, start)) continue;
    const std::string first = m[3].str();
    if (first.empty() || first[0] == '|' || first[0] == '>') {
      const size_t indent = Indent(lines[i]);
      std::string block;
      for (size_t j = i + 1; j < lines.size(); ++j) {
        const bool blank = lines[j].find_first_not_of(' ') == std::string::npos;
        if (!blank && Indent(lines[j]) <= indent) break;
        block += lines[j] + "\n";
        i = j;
      }
      values.push_back(block);
    } else {
      values.push_back(Unquote(first));
    }
  }
  return values;
}

void CollectExprs(const boost::property_tree::ptree& node, std::vector<std::string>* exprs) {
  for (const auto& [key, child] : node) {
    if (key == "expr" && child.empty()) {
      exprs->push_back(child.data());
    } else {
      CollectExprs(child, exprs);
    }
  }
}

}  // namespace

Families DocumentedFamilies(const std::string& markdown) {
  static const std::regex kRow(R"(^\| *`(hitd_[a-z0-9_]+)` *\| *([a-z]+) *\|)");
  Families families;
  for (const std::string& line : Lines(markdown)) {
    std::smatch m;
    if (std::regex_search(line, m, kRow)) families[m[1].str()] = m[2].str();
  }
  return families;
}

Families ExposedFamilies(const std::string& exposition) {
  static const std::regex kType(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) ([a-z]+)\s*$)");
  Families families;
  for (const std::string& line : Lines(exposition)) {
    std::smatch m;
    if (std::regex_match(line, m, kType)) families[m[1].str()] = m[2].str();
  }
  return families;
}

std::set<std::string> ExposedSamples(const std::string& exposition) {
  static const std::regex kSample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ])");
  std::set<std::string> names;
  for (const std::string& line : Lines(exposition)) {
    std::smatch m;
    if (std::regex_search(line, m, kSample)) names.insert(m[1].str());
  }
  return names;
}

bool DashboardExprs(const std::string& json, std::vector<std::string>* exprs, std::string* error) {
  boost::property_tree::ptree tree;
  std::istringstream in(json);
  try {
    boost::property_tree::read_json(in, tree);
  } catch (const boost::property_tree::json_parser_error& e) {
    *error = e.what();
    return false;
  }
  CollectExprs(tree, exprs);
  return true;
}

std::vector<std::string> RuleExprs(const std::string& yaml) { return YamlValues(yaml, "expr"); }

std::vector<std::string> RunbookUrls(const std::string& yaml) {
  return YamlValues(yaml, "runbook_url");
}

std::set<std::string> MarkdownAnchors(const std::string& markdown) {
  static const std::regex kHeading(R"(^#{1,6} +(.*)$)");
  std::set<std::string> anchors;
  bool in_code = false;
  for (const std::string& line : Lines(markdown)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    std::smatch m;
    if (in_code || !std::regex_match(line, m, kHeading)) continue;
    std::string anchor;
    for (const unsigned char c : m[1].str()) {
      if (std::isalnum(c) || c == '_' || c == '-') {
        anchor += static_cast<char>(std::tolower(c));
      } else if (c == ' ') {
        anchor += '-';
      }
    }
    anchors.insert(anchor);
  }
  return anchors;
}

std::set<std::string> HitdNames(const std::string& expr) {
  static const std::regex kName(R"(\bhitd_[a-z0-9_]+)");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(expr.begin(), expr.end(), kName);
       it != std::sregex_iterator(); ++it) {
    names.insert(it->str());
  }
  return names;
}

std::string FamilyOf(const std::string& used, const Families& families) {
  if (families.count(used) != 0) return used;
  for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
    if (used.size() <= suffix.size() || !used.ends_with(suffix)) continue;
    const std::string base = used.substr(0, used.size() - suffix.size());
    const auto it = families.find(base);
    if (it != families.end() && it->second == "histogram") return base;
  }
  return "";
}

}  // namespace hitd::ops_test
