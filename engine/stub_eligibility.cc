// TEMPORARY scaffolding: delete this file when quals_eval.cc implements eligibility.h.
#include "engine/eligibility.h"

namespace hitd::engine {
void InitSystemQualTypes(State&) {}
std::optional<int32_t> QualValue(const State&, const Account&, QualTypeId) { return std::nullopt; }
bool MeetsRequirement(const State&, const Account&, const QualificationRequirement&) { return false; }
bool MeetsRequirements(const State&, const Account&, const std::vector<QualificationRequirement>& r, ActionsGuarded) { return r.empty(); }
bool IsDynamicRequirement(const QualificationRequirement&) { return false; }
std::optional<Error> ValidateRequirements(const State&, AccountId, const std::vector<QualificationRequirement>&) { return std::nullopt; }
}  // namespace hitd::engine
