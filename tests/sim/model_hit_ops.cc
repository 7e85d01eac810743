// The model's operations on existing HITs: reads, expiry, review status, type changes,
// extra assignments and deletion.
#include <variant>

#include "engine/limits.h"
#include "tests/sim/model.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;
using EC = ErrorCode;

HitStatus Model::StatusOf(const MHit& h) const {
  if (h.disposed) return HitStatus::kDisposed;
  if (h.reviewing) return HitStatus::kReviewing;
  if (!h.expired && h.free > 0) return HitStatus::kAssignable;
  if (h.accepted > 0) return HitStatus::kUnassignable;
  return HitStatus::kReviewable;
}

// A slot given back to a HIT that can no longer fill it is refunded; otherwise it is free.
void Model::GiveBack(MHit& h) {
  if (h.expired || h.disposed) {
    Refund(h, 1);
  } else {
    h.free += 1;
  }
}

void Model::Refund(MHit& h, uint32_t slots) {
  s_.accounts.at(h.requester.value).available += int64_t{slots} * (h.reward + h.fee);
}

std::optional<std::vector<ErrorCode>> Model::HitAccess(const Context& ctx, HitId hit) const {
  // A worker naming a HIT may be told it does not exist, as MTurk answers for HITs the
  // caller may not see.
  if (!IsRole(ctx, Role::kRequester)) return std::vector<EC>{EC::kPermissionDenied, EC::kNotFound};
  auto it = s_.hits.find(hit.value);
  if (it == s_.hits.end()) return std::vector<EC>{EC::kNotFound};
  if (it->second.requester != ctx.actor)
    return std::vector<EC>{EC::kNotFound, EC::kPermissionDenied};
  if (it->second.disposed) return std::vector<EC>{EC::kNotFound, EC::kFailedPrecondition};
  return std::nullopt;
}

void Model::On(const Context& ctx, const GetHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) {
    // Reading a deleted HIT of one's own: an error or a Disposed view are both fine.
    auto it = s_.hits.find(c.hit.value);
    if (it != s_.hits.end() && it->second.disposed && it->second.requester == ctx.actor) return;
    return ExpectFail(r, *codes);
  }
  if (!ExpectOk(r)) return;
  v_.touched_hits.push_back(c.hit);  // the checker compares the view's counts
}

void Model::On(const Context& ctx, const ListHits& c, const Result& r) {
  ReadOnly(ctx, r, Role::kRequester, &c.page);
}

