// Creating HIT types and HITs, reading them, and previewing them.
#include <algorithm>
#include <string>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/handlers.h"
#include "engine/hit_ops.h"
#include "engine/limits.h"
#include "engine/matching.h"
#include "engine/money.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {

std::optional<Error> CheckTypeSpec(const State& s, AccountId requester, const HitTypeSpec& t) {
  using E = ErrorCode;
  if (t.title.empty() || Utf8Length(t.title) > limits::kTitleMax)
    return Error{E::kInvalidArgument, "title"};
  if (t.description.empty() || Utf8Length(t.description) > limits::kDescriptionMax) {
    return Error{E::kInvalidArgument, "description"};
  }
  if (Utf8Length(t.keywords) > limits::kKeywordsMax) return Error{E::kInvalidArgument, "keywords"};
  if (t.reward.value < limits::kRewardMinCents || t.reward.value > limits::kRewardMaxCents) {
    return Error{E::kInvalidArgument, "reward_cents"};
  }
  if (t.assignment_duration < limits::kAssignmentDurationMin ||
      t.assignment_duration > limits::kAssignmentDurationMax) {
    return Error{E::kInvalidArgument, "assignment_duration"};
  }
  if (t.auto_approval_delay && (t.auto_approval_delay->value < 0 ||
                                *t.auto_approval_delay > limits::kAutoApprovalDelayMax)) {
    return Error{E::kInvalidArgument, "auto_approval_delay"};
  }
  if (t.order < AssignmentOrder::kFifo || t.order > AssignmentOrder::kRandom) {
    return Error{E::kInvalidArgument, "assignment_order"};
  }
  if (t.excluded_types.size() > limits::kExcludedTypesMax) {
    return Error{E::kInvalidArgument, "excluded_types"};
  }
  for (size_t i = 0; i < t.excluded_types.size(); ++i) {
    HitTypeId x = t.excluded_types[i];
    if (x.value == 0 || x.value > s.hit_types.size() ||
        s.hit_types[x.value - 1].requester != requester) {
      return Error{E::kNotFound, "excluded_types"};
    }
    if (std::count(t.excluded_types.begin(), t.excluded_types.end(), x) > 1) {
      return Error{E::kInvalidArgument, "excluded_types"};
    }
  }
  return ValidateRequirements(s, requester, t.requirements);
}

std::optional<Error> CheckHitSpec(const HitSpec& h) {
  using E = ErrorCode;
  if (h.max_assignments < 1 || h.max_assignments > limits::kMaxAssignmentsMax) {
    return Error{E::kInvalidArgument, "max_assignments"};
  }
  if (h.lifetime < limits::kLifetimeMin || h.lifetime > limits::kLifetimeMax) {
    return Error{E::kInvalidArgument, "lifetime"};
  }
  if (h.question.empty() || h.question.size() > limits::kQuestionMax) {
    return Error{E::kInvalidArgument, "question"};
  }
  if (h.requester_annotation.size() > limits::kAnnotationMax) {
    return Error{E::kInvalidArgument, "requester_annotation"};
  }
  if (h.priority < 0 || h.priority > limits::kPriorityMax) {
    return Error{E::kInvalidArgument, "priority"};
  }
  return std::nullopt;
}

HitType TypeFromSpec(AccountId requester, const HitTypeSpec& t, TimeMs now) {
  HitType type;
  type.requester = requester;
  type.title = t.title;
  type.description = t.description;
  type.keywords = t.keywords;
  type.reward = t.reward;
  type.assignment_duration = t.assignment_duration;
  type.auto_approval_delay = t.auto_approval_delay.value_or(limits::kAutoApprovalDelayDefault);
  type.requirements = CanonicalRequirements(t.requirements);
  type.order = t.order;
  type.per_worker_cap = t.per_worker_cap;
  type.excluded_types = t.excluded_types;
  std::sort(type.excluded_types.begin(), type.excluded_types.end());
  type.reject_reopens_slot = t.reject_reopens_slot;
  type.created = now;
  return type;
}

bool RequiresMasters(const HitType& t) {
  for (const QualificationRequirement& r : t.requirements) {
    if (r.type == system_qual::kMasters) return true;
  }
  return false;
}

// Finds the type equal to `type` or creates it; returns its id.
HitTypeId FindOrCreateType(State& s, HitType type, Output& out) {
  std::string value = HitTypeValue(type);
  auto it = s.hit_type_by_value.find(value);
  if (it != s.hit_type_by_value.end()) return s.hit_types[it->second].id;
  type.id = HitTypeId(s.hit_types.size() + 1);
  AddHitType(s, std::move(type), std::move(value));
  out.hit_types.push_back(s.hit_types.back());
  return s.hit_types.back().id;
}

