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
  // Reopening an expired HIT, or a date beyond the lifetime limit: unspecified; the
  // model copies the outcome from the engine.
  if (h.expired || c.expire_at > s_.now + lim::kLifetimeMax) {
    if (r.ok()) {
      v_.resync_hits.push_back(c.hit);
      v_.resync_accounts.push_back(h.requester);
    }
    return;
  }
  if (!ExpectOk(r)) return;
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
  // How escrow, fees and group caps follow a HIT into another type is not specified:
  // the model takes the HIT and the balance from the engine.
  if (!r.ok()) return;
  MHit& h = s_.hits.at(c.hit.value);
  h.type_changed = h.type_changed || h.type != c.type;
  v_.resync_hits.push_back(c.hit);
  v_.resync_accounts.push_back(ctx.actor);
}

void Model::On(const Context& ctx, const CreateAdditionalAssignmentsForHit& c, const Result& r) {
  if (auto codes = HitAccess(ctx, c.hit)) return ExpectFail(r, *codes);
  MHit& h = s_.hits.at(c.hit.value);
  v_.touched_hits.push_back(c.hit);
  if (c.count == 0 || uint64_t{h.max_assignments} + c.count > lim::kMaxAssignmentsMax) {
    return ExpectFail(r, {EC::kInvalidArgument});
  }
  // Expired or reviewed HITs, and MTurk's 10-assignment rule: unspecified.
  if (h.expired || h.reviewing || (h.max_assignments < 10 && h.max_assignments + c.count >= 10)) {
    if (r.ok()) {
      v_.resync_hits.push_back(c.hit);
      v_.resync_accounts.push_back(ctx.actor);
    }
    return;
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
