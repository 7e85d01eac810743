// Test helpers that walk a plain struct's fields without naming them, so that the codec
// tests compare whole engine values field by field (engine commands have no operator==)
// and check that a sample sets every field, including fields added after the test was
// written.
//
// A "walkable" struct is an aggregate (no constructors, no base classes, at most 24
// fields); its fields are found with the brace-initialisation count and structured
// bindings. Leaves are what compares with == and is not walked: scalars, enums, strings,
// ids, money, time and locales. Containers (vector, optional, variant) are walked.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "engine/types.h"

namespace hitd::net::testing {

// Converts to anything: counts an aggregate's fields by brace-initialising it.
struct AnyField {
  template <typename T>
  operator T() const;  // never defined: used only in unevaluated requires-expressions
};

template <typename T, size_t... I>
constexpr bool BraceInitializable(std::index_sequence<I...>) {
  return requires { T{((void)I, AnyField{})...}; };
}

// The number of fields of aggregate T: the most initialisers T{...} accepts.
template <typename T, size_t N = 0>
constexpr size_t FieldCount() {
  if constexpr (N > 24) {
    static_assert(N <= 24, "more fields than Fields() can bind");
    return 0;
  } else if constexpr (BraceInitializable<T>(std::make_index_sequence<N + 1>{})) {
    return FieldCount<T, N + 1>();
  } else {
    return N;
  }
}

// A tuple of references to the fields of aggregate T, in declaration order.
template <typename T>
auto Fields(T& v) {
  constexpr size_t n = FieldCount<std::remove_const_t<T>>();
  if constexpr (n == 0) {
    return std::tie();
  } else if constexpr (n == 1) {
    auto& [f0] = v;
    return std::tie(f0);
  } else if constexpr (n == 2) {
    auto& [f0, f1] = v;
    return std::tie(f0, f1);
  } else if constexpr (n == 3) {
    auto& [f0, f1, f2] = v;
    return std::tie(f0, f1, f2);
  } else if constexpr (n == 4) {
    auto& [f0, f1, f2, f3] = v;
    return std::tie(f0, f1, f2, f3);
  } else if constexpr (n == 5) {
    auto& [f0, f1, f2, f3, f4] = v;
    return std::tie(f0, f1, f2, f3, f4);
  } else if constexpr (n == 6) {
    auto& [f0, f1, f2, f3, f4, f5] = v;
    return std::tie(f0, f1, f2, f3, f4, f5);
  } else if constexpr (n == 7) {
    auto& [f0, f1, f2, f3, f4, f5, f6] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6);
  } else if constexpr (n == 8) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7);
  } else if constexpr (n == 9) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8);
  } else if constexpr (n == 10) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9);
  } else if constexpr (n == 11) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10);
  } else if constexpr (n == 12) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11);
  } else if constexpr (n == 13) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
  } else if constexpr (n == 14) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13);
  } else if constexpr (n == 15) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14);
  } else if constexpr (n == 16) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15);
  } else if constexpr (n == 17) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16);
  } else if constexpr (n == 18) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17);
  } else if constexpr (n == 19) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18);
  } else if constexpr (n == 20) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18,
           f19] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18, f19);
  } else if constexpr (n == 21) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
           f20] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18, f19, f20);
  } else if constexpr (n == 22) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
           f20, f21] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18, f19, f20, f21);
  } else if constexpr (n == 23) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
           f20, f21, f22] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18, f19, f20, f21, f22);
  } else if constexpr (n == 24) {
    auto& [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
           f20, f21, f22, f23] = v;
    return std::tie(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                    f18, f19, f20, f21, f22, f23);
  }
}

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVariant : std::false_type {};
template <typename... T>
struct IsVariant<std::variant<T...>> : std::true_type {};
template <typename T>
struct IsStrongId : std::false_type {};
template <typename Tag>
struct IsStrongId<engine::StrongId<Tag>> : std::true_type {};

template <typename T>
constexpr bool kIsLeaf =
    std::is_arithmetic_v<T> || std::is_enum_v<T> || std::is_same_v<T, std::string> ||
    std::is_same_v<T, std::string_view> || std::is_same_v<T, engine::Cents> ||
    std::is_same_v<T, engine::TimeMs> || std::is_same_v<T, engine::Locale> || IsStrongId<T>::value;

// Appends to `out` the path of every leaf where a and b differ (and of every container
// whose shape differs).
template <typename T>
void Differences(const T& a, const T& b, const std::string& path, std::vector<std::string>* out) {
  if constexpr (kIsLeaf<T>) {
    if (!(a == b)) out->push_back(path);
  } else if constexpr (IsVector<T>::value) {
    if (a.size() != b.size()) return out->push_back(path + ".size");
    for (size_t i = 0; i < a.size(); ++i) {
      Differences(a[i], b[i], path + "[" + std::to_string(i) + "]", out);
    }
  } else if constexpr (IsOptional<T>::value) {
    if (a.has_value() != b.has_value()) return out->push_back(path + ".has_value");
    if (a) Differences(*a, *b, path, out);
  } else if constexpr (IsVariant<T>::value) {
    if (a.index() != b.index()) return out->push_back(path + ".index");
    std::visit(
        [&](const auto& x) { Differences(x, std::get<std::decay_t<decltype(x)>>(b), path, out); },
        a);
  } else {
    static_assert(std::is_aggregate_v<T>, "neither a leaf, a container nor an aggregate");
    auto fa = Fields(a);
    auto fb = Fields(b);
    [&]<size_t... I>(std::index_sequence<I...>) {
      (Differences(std::get<I>(fa), std::get<I>(fb), path + "." + std::to_string(I), out), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<decltype(fa)>>{});
  }
}

template <typename T>
std::vector<std::string> Differences(const T& a, const T& b) {
  std::vector<std::string> out;
  Differences(a, b, "", &out);
  return out;
}

// Appends to `out` the path of every leaf of v that equals the same leaf of `defaults`
// (a default-constructed value, so a struct's default member initialisers count), every
// empty vector and every empty optional: what a sample leaves unset.
template <typename T>
void Unset(const T& v, const T& defaults, const std::string& path, std::vector<std::string>* out) {
  if constexpr (kIsLeaf<T>) {
    if (v == defaults) out->push_back(path);
  } else if constexpr (IsVector<T>::value) {
    if (v.empty()) return out->push_back(path + " (empty)");
    for (size_t i = 0; i < v.size(); ++i) {
      Unset(v[i], typename T::value_type{}, path + "[" + std::to_string(i) + "]", out);
    }
  } else if constexpr (IsOptional<T>::value) {
    if (!v) return out->push_back(path + " (nullopt)");
    Unset(*v, typename T::value_type{}, path, out);
  } else if constexpr (IsVariant<T>::value) {
    std::visit([&](const auto& x) { Unset(x, std::decay_t<decltype(x)>{}, path, out); }, v);
  } else {
    static_assert(std::is_aggregate_v<T>, "neither a leaf, a container nor an aggregate");
    auto fv = Fields(v);
    auto fd = Fields(defaults);
    [&]<size_t... I>(std::index_sequence<I...>) {
      (Unset(std::get<I>(fv), std::get<I>(fd), path + "." + std::to_string(I), out), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<decltype(fv)>>{});
  }
}

template <typename T>
std::vector<std::string> Unset(const T& v) {
  std::vector<std::string> out;
  Unset(v, T{}, "", &out);
  return out;
}

}  // namespace hitd::net::testing
