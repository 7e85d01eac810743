// Qualification rules that matching needs: whether a worker meets a requirement,
// computed from its grants and, for the system types, from its record.
//
// Implemented in quals_eval.cc. Every comparator of MTurk is supported; a worker who
// lacks the qualification meets only DoesNotExist. Engine thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/errors.h"
#include "engine/records.h"
#include "engine/state.h"

namespace hitd::engine {

// Creates the built-in qualification types with their fixed ids (system_qual::*).
void InitSystemQualTypes(State& s);

// The worker's value for a type: a grant, or a system value computed from its record;
// nullopt when it has none. The Locale type has no integer value: requirements on it
// compare the account's locale.
std::optional<int32_t> QualValue(const State& s, const Account& worker, QualTypeId type);

bool MeetsRequirement(const State& s, const Account& worker,
                      const QualificationRequirement& requirement);

// Whether the worker meets every requirement that guards `action`: kAccept checks all
// requirements; kPreviewAndAccept those guarding preview; kDiscoverPreviewAndAccept
// those guarding discovery.
bool MeetsRequirements(const State& s, const Account& worker,
                       const std::vector<QualificationRequirement>& requirements,
                       ActionsGuarded action);

// True when the requirement's outcome depends on the worker's counters (percentages,
// NumberHITsApproved), which change with every decision.
bool IsDynamicRequirement(const QualificationRequirement& requirement);

// Checks requirements for a new HIT type of `requester`: at most 10, each naming an
// active type the requester may use (its own, or a system type), with values that fit
// the comparator. The error names the field, e.g. "requirements.integer_values".
std::optional<Error> ValidateRequirements(const State& s, AccountId requester,
                                          const std::vector<QualificationRequirement>& reqs);

// Marks the worker's eligibility cache for a full re-evaluation (grants or locale
// changed). Call after any grant, revoke or change of the worker's locale.
inline void InvalidateEligibility(AccountState& st) { st.stale = true; }

}  // namespace hitd::engine