Cents FeeFor(const State& s, const HitType& type, uint32_t max_assignments) {
  return RewardFee(s.config.fees, type.reward, RequiresMasters(type), max_assignments);
}

// Checks funds for `specs` of one type; fails with kInsufficientFunds naming the field.
std::optional<Error> CheckFunds(const State& s, const Account& requester, const HitType& type,
                                const std::vector<const HitSpec*>& specs) {
  Cents total;
  for (const HitSpec* h : specs) {
    total += (type.reward + FeeFor(s, type, h->max_assignments)) * h->max_assignments;
  }
  if (requester.available < total) return Error{ErrorCode::kInsufficientFunds, "max_assignments"};
  return std::nullopt;
}

HitId CreateOneHit(State& s, const Context& ctx, Account& requester, HitTypeId type_id,
                   const HitSpec& spec, Output& out) {
  HitType& type = s.hit_types[type_id.value - 1];
  Hit hit;
  hit.id = HitId(s.hits.size() + 1);
  hit.type = type_id;
  hit.requester = requester.id;
  hit.created = ctx.now;
  hit.expires = ctx.now + spec.lifetime;
  hit.reward = type.reward;
  hit.fee = FeeFor(s, type, spec.max_assignments);
  hit.max_assignments = spec.max_assignments;
  hit.priority = spec.priority;
  hit.free = spec.max_assignments;
  LedgerEscrow(s, requester, SlotCost(hit) * hit.max_assignments);
  s.hits.push_back(hit);
  s.hit_states.emplace_back();
  s.hits_by_requester[requester.id.value].push_back(static_cast<uint32_t>(hit.id.value));
  ++GroupOf(s, type_id).hits_total;
  s.timers.Push(hit.expires, TimerKind::kHitExpiry, static_cast<uint32_t>(hit.id.value));
  EmitEvent(s, out, EventType::kHitCreated, ctx.now, requester.id, hit.id);
  EmitPayload(out, PayloadKind::kQuestion, hit.id.value, spec.question);
  EmitPayload(out, PayloadKind::kAnnotation, hit.id.value, spec.requester_annotation);
  AfterHitChange(s, s.hits.back(), ctx.now, out);
  return hit.id;
}

// Shared by CreateHit and CreateHitWithHitType/CreateHits once the type is known.
Result CreateHitsOfType(State& s, const Context& ctx, Account& requester, HitTypeId type_id,
                        const std::vector<const HitSpec*>& specs, Output& out) {
  HitsCreated created;
  created.type = type_id;
  for (const HitSpec* spec : specs) {
    created.hits.push_back(CreateOneHit(s, ctx, requester, type_id, *spec, out));
  }
  Emit(out, requester);
  return Result{std::move(created)};
}

std::optional<Error> CheckOwnedType(State& s, const Account& requester, HitTypeId id) {
  HitType* type = FindHitType(s, id);
  if (type == nullptr || type->requester != requester.id)
    return Error{ErrorCode::kNotFound, "hit_type_id"};
  return std::nullopt;
}

}  // namespace

// The properties that make two types the same group (MTurk's "find or create").
std::string HitTypeValue(const HitType& t) {
  std::string v = std::to_string(t.requester.value) + "\x1f" + t.title + "\x1f" + t.description +
                  "\x1f" + t.keywords + "\x1f" + std::to_string(t.reward.value) + "\x1f" +
                  std::to_string(t.assignment_duration.value) + "\x1f" +
                  std::to_string(t.auto_approval_delay.value) + "\x1f" +
                  std::to_string(int(t.order)) + "\x1f" + std::to_string(t.per_worker_cap) +
                  "\x1f" + (t.reject_reopens_slot ? "1" : "0") + "\x1f";
  for (HitTypeId x : t.excluded_types) v += std::to_string(x.value) + ",";
  v += "\x1f";
  for (const QualificationRequirement& r : t.requirements) {
    v += std::to_string(r.type.value) + ":" + std::to_string(int(r.comparator)) + ":" +
         std::to_string(int(r.guard)) + ":";
    for (int32_t i : r.integer_values) v += std::to_string(i) + ",";
    for (const Locale& l : r.locale_values)
      v += std::string(l.country, 2) + std::string(l.subdivision, 3) + ",";
    v += ";";
  }
  return v;
}

