// Strong types for ids, money and time, shared by every part of hitd.
//
// Ids are 64-bit and allocated by the engine in sequence, starting at 1 for each kind;
// 0 means "none". Money is an integer number of cents; time is integer milliseconds
// since the Unix epoch. None of these convert implicitly to one another, so a worker id
// can never be passed where a HIT id is expected, nor cents where milliseconds are.
// Plain value types: any thread may hold them.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace hitd::engine {

template <typename Tag>
struct StrongId {
  uint64_t value = 0;

  constexpr StrongId() = default;
  constexpr explicit StrongId(uint64_t v) : value(v) {}
  constexpr bool valid() const { return value != 0; }
  constexpr explicit operator bool() const { return value != 0; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

struct AccountTag;
struct QualTypeTag;
struct QualRequestTag;
struct HitTypeTag;
struct HitTag;
struct AssignmentTag;
struct BonusTag;

// Every account (admin, requester, worker) shares one id space; WorkerId and
// RequesterId name the role a field expects, for the reader.
using AccountId = StrongId<AccountTag>;
using WorkerId = AccountId;
using RequesterId = AccountId;
using QualTypeId = StrongId<QualTypeTag>;
using QualRequestId = StrongId<QualRequestTag>;
using HitTypeId = StrongId<HitTypeTag>;
using HitId = StrongId<HitTag>;
using AssignmentId = StrongId<AssignmentTag>;
using BonusId = StrongId<BonusTag>;

// Money in cents. Arithmetic is plain int64; the limits in limits.h keep every sum the
// engine can form far below overflow, which the engine asserts where it adds.
struct Cents {
  int64_t value = 0;

  constexpr Cents() = default;
  constexpr explicit Cents(int64_t v) : value(v) {}
  friend constexpr auto operator<=>(Cents, Cents) = default;
  friend constexpr Cents operator+(Cents a, Cents b) { return Cents(a.value + b.value); }
  friend constexpr Cents operator-(Cents a, Cents b) { return Cents(a.value - b.value); }
  friend constexpr Cents operator*(Cents a, int64_t n) { return Cents(a.value * n); }
  constexpr Cents& operator+=(Cents o) {
    value += o.value;
    return *this;
  }
  constexpr Cents& operator-=(Cents o) {
    value -= o.value;
    return *this;
  }
};

// A point in time, or a duration, in milliseconds.
struct TimeMs {
  int64_t value = 0;

  constexpr TimeMs() = default;
  constexpr explicit TimeMs(int64_t v) : value(v) {}
  friend constexpr auto operator<=>(TimeMs, TimeMs) = default;
  friend constexpr TimeMs operator+(TimeMs a, TimeMs b) { return TimeMs(a.value + b.value); }
  friend constexpr TimeMs operator-(TimeMs a, TimeMs b) { return TimeMs(a.value - b.value); }
};

constexpr TimeMs Seconds(int64_t s) { return TimeMs(s * 1000); }
constexpr TimeMs Days(int64_t d) { return TimeMs(d * 86'400'000); }

// ISO 3166 locale: a two-letter country and an optional subdivision of up to three
// letters or digits ("US", "US-NY"). Packed so that it compares and hashes as one word.
struct Locale {
  char country[2] = {0, 0};
  char subdivision[3] = {0, 0, 0};

  constexpr bool empty() const { return country[0] == 0; }
  constexpr bool has_subdivision() const { return subdivision[0] != 0; }
  friend constexpr bool operator==(const Locale&, const Locale&) = default;
};

}  // namespace hitd::engine

template <typename Tag>
struct std::hash<hitd::engine::StrongId<Tag>> {
  size_t operator()(hitd::engine::StrongId<Tag> id) const noexcept {
    return std::hash<uint64_t>{}(id.value);
  }
};
