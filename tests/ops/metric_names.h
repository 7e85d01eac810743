// The metric names the ops files use, and the ones docs/metrics.md promises and a /metrics
// scrape serves, so that the tests can hold each against the others.
//
// A name "used" is a series name as written in an expression: a histogram appears as
// NAME_bucket, NAME_sum or NAME_count, every other metric as its own name. Pure
// functions over text.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace hitd::ops_test {

// Metric family name -> type ("counter", "gauge", "histogram", ...).
using Families = std::map<std::string, std::string>;

// The `hitd_*` rows of docs/metrics.md's tables.
Families DocumentedFamilies(const std::string& markdown);
// The `# TYPE` lines of a Prometheus text exposition.
Families ExposedFamilies(const std::string& exposition);
// The names of the samples in an exposition (hitd_x_bucket, hitd_y), without labels.
std::set<std::string> ExposedSamples(const std::string& exposition);

// Every `expr` of a Grafana dashboard (each panel's targets, nested rows too); false
// with *error when the JSON does not parse.
bool DashboardExprs(const std::string& json, std::vector<std::string>* exprs, std::string* error);
// Every `expr:` of a Prometheus rules file, block scalars (`expr: |`) included.
std::vector<std::string> RuleExprs(const std::string& yaml);
// Every `runbook_url:` value of a Prometheus rules file.
std::vector<std::string> RunbookUrls(const std::string& yaml);
// The GitHub-style anchors of a Markdown file's headings ("## HitdDown" -> "hitddown").
std::set<std::string> MarkdownAnchors(const std::string& markdown);

// The hitd_* names an expression mentions.
std::set<std::string> HitdNames(const std::string& expr);
// The family a used name belongs to in `families` ("" when none): NAME itself, or
// NAME_bucket/_sum/_count of a histogram NAME.
std::string FamilyOf(const std::string& used, const Families& families);

}  // namespace hitd::ops_test
