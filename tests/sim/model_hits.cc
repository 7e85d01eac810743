// The model's HIT types and HITs: validation, escrow on creation, expiry, review status,
// extra assignments and deletion.
#include <algorithm>
#include <variant>

#include "engine/limits.h"
#include "engine/state.h"
#include "tests/sim/model.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;

namespace {
TimeMs AutoDelay(const HitTypeSpec& s) {
  return s.auto_approval_delay.value_or(lim::kAutoApprovalDelayDefault);
}
bool RequiresMasters(const HitTypeSpec& s) {
  return std::any_of(s.requirements.begin(), s.requirements.end(),
                     [](const auto& q) { return q.type == system_qual::kMasters; });
}
bool SameSpec(const HitTypeSpec& a, const HitTypeSpec& b) {
  return a.title == b.title && a.description == b.description && a.keywords == b.keywords &&
         a.reward == b.reward && a.assignment_duration == b.assignment_duration &&
         AutoDelay(a) == AutoDelay(b) && a.requirements == b.requirements && a.order == b.order &&
         a.per_worker_cap == b.per_worker_cap && a.excluded_types == b.excluded_types &&
         a.reject_reopens_slot == b.reject_reopens_slot;
}
}  // namespace

std::optional<std::vector<ErrorCode>> Model::TypeSpecFault(AccountId requester,
                                                           const HitTypeSpec& t) const {
  const std::vector<EC> bad{EC::kInvalidArgument};
  if (t.title.empty() || t.title.size() > lim::kTitleMax) return bad;
  if (t.description.size() > lim::kDescriptionMax || t.keywords.size() > lim::kKeywordsMax) {
    return bad;
  }
  if (t.reward.value < lim::kRewardMinCents || t.reward.value > lim::kRewardMaxCents) return bad;
  if (t.assignment_duration < lim::kAssignmentDurationMin ||
      t.assignment_duration > lim::kAssignmentDurationMax) {
    return bad;
  }
  TimeMs delay = AutoDelay(t);
  if (delay.value < 0 || delay > lim::kAutoApprovalDelayMax) return bad;
  if (t.requirements.size() > lim::kRequirementsMax) return bad;
  if (t.order < AssignmentOrder::kFifo || t.order > AssignmentOrder::kRandom) return bad;
  if (t.excluded_types.size() > lim::kExcludedTypesMax) return bad;
  for (HitTypeId x : t.excluded_types) {
    auto it = s_.hit_types.find(x.value);
    if (it == s_.hit_types.end() || it->second.requester != requester) {
      return std::vector<EC>{EC::kNotFound, EC::kInvalidArgument};
    }
    if (std::count(t.excluded_types.begin(), t.excluded_types.end(), x) > 1) return bad;
  }
  for (const QualificationRequirement& q : t.requirements) {
    if (q.type.value <= system_qual::kCount) continue;  // the generator keeps these valid
    auto it = s_.qual_types.find(q.type.value);
    if (it == s_.qual_types.end()) return std::vector<EC>{EC::kInvalidArgument, EC::kNotFound};
    if (it->second.owner != requester) {
      return std::vector<EC>{EC::kInvalidArgument, EC::kNotFound, EC::kPermissionDenied};
    }
    if (it->second.disposed || !it->second.active) {
      return std::vector<EC>{EC::kInvalidArgument, EC::kNotFound, EC::kFailedPrecondition};
    }
    if (q.comparator == Comparator::kGreaterThanOrEqualTo && q.integer_values.size() != 1) {
      return bad;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<ErrorCode>> Model::HitSpecFault(const HitSpec& h) const {
  const std::vector<EC> bad{EC::kInvalidArgument};
  if (h.max_assignments == 0 || h.max_assignments > lim::kMaxAssignmentsMax) return bad;
  if (h.lifetime < lim::kLifetimeMin || h.lifetime > lim::kLifetimeMax) return bad;
  if (h.question.size() > lim::kQuestionMax) return bad;
  if (h.requester_annotation.size() > lim::kAnnotationMax) return bad;
  if (h.priority > lim::kPriorityMax) return bad;
  return std::nullopt;
}

std::vector<HitTypeId> Model::SameTypes(AccountId requester, const HitTypeSpec& spec) const {
  std::vector<HitTypeId> out;
  for (const auto& [id, t] : s_.hit_types) {
    if (t.requester == requester && SameSpec(t.spec, spec)) out.push_back(t.id);
  }
  return out;
}

int64_t Model::SlotCost(const HitTypeSpec& spec, uint32_t max_assignments) const {
  const auto& f = s_.config.fees;
  int64_t bp = f.base_bp + (RequiresMasters(spec) ? f.masters_extra_bp : 0);
  // MTurk's extra fee for large HITs, when the schedule turns it on.
  if (f.large_hit_extra_enabled && max_assignments >= f.large_hit_threshold) {
    bp += f.large_hit_extra_bp;
  }
  return spec.reward.value + ModelFee(spec.reward.value, bp, f.min_fee_cents);
}

HitTypeId Model::AddType(HitTypeId id, AccountId requester, const HitTypeSpec& spec) {
  if (s_.hit_types.count(id.value)) return id;  // found, not created
  if (id.value != s_.hit_types.size() + 1) Mismatch("new HIT type id is not the next id");
  MHitType t{id, requester, spec, RequiresMasters(spec)};
  s_.hit_types[id.value] = t;
  return id;
}

void Model::AddHit(HitId id, const MHitType& type, const HitSpec& spec) {
  if (id.value != s_.hits.size() + 1) Mismatch("new HIT id is not the next id");
  MHit h;
  h.id = id;
  h.type = type.id;
  h.requester = type.requester;
  h.expires = s_.now + spec.lifetime;
  h.reward = type.spec.reward.value;
  h.fee = SlotCost(type.spec, spec.max_assignments) - h.reward;
  h.max_assignments = spec.max_assignments;
  h.priority = spec.priority;
  h.free = spec.max_assignments;
  s_.hits[id.value] = h;
  s_.accounts.at(type.requester.value).available -=
      int64_t{spec.max_assignments} * (h.reward + h.fee);
  v_.touched_hits.push_back(id);
}

void Model::On(const Context& ctx, const CreateHitType& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  if (auto codes = TypeSpecFault(ctx.actor, c.type)) return ExpectFail(r, *codes);
  if (!ExpectOk(r)) return;
  const auto* got = std::get_if<HitTypeCreated>(&r.reply);
  if (got == nullptr) return Mismatch("CreateHitType: unexpected reply");
  // MTurk answers an identical type with the existing id; a new type is also accepted.
  std::vector<HitTypeId> same = SameTypes(ctx.actor, c.type);
  if (s_.hit_types.count(got->type.value) &&
      std::find(same.begin(), same.end(), got->type) == same.end()) {
    return Mismatch("CreateHitType: returned an existing type with other properties");
  }
  AddType(got->type, ctx.actor, c.type);
}

void Model::On(const Context& ctx, const CreateHit& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  if (auto codes = TypeSpecFault(ctx.actor, c.type)) return ExpectFail(r, *codes);
  if (auto codes = HitSpecFault(c.hit)) return ExpectFail(r, *codes);
  int64_t cost = int64_t{c.hit.max_assignments} * SlotCost(c.type, c.hit.max_assignments);
  if (cost > s_.accounts.at(ctx.actor.value).available) {
    return ExpectFail(r, {EC::kInsufficientFunds});
  }
  if (!ExpectOk(r)) return;
  const auto* got = std::get_if<HitCreated>(&r.reply);
  if (got == nullptr) return Mismatch("CreateHit: unexpected reply");
  std::vector<HitTypeId> same = SameTypes(ctx.actor, c.type);
  if (same.empty() ? s_.hit_types.count(got->type.value) > 0
                   : std::find(same.begin(), same.end(), got->type) == same.end()) {
    return Mismatch("CreateHit: did not find (or create) the type with these properties");
  }
  AddType(got->type, ctx.actor, c.type);
  AddHit(got->hit, s_.hit_types.at(got->type.value), c.hit);
}

void Model::On(const Context& ctx, const CreateHitWithHitType& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto t = s_.hit_types.find(c.type.value);
  if (t == s_.hit_types.end()) return ExpectFail(r, {EC::kNotFound});
  if (t->second.requester != ctx.actor) {
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  }
  if (auto codes = HitSpecFault(c.hit)) return ExpectFail(r, *codes);
  int64_t cost = int64_t{c.hit.max_assignments} * SlotCost(t->second.spec, c.hit.max_assignments);
  if (cost > s_.accounts.at(ctx.actor.value).available) {
    return ExpectFail(r, {EC::kInsufficientFunds});
  }
  if (!ExpectOk(r)) return;
  const auto* got = std::get_if<HitCreated>(&r.reply);
  if (got == nullptr) return Mismatch("CreateHitWithHitType: unexpected reply");
  if (got->type != c.type) Mismatch("CreateHitWithHitType: type differs");
  AddHit(got->hit, t->second, c.hit);
}

void Model::On(const Context& ctx, const CreateHits& c, const Result& r) {
  if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
  auto t = s_.hit_types.find(c.type.value);
  if (t == s_.hit_types.end()) return ExpectFail(r, {EC::kNotFound});
  if (t->second.requester != ctx.actor) {
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied});
  }
  if (c.hits.empty() || c.hits.size() > lim::kCreateHitsBatchMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  int64_t cost = 0;
  for (const HitSpec& h : c.hits) {
    if (auto codes = HitSpecFault(h)) return ExpectFail(r, *codes);
    cost += int64_t{h.max_assignments} * SlotCost(t->second.spec, h.max_assignments);
  }
  if (cost > s_.accounts.at(ctx.actor.value).available) {
    return ExpectFail(r, {EC::kInsufficientFunds});
  }
  if (!ExpectOk(r)) return;
  const auto* got = std::get_if<HitsCreated>(&r.reply);
  if (got == nullptr || got->hits.size() != c.hits.size()) {
    return Mismatch("CreateHits: reply does not list one id per HIT");
  }
  for (size_t i = 0; i < c.hits.size(); ++i) AddHit(got->hits[i], t->second, c.hits[i]);
}

}  // namespace hitd::sim
