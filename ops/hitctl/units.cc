// The leaves of request_options.h: dollars, seconds, times, locales, JSON strings.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ops/hitctl/request_options.h"

namespace hitd::ctl {
namespace {

// Digits only, 1 to max_digits of them.
bool ParseDigits(std::string_view text, size_t max_digits, int64_t* out) {
  if (text.empty() || text.size() > max_digits) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// A decimal number with at most `decimals` digits after the point, scaled by 10^decimals.
bool ParseFixed(std::string_view text, int decimals, int64_t* out) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac.empty()) return false;
  if (static_cast<int>(frac.size()) > decimals) return false;
  int64_t w = 0;
  int64_t f = 0;
  if (!ParseDigits(whole, 15, &w)) return false;
  if (!frac.empty() && !ParseDigits(frac, 3, &f)) return false;
  for (int i = static_cast<int>(frac.size()); i < decimals; ++i) f *= 10;
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  *out = (w * scale + f) * (negative ? -1 : 1);
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ParseIso(std::string_view t, int64_t* ms) {
  // YYYY-MM-DDTHH:MM:SS[.fff][Z]
  if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) t.remove_suffix(1);
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':') {
    return false;
  }
  int64_t y, mo, d, h, mi, s, frac = 0;
  if (!ParseDigits(t.substr(0, 4), 4, &y) || !ParseDigits(t.substr(5, 2), 2, &mo) ||
      !ParseDigits(t.substr(8, 2), 2, &d) || !ParseDigits(t.substr(11, 2), 2, &h) ||
      !ParseDigits(t.substr(14, 2), 2, &mi) || !ParseDigits(t.substr(17, 2), 2, &s)) {
    return false;
  }
  if (t.size() > 19) {
    std::string_view f = t.substr(19);
    if (f.front() != '.' || !ParseFixed("0" + std::string(f), 3, &frac)) return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  *ms = ((DaysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60'000 + s * 1000 + frac;
  return true;
}

}  // namespace

bool ParseDollars(std::string_view text, int64_t* cents) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  if (text.empty() || text.front() == '-' || !ParseFixed(text, 2, cents)) return false;
  if (negative) *cents = -*cents;
  return true;
}

bool ParseSeconds(std::string_view text, int64_t* ms) { return ParseFixed(text, 3, ms); }

bool ParseTime(std::string_view text, int64_t now_ms, int64_t* ms) {
  if (text == "now") {
    *ms = now_ms;
    return true;
  }
  if (!text.empty() && text.front() == '+') {
    int64_t delta = 0;
    if (!ParseSeconds(text.substr(1), &delta)) return false;
    *ms = now_ms + delta;
    return true;
  }
  int64_t seconds = 0;
  if (ParseDigits(text, 12, &seconds)) {
    *ms = seconds * 1000;
    return true;
  }
  return ParseIso(text, ms);
}

bool ParseLocale(std::string_view text, uint64_t* packed) {
  // US or US-CA: the packing of schemas/entities.fbs.
  if (text.size() != 2 && (text.size() < 4 || text.size() > 6 || text[2] != '-')) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (c < 'A' || c > 'Z') return false;
    v |= static_cast<uint64_t>(c) << (8 * i);
  }
  for (size_t i = 3; i < text.size(); ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    v |= static_cast<uint64_t>(c) << (8 * (i - 1));
  }
  *packed = v;
  return true;
}

std::string FormatLocale(uint64_t packed) {
  std::string out;
  for (int i = 0; i < 5; ++i) {
    const char c = static_cast<char>((packed >> (8 * i)) & 0xff);
    if (c == 0) continue;
    if (i == 2) out += '-';
    out += c;
  }
  return out;
}

std::string FormatDollars(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s$%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(abs / 100),
                static_cast<unsigned long long>(abs % 100));
  return buf;
}

std::string FormatTime(int64_t ms) {
  // civil_from_days (Howard Hinnant), UTC.
  int64_t days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
  const int64_t rem = ms - days * 86'400'000;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3'600'000), static_cast<long long>(rem / 60'000 % 60),
                static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  return buf;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string Kebab(std::string_view snake) {
  std::string out(snake);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace hitd::ctl
