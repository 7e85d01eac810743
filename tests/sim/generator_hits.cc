// Generated HIT types and HITs. Type properties come from small sets so that identical
// types recur (CreateHIT must find them) and per-worker caps and shared keywords bite.
#include "engine/limits.h"
#include "engine/state.h"
#include "tests/sim/generator.h"

namespace hitd::sim {

namespace lim = hitd::engine::limits;

QualificationRequirement Generator::Requirement(AccountId requester) {
  QualificationRequirement q;
  q.guard = static_cast<ActionsGuarded>(rng_.Range(1, 3));
  int64_t kind = rng_.Range(0, 13);
  QualTypeId own;
  for (const auto& [id, t] : model_.state().qual_types) {
    if (t.owner == requester && t.active && !t.disposed && rng_.Chance(60)) own = t.id;
  }
  if (kind < 6 && own.valid()) {
    q.type = own;
    q.comparator = rng_.Chance(80) ? Comparator::kGreaterThanOrEqualTo : Comparator::kExists;
    if (q.comparator == Comparator::kGreaterThanOrEqualTo) {
      q.integer_values = {static_cast<int32_t>(rng_.Range(0, 100))};
    }
  } else if (kind >= 10) {
    // Values derived from the worker's record: they change with every decision, which
    // exercises the engine's invalidation of cached eligibility.
    static const int32_t kPercents[] = {0, 50, 80, 100};
    q.comparator = Comparator::kGreaterThanOrEqualTo;
    if (kind < 12) {
      q.type = system_qual::kPercentApproved;
      q.integer_values = {kPercents[rng_.Range(0, 3)]};
    } else {
      q.type = system_qual::kNumberHitsApproved;
      q.integer_values = {static_cast<int32_t>(rng_.Range(0, 4))};
    }
  } else if (kind < 8) {
    q.type = system_qual::kLocale;
    q.comparator = rng_.Chance(50) ? Comparator::kEqualTo : Comparator::kIn;
    q.locale_values = {Locale{{'U', 'S'}, {}}};
    if (q.comparator == Comparator::kIn) q.locale_values.push_back(Locale{{'I', 'N'}, {}});
  } else {
    q.type = system_qual::kMasters;
    q.comparator = Comparator::kExists;
  }
  return q;
}

HitTypeSpec Generator::TypeSpec(AccountId requester) {
  static const int64_t kRewards[] = {1, 2, 3, 5, 6, 7, 10, 12, 14, 25, 50, 99, 125, 1000};
  static const int64_t kDurations[] = {30, 60, 300, 3600, 86400};
  static const int64_t kDelays[] = {0, 60, 3600, 86400, 3 * 86400, 30 * 86400};
  static const char* kKeywords[] = {"", "image", "image,label", "audio,text", "text"};
  HitTypeSpec t;
  t.title = rng_.Chance(50) ? "Label images" : "Transcribe";
  t.description = "work";
  t.keywords = kKeywords[rng_.Range(0, 4)];
  t.reward = Cents(kRewards[rng_.Range(0, 13)]);
  t.assignment_duration = Seconds(kDurations[rng_.Range(0, 4)]);
  if (rng_.Chance(70)) t.auto_approval_delay = Seconds(kDelays[rng_.Range(0, 5)]);
  if (rng_.Chance(35)) {
    QualificationRequirement q = Requirement(requester);
    t.requirements.push_back(q);
    if (rng_.Chance(20) && q.type != system_qual::kLocale) {
      t.requirements.insert(t.requirements.begin(), Requirement(requester));
      if (t.requirements[0].type >= t.requirements[1].type)
        t.requirements.erase(t.requirements.begin());
    }
  }
  if (rng_.Chance(20)) t.order = static_cast<AssignmentOrder>(rng_.Range(2, 4));
  if (rng_.Chance(30)) t.per_worker_cap = static_cast<uint32_t>(rng_.Range(1, 3));
  if (rng_.Chance(15)) {  // arms of one study: a worker may take only one of them
    for (const auto& [id, other] : model_.state().hit_types) {
      if (other.requester == requester && rng_.Chance(30)) t.excluded_types.push_back(other.id);
    }
  }
  t.reject_reopens_slot = rng_.Chance(30);
  return t;
}

void Generator::BreakTypeSpec(HitTypeSpec& t) {
  switch (rng_.Range(0, 9)) {
    case 9:
      t.excluded_types = {HitTypeId(rng_.Chance(50) ? 0 : 99999)};
      break;
    case 0:
      t.title = rng_.Chance(50) ? "" : Text(lim::kTitleMax, true);
      break;
    case 1:
      t.reward = Cents(rng_.Chance(50) ? 0 : lim::kRewardMaxCents + 1);
      break;
    case 2:
      t.assignment_duration = rng_.Chance(50) ? Seconds(29) : Days(366);
      break;
    case 3:
      t.auto_approval_delay = Days(30) + TimeMs(1);
      break;
    case 4:
      t.description = Text(lim::kDescriptionMax, true);
      break;
    case 5:
      t.requirements.assign(
          lim::kRequirementsMax + 1,
          QualificationRequirement{system_qual::kMasters, Comparator::kExists, {}, {}, {}});
      break;
    case 6:
      t.requirements = {QualificationRequirement{
          QualTypeId(99999), Comparator::kExists, {}, {}, ActionsGuarded::kAccept}};
      break;
    case 7:
      t.order = static_cast<AssignmentOrder>(9);
      break;
    default: {
      // Another requester's qualification type.
      for (const auto& [id, q] : model_.state().qual_types) {
        t.requirements = {
            QualificationRequirement{q.id, Comparator::kExists, {}, {}, ActionsGuarded::kAccept}};
        if (rng_.Chance(50)) break;
      }
      break;
    }
  }
}

HitSpec Generator::MakeHitSpec() {
  static const int64_t kLifetimes[] = {30, 120, 600, 3600, 86400, 7 * 86400};
  HitSpec h;
  h.max_assignments = static_cast<uint32_t>(rng_.Chance(80) ? rng_.Range(1, 3) : rng_.Range(4, 12));
  h.lifetime = Seconds(kLifetimes[rng_.Range(0, 5)]);
  h.question = "q";
  h.requester_annotation = rng_.Chance(50) ? "" : "batch";
  h.priority = static_cast<int32_t>(rng_.Range(0, 5));
  return h;
}

void Generator::BreakHitSpec(HitSpec& h) {
  switch (rng_.Range(0, 4)) {
    case 0:
      h.max_assignments = rng_.Chance(50) ? 0 : lim::kMaxAssignmentsMax + 1;
      break;
    case 1:
      h.lifetime = rng_.Chance(50) ? Seconds(29) : Days(366);
      break;
    case 2:
      h.requester_annotation = Text(lim::kAnnotationMax, true);
      break;
    case 3:
      h.priority = lim::kPriorityMax + 1;
      break;
    default:
      h.question = Text(lim::kQuestionMax, true);
      break;
  }
}

HitId Generator::PickHit(AccountId requester) {
  std::vector<HitId> ids;
  for (const auto& [id, h] : model_.state().hits) {
    if ((!requester.valid() || h.requester == requester) && (!h.disposed || rng_.Chance(10))) {
      ids.push_back(h.id);
    }
  }
  if (ids.empty() || rng_.Chance(2)) return HitId(rng_.Chance(50) ? 0 : 99999);
  // Newer HITs are the live ones: favour the last few.
  if (rng_.Chance(60) && ids.size() > 4) ids.erase(ids.begin(), ids.end() - 4);
  return rng_.Pick(ids);
}

Step Generator::MakeCreateHitType() {
  AccountId actor = Any(Role::kRequester);
  CreateHitType c{TypeSpec(actor)};
  if (Fault()) {
    if (rng_.Chance(20))
      actor = WrongRole(Role::kRequester);
    else
      BreakTypeSpec(c.type);
  }
  return {As(actor), c};
}

Step Generator::MakeCreateHit() {
  AccountId actor = Any(Role::kRequester);
  CreateHit c{TypeSpec(actor), MakeHitSpec()};
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = WrongRole(Role::kRequester);
        break;
      case 1:
        BreakTypeSpec(c.type);
        break;
      default:
        BreakHitSpec(c.hit);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeCreateHitWithType() {
  AccountId actor = Any(Role::kRequester);
  CreateHitWithHitType c;
  std::vector<HitTypeId> types;
  for (const auto& [id, t] : model_.state().hit_types) {
    if (t.requester == actor) types.push_back(t.id);
  }
  c.type = types.empty() ? HitTypeId(99999) : rng_.Pick(types);
  c.hit = MakeHitSpec();
  if (Fault()) {
    switch (rng_.Range(0, 2)) {
      case 0:
        actor = Other(Role::kRequester, actor);
        break;
      case 1:
        c.type = HitTypeId(rng_.Chance(50) ? 0 : 99999);
        break;
      default:
        BreakHitSpec(c.hit);
        break;
    }
  }
  return {As(actor), c};
}

Step Generator::MakeCreateHits() {
  Step s = MakeCreateHitWithType();
  const auto& one = std::get<CreateHitWithHitType>(s.command);
  CreateHits c;
  c.type = one.type;
  for (int64_t i = rng_.Range(Fault() ? 0 : 1, 4); i > 0; --i) c.hits.push_back(MakeHitSpec());
  if (!c.hits.empty() && rng_.Chance(5)) BreakHitSpec(c.hits.back());
  return {s.ctx, c};
}

}  // namespace hitd::sim
