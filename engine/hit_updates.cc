// Requester operations that change a HIT after it was created: expiry, review status,
// type, more assignments, deletion.
#include <vector>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/hit_ops.h"
#include "engine/limits.h"
#include "engine/matching.h"
#include "engine/money.h"
#include "engine/views.h"

namespace hitd::engine {

namespace {

// The caller's own HIT, not disposed; nullptr otherwise.
Hit* OwnHit(State& s, const Account& actor, HitId id) {
  Hit* hit = FindHit(s, id);
  if (hit == nullptr || hit->requester != actor.id || hit->disposed) return nullptr;
  return hit;
}

uint32_t UsedSlots(const Hit& h) {
  return h.accepted + h.submitted + (h.approved - h.unslotted) + h.rejected_closed;
}

Result Extend(State& s, const Context& ctx, Account& requester, Hit& hit, TimeMs expire_at,
              Output& out) {
  if (hit.expired) {
    // Re-open an expired HIT: its unfilled slots must be escrowed again.
    uint32_t reopen = hit.max_assignments - UsedSlots(hit);
    Cents cost = SlotCost(hit) * reopen;
    if (requester.available < cost) return Fail(ErrorCode::kInsufficientFunds, "expire_at");
    LedgerEscrow(s, requester, cost);
    hit.free = reopen;
    hit.expired = false;
    Emit(out, requester);
  }
  bool later = expire_at > hit.expires;
  hit.expires = expire_at;
  s.timers.Push(expire_at, TimerKind::kHitExpiry, static_cast<uint32_t>(hit.id.value));
  if (later) EmitEvent(s, out, EventType::kHitExtended, ctx.now, hit.requester, hit.id);
  AfterHitChange(s, hit, ctx.now, out);
  return Result{Empty{}};
}

}  // namespace

Result Handle(State& s, const Context& ctx, const UpdateExpirationForHit& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = OwnHit(s, actor, c.hit);
  if (hit == nullptr) return Fail(ErrorCode::kNotFound, "hit_id");
  if (c.expire_at <= ctx.now) {
    if (hit->expired) return Result{Empty{}};  // already expired: nothing to do
    ExpireHit(s, *hit, ctx.now, out);
    return Result{Empty{}};
  }
  if (c.expire_at - ctx.now > limits::kLifetimeMax)
    return Fail(ErrorCode::kInvalidArgument, "expire_at");
  return Extend(s, ctx, actor, *hit, c.expire_at, out);
}

Result Handle(State& s, const Context& ctx, const UpdateHitReviewStatus& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = OwnHit(s, actor, c.hit);
  if (hit == nullptr) return Fail(ErrorCode::kNotFound, "hit_id");
  HitStatus status = StatusOf(*hit, ctx.now);
  if (!c.revert && status != HitStatus::kReviewable)
    return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  if (c.revert && status != HitStatus::kReviewing)
    return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  hit->reviewing = !c.revert;
  Emit(out, *hit);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const UpdateHitTypeOfHit& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = OwnHit(s, actor, c.hit);
  if (hit == nullptr) return Fail(ErrorCode::kNotFound, "hit_id");
  HitType* type = FindHitType(s, c.type);
  if (type == nullptr || type->requester != actor.id)
    return Fail(ErrorCode::kNotFound, "hit_type_id");
  if (type->id == hit->type) return Result{Empty{}};
  // Work taken was taken at the old reward and is paid (or, overriding a rejection,
  // repaid) at it; its workers count in the old group's caps and exclusions. So only a
  // HIT that no worker holds moves: every assignment on it was returned or abandoned.
  if (hit->accepted + hit->submitted + hit->approved + hit->rejected > 0) {
    return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  }
  // The free slots' escrow follows the new reward and fee.
  Cents fee = RewardFee(s.config.fees, type->reward, s.reqsets[GroupOf(s, type->id).reqset].masters,
                        hit->max_assignments);
  int64_t slots = int64_t{hit->free} + hit->accepted + hit->submitted;
  Cents delta = (type->reward + fee - SlotCost(*hit)) * slots;
  if (delta.value > 0 && actor.available < delta)
    return Fail(ErrorCode::kInsufficientFunds, "hit_type_id");
  if (delta.value > 0) LedgerEscrow(s, actor, delta);
  if (delta.value < 0) LedgerRefund(s, actor, Cents(-delta.value));
  // Leave the old group, then join the new one.
  HitTypeId from = hit->type;
  hit->disposed = true;  // not disposed: this only takes the HIT out of its old group
  SyncHit(s, *hit);
  hit->disposed = false;
  --GroupOf(s, from).hits_total;
  hit->type = type->id;
  hit->reward = type->reward;
  hit->fee = fee;
  ++GroupOf(s, type->id).hits_total;
  Emit(out, actor);
  AfterHitChange(s, *hit, ctx.now, out);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const CreateAdditionalAssignmentsForHit& c,
              Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = OwnHit(s, actor, c.hit);
  if (hit == nullptr) return Fail(ErrorCode::kNotFound, "hit_id");
  if (c.count < 1 || uint64_t{hit->max_assignments} + c.count > limits::kMaxAssignmentsMax) {
    return Fail(ErrorCode::kInvalidArgument, "number_of_additional_assignments");
  }
  if (hit->expired || ctx.now >= hit->expires)
    return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  // MTurk refuses to grow a HIT of fewer than 10 assignments to 10 or more, which would
  // dodge the large-HIT fee when that option is on.
  const FeeSchedule& fees = s.config.fees;
  if (fees.large_hit_extra_enabled && hit->max_assignments < fees.large_hit_threshold &&
      hit->max_assignments + c.count >= fees.large_hit_threshold) {
    return Fail(ErrorCode::kFailedPrecondition, "number_of_additional_assignments");
  }
  Cents cost = SlotCost(*hit) * c.count;
  if (actor.available < cost)
    return Fail(ErrorCode::kInsufficientFunds, "number_of_additional_assignments");
  LedgerEscrow(s, actor, cost);
  hit->max_assignments += c.count;
  hit->free += c.count;
  EmitEvent(s, out, EventType::kHitExtended, ctx.now, hit->requester, hit->id);
  Emit(out, actor);
  AfterHitChange(s, *hit, ctx.now, out);
  return Result{Empty{}};
}

Result Handle(State& s, const Context& ctx, const DeleteHit& c, Output& out) {
  Account& actor = Actor(s, ctx);
  if (auto e = RequireRole(actor, Role::kRequester)) return Result{*e};
  Hit* hit = OwnHit(s, actor, c.hit);
  if (hit == nullptr) return Fail(ErrorCode::kNotFound, "hit_id");
  HitStatus status = StatusOf(*hit, ctx.now);
  // Only when nothing is in progress or left to decide, and no slot can still be taken.
  bool decided = hit->accepted == 0 && hit->submitted == 0;
  if (!decided || (status != HitStatus::kReviewable && status != HitStatus::kReviewing)) {
    return Fail(ErrorCode::kFailedPrecondition, "hit_id");
  }
  // A Reviewable HIT past its expiry whose timer has not fired yet still holds escrow
  // for its free slots: expire it first so they are refunded.
  if (!hit->expired && hit->free > 0) ExpireHit(s, *hit, ctx.now, out);
  HITD_CHECK(HitEscrow(*hit).value == 0);
  hit->disposed = true;
  hit->reviewing = false;
  EmitEvent(s, out, EventType::kHitDisposed, ctx.now, hit->requester, hit->id);
  AfterHitChange(s, *hit, ctx.now, out);
  return Result{Empty{}};
}

}  // namespace hitd::engine