void Model::On(const Context& ctx, const ListReviewableHits& c, const Result& r) {
  if (c.status != HitStatus::kReviewable && c.status != HitStatus::kReviewing) {
    if (!IsRole(ctx, Role::kRequester)) return ExpectFail(r, {EC::kPermissionDenied});
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  ReadOnly(ctx, r, Role::kRequester, &c.page);
}

void Model::On(const Context& ctx, const UpdateExpirationForHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  if (c.expire_at <= s_.now) {
    if (h.expired) return;  // expiring an expired HIT again: unspecified
    if (!ExpectOk(r)) return;
    h.expired = true;
    h.expires = s_.now;
    Refund(h, h.free);
    h.free = 0;
    return;
  }
  if (c.expire_at - s_.now > lim::kLifetimeMax) return ExpectFail(r, {EC::kInvalidArgument});
  if (h.expired) {
    // Reopening an expired HIT escrows again every slot that is neither in use nor
    // decided (MTurk lets a requester extend an expired HIT).
    const uint32_t used = h.accepted + h.submitted + (h.approved - h.unslotted) + h.rejected_closed;
    const uint32_t reopen = h.max_assignments - used;
    MAccount& req = s_.accounts.at(h.requester.value);
    if (int64_t{reopen} * (h.reward + h.fee) > req.available) {
      return ExpectFail(r, {EC::kInsufficientFunds});
    }
    if (!ExpectOk(r)) return;
    req.available -= int64_t{reopen} * (h.reward + h.fee);
    h.free = reopen;
    h.expired = false;
  } else if (!ExpectOk(r)) {
    return;
  }
  h.expires = c.expire_at;
}

void Model::On(const Context& ctx, const UpdateHitReviewStatus& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  HitStatus want = c.revert ? HitStatus::kReviewing : HitStatus::kReviewable;
  // A reopened slot inside a HIT under review: the status is not specified.
  if (h.reviewing && h.free > 0 && !h.expired) {
    if (r.ok()) v_.resync_hits.push_back(c.hit);
    return;
  }
  if (StatusOf(h) != want) return ExpectFail(r, {EC::kFailedPrecondition});
  if (!ExpectOk(r)) return;
  h.reviewing = !c.revert;
}

void Model::On(const Context& ctx, const UpdateHitTypeOfHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  auto t = s_.hit_types.find(c.type.value);
  if (t == s_.hit_types.end()) return ExpectFail(r, {EC::kNotFound, EC::kInvalidArgument});
  if (t->second.requester != ctx.actor) {
    return ExpectFail(r, {EC::kNotFound, EC::kPermissionDenied, EC::kInvalidArgument});
  }
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  if (h.type == c.type) return static_cast<void>(ExpectOk(r));
  // Work taken is paid at the reward the worker saw and counts in the old group: only a
  // HIT no worker holds (every assignment returned or abandoned) moves.
  for (const auto& [id, a] : s_.assignments) {
    if (a.hit == c.hit && a.status != AssignmentStatus::kReturned &&
        a.status != AssignmentStatus::kAbandoned) {
      return ExpectFail(r, {EC::kFailedPrecondition});
    }
  }
  // The free slots' escrow follows the new reward and fee: the requester tops it up, or
  // gets the difference back.
  const int64_t new_cost = SlotCost(t->second.spec, h.max_assignments);
  const int64_t delta =
      (new_cost - (h.reward + h.fee)) * (int64_t{h.free} + h.accepted + h.submitted);
  MAccount& req = s_.accounts.at(ctx.actor.value);
  if (delta > 0 && delta > req.available) return ExpectFail(r, {EC::kInsufficientFunds});
  if (!ExpectOk(r)) return;
  req.available -= delta;
  h.type = c.type;
  h.reward = t->second.spec.reward.value;
  h.fee = new_cost - h.reward;
  h.type_changed = true;
}

void Model::On(const Context& ctx, const CreateAdditionalAssignmentsForHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  if (c.count == 0 || uint64_t{h.max_assignments} + c.count > lim::kMaxAssignmentsMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  // An expired HIT must be extended first (UpdateExpirationForHIT), as on MTurk.
  if (h.expired) return ExpectFail(r, {EC::kFailedPrecondition});
  // Growing past the large-HIT threshold would dodge its fee: refused when it is on.
  const FeeSchedule& f = s_.config.fees;
  if (f.large_hit_extra_enabled && h.max_assignments < f.large_hit_threshold &&
      h.max_assignments + c.count >= f.large_hit_threshold) {
    return ExpectFail(r, {EC::kFailedPrecondition});
  }
  const int64_t cost = int64_t{c.count} * (h.reward + h.fee);
  if (cost > s_.accounts.at(ctx.actor.value).available) {
    return ExpectFail(r, {EC::kInsufficientFunds});
  }
  if (!ExpectOk(r)) return;
  s_.accounts.at(ctx.actor.value).available -= cost;
  h.max_assignments += c.count;
  h.free += c.count;
}

void Model::On(const Context& ctx, const DeleteHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  if (h.accepted > 0 || h.submitted > 0) return ExpectFail(r, {EC::kFailedPrecondition});
  if (h.free > 0 && !h.expired) {
    if (!h.reviewing) return ExpectFail(r, {EC::kFailedPrecondition});
    if (r.ok()) {  // a reopened slot under review: unspecified
      v_.resync_hits.push_back(c.hit);
      v_.resync_accounts.push_back(ctx.actor);
    }
    return;
  }
  if (!ExpectOk(r)) return;
  h.disposed = true;
  h.reviewing = false;
}

void Model::On(const Context& ctx, const ListAssignmentsForHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) {
    auto it = s_.hits.find(c.hit.value);
    if (it != s_.hits.end() && it->second.disposed && it->second.requester == ctx.actor) return;
    return ExpectFail(r, *codes);
  }
  if (PageBad(c.page)) return ExpectFail(r, {EC::kInvalidArgument});
  if (!PageForged(c.page)) ExpectOk(r);
}

void Model::On(const Context& ctx, const PreviewHit& c, const Result& r) {
  if (!IsRole(ctx, Role::kWorker)) return ExpectFail(r, {EC::kPermissionDenied});
  if (!s_.hits.count(c.hit.value)) return ExpectFail(r, {EC::kNotFound});
}

void Model::On(const Context& ctx, const ListHitGroups& c, const Result& r) {
  ReadOnly(ctx, r, Role::kWorker, &c.page);
}

}  // namespace hitd::sim