void AddHitType(State& s, HitType type, std::string value) {
  HITD_CHECK(type.id.value == s.hit_types.size() + 1);
  Group g;
  g.reqset = InternReqSet(s, type.requirements);
  g.key = GroupKey(type);
  g.exclusions = type.excluded_types;
  for (HitTypeId x : type.excluded_types) {
    HITD_CHECK(x < type.id);  // a type can only name types created before it
    s.groups[x.value - 1].exclusions.push_back(type.id);
  }
  s.groups.push_back(std::move(g));
  const bool added =
      s.hit_type_by_value.emplace(std::move(value), static_cast<uint32_t>(s.hit_types.size()))
          .second;
  HITD_CHECK(added);
  s.hit_types.push_back(std::move(type));
}

Result Handle(State& s, const Context& ctx, const CreateHitType& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (auto e = CheckTypeSpec(s, actor.id, c.type)) return Result{*e};
  if (!HasRoomFor(s.hit_types.size())) return Fail(ErrorCode::kResourceExhausted, "hit_type");
  return Result{HitTypeCreated{FindOrCreateType(s, TypeFromSpec(actor.id, c.type, ctx.now), out)}};
}

Result Handle(State& s, const Context& ctx, const CreateHit& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (auto e = CheckTypeSpec(s, actor.id, c.type)) return Result{*e};
  if (auto e = CheckHitSpec(c.hit)) return Result{*e};
  if (!HasRoomFor(s.hit_types.size()) || !HasRoomFor(s.hits.size())) {
    return Fail(ErrorCode::kResourceExhausted, "hit");
  }
  HitType type = TypeFromSpec(actor.id, c.type, ctx.now);
  if (auto e = CheckFunds(s, actor, type, {&c.hit})) return Result{*e};
  HitTypeId id = FindOrCreateType(s, std::move(type), out);
  Result r = CreateHitsOfType(s, ctx, actor, id, {&c.hit}, out);
  return Result{HitCreated{r.get<HitsCreated>().hits[0], id}};
}

Result Handle(State& s, const Context& ctx, const CreateHitWithHitType& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (auto e = CheckOwnedType(s, actor, c.type)) return Result{*e};
  if (auto e = CheckHitSpec(c.hit)) return Result{*e};
  if (!HasRoomFor(s.hits.size())) return Fail(ErrorCode::kResourceExhausted, "hit");
  if (auto e = CheckFunds(s, actor, s.hit_types[c.type.value - 1], {&c.hit})) return Result{*e};
  Result r = CreateHitsOfType(s, ctx, actor, c.type, {&c.hit}, out);
  return Result{HitCreated{r.get<HitsCreated>().hits[0], c.type}};
}

Result Handle(State& s, const Context& ctx, const CreateHits& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (auto e = CheckOwnedType(s, actor, c.type)) return Result{*e};
  if (c.hits.empty() || c.hits.size() > limits::kCreateHitsBatchMax) {
    return Fail(ErrorCode::kInvalidArgument, "hits");
  }
  std::vector<const HitSpec*> specs;
  for (const HitSpec& h : c.hits) {
    if (auto e = CheckHitSpec(h)) return Result{*e};
    specs.push_back(&h);
  }
  if (!HasRoomFor(s.hits.size(), c.hits.size())) return Fail(ErrorCode::kResourceExhausted, "hits");
  if (auto e = CheckFunds(s, actor, s.hit_types[c.type.value - 1], specs)) return Result{*e};
  return CreateHitsOfType(s, ctx, actor, c.type, specs, out);
}

Result Handle(State& s, const Context& ctx, const GetHit& c, Output&) {
  Account& actor = Actor(s, ctx);
  Hit* hit = FindHit(s, c.hit);
  // "Not found" and "not yours" read the same.
  if (hit == nullptr || (actor.role != Role::kAdmin && hit->requester != actor.id)) {
    return Fail(ErrorCode::kNotFound, "hit_id");
  }
  return Result{MakeHitView(s, *hit, ctx.now)};
}

Result Handle(State& s, const Context& ctx, const PreviewHit& c, Output&) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kWorker)) return Result{*e};
  Hit* hit = FindHit(s, c.hit);
  if (hit == nullptr || hit->disposed ||
      s.blocked.Find(PairKey(hit->requester.value, actor.id.value)) != nullptr) {
    return Fail(ErrorCode::kNotFound, "hit_id");
  }
  const HitType& type = TypeOf(s, *hit);
  if (!MeetsRequirements(s, actor, type.requirements, ActionsGuarded::kDiscoverPreviewAndAccept)) {
    return Fail(ErrorCode::kNotFound, "hit_id");  // not discoverable: as if absent
  }
  if (!MeetsRequirements(s, actor, type.requirements, ActionsGuarded::kPreviewAndAccept)) {
    return Fail(ErrorCode::kPermissionDenied, "requirements");
  }
  return Result{MakeHitView(s, *hit, ctx.now)};
}

}  // namespace hitd::engine
