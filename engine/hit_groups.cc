// ListHITGroups: the HIT groups a worker may discover, filtered, sorted and paged.
#include <algorithm>
#include <vector>

#include "engine/accept.h"
#include "engine/common.h"
#include "engine/eligibility.h"
#include "engine/handlers.h"
#include "engine/limits.h"

namespace hitd::engine {

namespace {
constexpr uint64_t kIdMask = limits::kIdMax;

bool Before(GroupSort sort, const HitGroupView& a, uint64_t ka, const HitGroupView& b,
            uint64_t kb) {
  switch (sort) {
    case GroupSort::kNewestFirst:
      return a.type.id > b.type.id;
    case GroupSort::kMostAvailable:
      if (a.slots_available != b.slots_available) return a.slots_available > b.slots_available;
      return ka > kb;
    case GroupSort::kRewardDesc:
      break;
  }
  return ka > kb;
}
}  // namespace

// Walks every group with free slots: O(groups) per call. Workers browse far less often
// than they accept, and AcceptNext does not use this path.
Result Handle(State& s, const Context& ctx, const ListHitGroups& c, Output&) {
  Account& w = Actor(s, ctx);
  if (auto e = RequireRole(w, Role::kWorker)) return Result{*e};
  if (auto e = CheckPage(c.page)) return Result{*e};
  if (c.sort < GroupSort::kRewardDesc || c.sort > GroupSort::kMostAvailable) {
    return Fail(ErrorCode::kInvalidArgument, "sort");
  }
  const WorkFilter& f = c.filter;
  const TimeMs now = ctx.now;
  std::vector<std::pair<uint64_t, HitGroupView>> found;
  for (const ReqSet& r : s.reqsets) {
    if (r.groups.empty()) continue;
    const auto& reqs = r.requirements;
    if (!MeetsRequirements(s, w, reqs, ActionsGuarded::kDiscoverPreviewAndAccept)) continue;
    bool qualified = MeetsRequirements(s, w, reqs, ActionsGuarded::kAccept);
    bool preview = MeetsRequirements(s, w, reqs, ActionsGuarded::kPreviewAndAccept);
    for (uint64_t key : r.groups) {
      const HitType& t = s.hit_types[(kIdMask - (key & kIdMask)) - 1];
      if ((f.type && f.type != t.id) || (f.requester && f.requester != t.requester) ||
          t.reward < f.min_reward || (!f.keyword.empty() && !HasKeyword(t.keywords, f.keyword)) ||
          s.blocked.Find(PairKey(t.requester.value, w.id.value)) != nullptr) {
        continue;
      }
      const Group& g = s.groups[t.id.value - 1];
      uint64_t hits = g.order.size() - g.begin;
      uint64_t slots = g.slots_free;
      if (now >= g.expires_bound) {  // some HITs may be past expiry, awaiting their Tick
        hits = 0;
        slots = 0;
        for (size_t i = g.begin; i < g.order.size(); ++i) {
          const Hit& h = s.hits[(g.order[i] & kIdMask) - 1];
          if (now < h.expires) {
            ++hits;
            slots += h.free;
          }
        }
        if (hits == 0) continue;
      }
      HitGroupView v{t, static_cast<uint32_t>(hits), static_cast<uint32_t>(slots), qualified,
                     preview};
      found.emplace_back(key, std::move(v));
    }
  }
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    return Before(c.sort, a.second, a.first, b.second, b.first);
  });
  HitGroupList list;
  uint64_t offset = PageStart(c.page) - 1;
  for (uint64_t i = offset; i < found.size() && list.groups.size() < c.page.max_results; ++i) {
    list.groups.push_back(std::move(found[i].second));
  }
  uint64_t next = offset + list.groups.size();
  if (next < found.size()) list.next_token = PageToken(next);
  return Result{std::move(list)};
}

}  // namespace hitd::engine
