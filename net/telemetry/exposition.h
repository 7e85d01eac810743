// The Prometheus text exposition format, version 0.0.4: a writer of metric families.
//
//   family  = "# HELP " name " " help "\n" "# TYPE " name " " type "\n" sample*
//   sample  = name [ "{" label ("," label)* "}" ] " " value "\n"
//   label   = key "=\"" escaped-value "\""
//
// Every sample goes under its family's HELP and TYPE lines; a histogram's samples are
// name_bucket{le=...} (cumulative, ending with le="+Inf"), name_sum and name_count.
// Any thread (a value, used by one).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "net/telemetry/histogram.h"

namespace hitd::telemetry {

using Label = std::pair<std::string_view, std::string_view>;

class Exposition {
 public:
  // Opens a family: its HELP and TYPE lines ("counter", "gauge", "histogram").
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, double value, std::initializer_list<Label> labels = {});
  void Sample(std::string_view name, uint64_t value, std::initializer_list<Label> labels = {});
  void Sample(std::string_view name, int64_t value, std::initializer_list<Label> labels = {});
  // A whole histogram family.
  void HistogramFamily(std::string_view name, std::string_view help, const Histogram& h);

  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  void Name(std::string_view name, std::initializer_list<Label> labels);
  std::string text_;
};

// "0.25", "1e-05", "+Inf": how Prometheus reads a float.
std::string FormatDouble(double value);

}  // namespace hitd::telemetry
