// Qualification evaluation (eligibility.h): the built-in types, a worker's value for any
// type, and whether a worker meets a requirement.
//
// System types live at ids 1..9 (system_qual::*). Ids 10..99 are reserved for future
// system types: InitSystemQualTypes fills them with disposed placeholders so that
// qual_types stays indexed by id - 1 and the first requester-owned type gets id 100.
// A placeholder is an ordinary disposed record (owner 0, no name): every lookup already
// hides disposed types, so placeholders never show in lists or lookups, and they are
// never emitted to the Output (they are rebuilt at start-up, not stored).
#include <algorithm>
#include <cstdint>
#include <limits>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/limits.h"

namespace hitd::engine {

namespace {

constexpr const char* kSystemNames[system_qual::kCount] = {
    "PercentAssignmentsApproved",
    "PercentAssignmentsSubmitted",
    "PercentAssignmentsReturned",
    "PercentAssignmentsAbandoned",
    "PercentAssignmentsRejected",
    "NumberHITsApproved",
    "Locale",
    "Masters",
    "Adult",
};

constexpr const char* kSystemDescriptions[system_qual::kCount] = {
    "Percent of the worker's decided assignments that were approved",
    "Percent of the worker's accepted assignments that were submitted",
    "Percent of the worker's accepted assignments that were returned",
    "Percent of the worker's accepted assignments that were abandoned",
    "Percent of the worker's decided assignments that were rejected",
    "Number of the worker's assignments that were approved",
    "The worker's country and subdivision (ISO 3166)",
    "Workers who have shown excellence across a wide range of HITs",
    "Workers who have agreed to see adult content",
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ISO 3166: two capital letters, then an optional subdivision of one to three capital
// letters or digits, packed to the left (no hole before a set character).
bool IsValidLocale(const Locale& l) {
  if (!IsUpper(l.country[0]) || !IsUpper(l.country[1])) return false;
  bool ended = false;
  for (char c : l.subdivision) {
    if (c == 0) {
      ended = true;
    } else if (ended || !(IsUpper(c) || IsDigit(c))) {
      return false;
    }
  }
  return true;
}

// A locale value with a subdivision names exactly that subdivision; one without names the
// whole country (MTurk: "US" admits every US worker, "US-NY" only New York), which is
// LocaleListed's rule. EqualTo and NotEqualTo carry exactly one value.
bool MeetsLocale(const Account& worker, const QualificationRequirement& r) {
  if (worker.locale.empty()) return r.comparator == Comparator::kDoesNotExist;
  const bool listed = LocaleListed(r.locale_values, worker.locale);
  switch (r.comparator) {
    case Comparator::kExists:
      return true;
    case Comparator::kEqualTo:
    case Comparator::kIn:
      return listed;
    case Comparator::kNotEqualTo:
    case Comparator::kNotIn:
      return !r.locale_values.empty() && !listed;
    default:
      return false;  // numeric comparators never apply to a locale (ValidateRequirements)
  }
}

bool MeetsInteger(int32_t value, const QualificationRequirement& r) {
  const std::vector<int32_t>& v = r.integer_values;
  const bool in = std::find(v.begin(), v.end(), value) != v.end();
  switch (r.comparator) {
    case Comparator::kExists:
      return true;
    case Comparator::kDoesNotExist:
      return false;
    case Comparator::kIn:
      return in;
    case Comparator::kNotIn:
      return !in;
    default:
      break;
  }
  // The numeric comparators compare against the first value; a malformed requirement
  // without one (refused by ValidateRequirements) is met by nobody.
  if (v.empty()) return false;
  switch (r.comparator) {
    case Comparator::kLessThan:
      return value < v[0];
    case Comparator::kLessThanOrEqualTo:
      return value <= v[0];
    case Comparator::kGreaterThan:
      return value > v[0];
    case Comparator::kGreaterThanOrEqualTo:
      return value >= v[0];
    case Comparator::kEqualTo:
      return value == v[0];
    case Comparator::kNotEqualTo:
      return value != v[0];
    default:
      return false;
  }
}

bool IsNumericComparator(Comparator c) {
  return c >= Comparator::kLessThan && c <= Comparator::kNotEqualTo;
}

bool IsSetComparator(Comparator c) { return c == Comparator::kIn || c == Comparator::kNotIn; }

std::optional<Error> Invalid(std::string_view field) {
  return Error{ErrorCode::kInvalidArgument, field};
}

// The Locale type takes locale values and only the comparators MTurk allows with them.
std::optional<Error> ValidateLocaleShape(const QualificationRequirement& r) {
  const bool single =
      r.comparator == Comparator::kEqualTo || r.comparator == Comparator::kNotEqualTo;
  if (!single && !IsSetComparator(r.comparator)) return Invalid("requirements.comparator");
  if (!r.integer_values.empty()) return Invalid("requirements.integer_values");
  const size_t n = r.locale_values.size();
  if (n == 0 || n > (single ? 1 : limits::kRequirementLocaleValuesMax)) {
    return Invalid("requirements.locale_values");
  }
  for (const Locale& l : r.locale_values) {
    if (!IsValidLocale(l)) return Invalid("requirements.locale_values");
  }
  return std::nullopt;
}

std::optional<Error> ValidateIntegerShape(const QualificationRequirement& r) {
  if (!r.locale_values.empty()) return Invalid("requirements.locale_values");
  const size_t n = r.integer_values.size();
  if (IsNumericComparator(r.comparator)) {
    if (n != 1) return Invalid("requirements.integer_values");
  } else if (IsSetComparator(r.comparator)) {
    if (n == 0 || n > limits::kRequirementIntegerValuesMax) {
      return Invalid("requirements.integer_values");
    }
  } else if (n != 0) {  // Exists, DoesNotExist
    return Invalid("requirements.integer_values");
  }
  return std::nullopt;
}

std::optional<Error> ValidateRequirement(const State& s, AccountId requester,
                                         const QualificationRequirement& r) {
  const QualType* t = r.type.valid() && r.type.value <= s.qual_types.size()
                          ? &s.qual_types[r.type.value - 1]
                          : nullptr;
  if (t == nullptr || t->status == QualTypeStatus::kDisposed ||
      (t->owner.valid() && t->owner != requester)) {
    return Error{ErrorCode::kNotFound, "requirements.type"};
  }
  if (r.comparator < Comparator::kLessThan || r.comparator > Comparator::kNotIn) {
    return Invalid("requirements.comparator");
  }
  if (r.guard < ActionsGuarded::kAccept || r.guard > ActionsGuarded::kDiscoverPreviewAndAccept) {
    return Invalid("requirements.actions_guarded");
  }
  std::optional<Error> shape =
      r.type == system_qual::kLocale ? ValidateLocaleShape(r) : ValidateIntegerShape(r);
  if (shape) return shape;
  if (t->status != QualTypeStatus::kActive) {
    return Error{ErrorCode::kFailedPrecondition, "requirements.type"};
  }
  return std::nullopt;
}

}  // namespace

void InitSystemQualTypes(State& s) {
  HITD_CHECK(s.qual_types.empty());
  s.qual_types.reserve(system_qual::kFirstUserId - 1);
  for (uint64_t i = 0; i < system_qual::kCount; ++i) {
    QualType t;
    t.id = QualTypeId(i + 1);
    t.name = kSystemNames[i];
    t.description = kSystemDescriptions[i];
    s.qual_types.push_back(std::move(t));
  }
  for (uint64_t id = system_qual::kCount + 1; id < system_qual::kFirstUserId; ++id) {
    QualType placeholder;
    placeholder.id = QualTypeId(id);
    placeholder.status = QualTypeStatus::kDisposed;
    s.qual_types.push_back(std::move(placeholder));
  }
  HITD_CHECK(s.qual_types.size() == system_qual::kFirstUserId - 1);
  HITD_CHECK(s.qual_types[system_qual::kLocale.value - 1].name == "Locale");
}

std::optional<int32_t> QualValue(const State& s, const Account& worker, QualTypeId type) {
  const WorkerCounters& c = worker.counters;
  switch (type.value) {
    case system_qual::kPercentApproved.value:
      return PercentApproved(c);
    case system_qual::kPercentSubmitted.value:
      return PercentSubmitted(c);
    case system_qual::kPercentReturned.value:
      return PercentReturned(c);
    case system_qual::kPercentAbandoned.value:
      return PercentAbandoned(c);
    case system_qual::kPercentRejected.value:
      return PercentRejected(c);
    case system_qual::kNumberHitsApproved.value:
      return static_cast<int32_t>(
          std::min<uint32_t>(c.approved, std::numeric_limits<int32_t>::max()));
    case system_qual::kLocale.value:
      return std::nullopt;  // a locale, not an integer: see MeetsRequirement
    default:
      break;
  }
  // Masters, Adult and requester-owned types: the worker's grants, sorted by type.
  if (!worker.id.valid() || worker.id.value > s.account_states.size()) return std::nullopt;
  const std::vector<GrantSlot>& grants = s.account_states[worker.id.value - 1].grants;
  auto it = std::lower_bound(grants.begin(), grants.end(), type.value,
                             [](const GrantSlot& g, uint64_t t) { return g.type < t; });
  if (it == grants.end() || it->type != type.value) return std::nullopt;
  return it->value;
}

bool MeetsRequirement(const State& s, const Account& worker,
                      const QualificationRequirement& requirement) {
  if (requirement.type == system_qual::kLocale) return MeetsLocale(worker, requirement);
  std::optional<int32_t> value = QualValue(s, worker, requirement.type);
  if (!value) return requirement.comparator == Comparator::kDoesNotExist;
  return MeetsInteger(*value, requirement);
}

// A requirement guards its own action and every less restrictive one: the ActionsGuarded
// enum is ordered Accept < PreviewAndAccept < DiscoverPreviewAndAccept, so the action
// "discover" is guarded only by DiscoverPreviewAndAccept and "accept" by all of them.
bool MeetsRequirements(const State& s, const Account& worker,
                       const std::vector<QualificationRequirement>& requirements,
                       ActionsGuarded action) {
  for (const QualificationRequirement& r : requirements) {
    if (r.guard >= action && !MeetsRequirement(s, worker, r)) return false;
  }
  return true;
}

bool IsDynamicRequirement(const QualificationRequirement& requirement) {
  return requirement.type.value >= system_qual::kPercentApproved.value &&
         requirement.type.value <= system_qual::kNumberHitsApproved.value;
}

std::optional<Error> ValidateRequirements(const State& s, AccountId requester,
                                          const std::vector<QualificationRequirement>& reqs) {
  if (reqs.size() > limits::kRequirementsMax) return Invalid("requirements");
  for (const QualificationRequirement& r : reqs) {
    if (std::optional<Error> e = ValidateRequirement(s, requester, r)) return e;
  }
  return std::nullopt;
}

}  // namespace hitd::engine
