// Qualification types: CreateQualificationType, GetQualificationType,
// UpdateQualificationType and DeleteQualificationType, with MTurk's rules.
//
// A type may carry a test (opaque content, passed through as a kQualTest payload) with
// an optional answer key; such a type may not also be auto-granted, and a test, once
// set, can be replaced but never removed. Retries, once allowed, cannot be disallowed.
// The answer key's scores are non-negative and sum to at most INT32_MAX, so any score a
// worker can reach fits a qualification value.
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/limits.h"
#include "engine/qual_grants.h"

namespace hitd::engine {

namespace {

std::optional<Error> Invalid(std::string_view field) {
  return Error{ErrorCode::kInvalidArgument, field};
}

bool IsSettableStatus(QualTypeStatus s) {
  return s == QualTypeStatus::kActive || s == QualTypeStatus::kInactive;
}

std::optional<Error> CheckDescription(const std::string& d) {
  if (d.empty() || d.size() > limits::kQualDescriptionMax) return Invalid("description");
  return std::nullopt;
}

std::optional<Error> CheckAnswerKey(const std::vector<AnswerKeyItem>& key) {
  if (key.size() > limits::kAnswerKeyQuestionsMax) return Invalid("answer_key");
  int64_t total = 0;
  for (size_t i = 0; i < key.size(); ++i) {
    const AnswerKeyItem& item = key[i];
    if (item.question_id.empty() || item.question_id.size() > limits::kQuestionIdMax) {
      return Invalid("answer_key.question_id");
    }
    for (size_t j = 0; j < i; ++j) {  // at most 100 items: quadratic is cheap
      if (key[j].question_id == item.question_id) return Invalid("answer_key.question_id");
    }
    if (item.answer.size() > limits::kTestAnswerMax) return Invalid("answer_key.answer");
    if (item.score < 0) return Invalid("answer_key.score");
    total += item.score;
    if (total > std::numeric_limits<int32_t>::max()) return Invalid("answer_key.score");
  }
  return std::nullopt;
}

std::optional<Error> CheckTestDuration(TimeMs d) {
  if (d < Seconds(1) || d > limits::kTestDurationMax) return Invalid("test_duration");
  return std::nullopt;
}

// The test fields of a new type: a duration only with a test, an answer key only with a
// test, and no test on an auto-granted type (MTurk's rule).
std::optional<Error> CheckSpecTest(const QualTypeSpec& spec) {
  if (spec.test.size() > limits::kTestMax) return Invalid("test");
  const bool has_test = !spec.test.empty();
  if (!has_test && !spec.answer_key.empty()) return Invalid("answer_key");
  if (std::optional<Error> e = CheckAnswerKey(spec.answer_key)) return e;
  if (has_test) {
    if (std::optional<Error> e = CheckTestDuration(spec.test_duration)) return e;
  } else if (spec.test_duration != TimeMs{}) {
    return Invalid("test_duration");
  }
  if (spec.auto_granted && has_test) return Invalid("auto_granted");
  return std::nullopt;
}

std::optional<Error> CheckSpec(const QualTypeSpec& spec) {
  if (spec.name.empty() || spec.name.size() > limits::kQualNameMax) return Invalid("name");
  if (std::optional<Error> e = CheckDescription(spec.description)) return e;
  if (spec.keywords.size() > limits::kKeywordsMax) return Invalid("keywords");
  if (!IsSettableStatus(spec.status)) return Invalid("status");
  if (std::optional<Error> e = CheckSpecTest(spec)) return e;
  if (spec.retry_delay && *spec.retry_delay < TimeMs{}) return Invalid("retry_delay");
  return std::nullopt;
}

QualType TypeFromSpec(const QualTypeSpec& spec, QualTypeId id, AccountId owner, TimeMs now) {
  QualType t;
  t.id = id;
  t.owner = owner;
  t.name = spec.name;
  t.description = spec.description;
  t.keywords = spec.keywords;
  t.status = spec.status;
  t.has_test = !spec.test.empty();
  t.answer_key = spec.answer_key;
  t.test_duration = spec.test_duration;
  t.retry_allowed = spec.retry_delay.has_value();
  t.retry_delay = spec.retry_delay.value_or(TimeMs{});
  t.auto_granted = spec.auto_granted;
  t.auto_granted_value = spec.auto_granted_value;
  t.created = now;
  return t;
}

// The owner's type, for the commands only the owner may issue: `type` is null exactly
// when `error` says why.
struct OwnedType {
  QualType* type = nullptr;
  Error error;
};

OwnedType FindOwnedType(State& s, const Account& actor, QualTypeId id) {
  QualType* t = FindVisibleQualType(s, actor, id);
  if (t == nullptr) return {nullptr, Error{ErrorCode::kNotFound, "type"}};
  if (!t->owner.valid() || t->owner != actor.id) {
    return {nullptr, Error{ErrorCode::kPermissionDenied, "type"}};
  }
  return {t, Error{}};
}

// A test update names the new test and its duration together, and the answer key is
// part of it (omitted: the new test has none), as in MTurk's UpdateQualificationType.
std::optional<Error> CheckTestUpdate(const QualType& t, const UpdateQualificationType& u) {
  if (!u.test) {
    if (u.answer_key) return Invalid("answer_key");
    if (u.test_duration) return Invalid("test_duration");
    return std::nullopt;
  }
  if (u.test->empty() || u.test->size() > limits::kTestMax) return Invalid("test");
  if (!u.test_duration) return Invalid("test_duration");
  if (std::optional<Error> e = CheckTestDuration(*u.test_duration)) return e;
  if (u.answer_key) {
    if (std::optional<Error> e = CheckAnswerKey(*u.answer_key)) return e;
  }
  if (u.auto_granted.value_or(t.auto_granted)) {
    return Invalid(u.auto_granted ? "auto_granted" : "test");
  }
  return std::nullopt;
}

std::optional<Error> CheckUpdate(const QualType& t, const UpdateQualificationType& u) {
  if (u.description) {
    if (std::optional<Error> e = CheckDescription(*u.description)) return e;
  }
  if (u.status && !IsSettableStatus(*u.status)) return Invalid("status");
  if (std::optional<Error> e = CheckTestUpdate(t, u)) return e;
  if (u.retry_delay) {
    const std::optional<TimeMs>& delay = *u.retry_delay;
    if (!delay && t.retry_allowed) return Invalid("retry_delay");  // cannot disallow retries
    if (delay && *delay < TimeMs{}) return Invalid("retry_delay");
  }
  if (u.auto_granted.value_or(false) && t.has_test) return Invalid("auto_granted");
  return std::nullopt;
}

void ApplyUpdate(QualType& t, const UpdateQualificationType& u, Output& out) {
  if (u.description) t.description = *u.description;
  if (u.status) t.status = *u.status;
  if (u.test) {
    t.has_test = true;
    t.test_duration = *u.test_duration;
    t.answer_key = u.answer_key.value_or(std::vector<AnswerKeyItem>{});
    EmitPayload(out, PayloadKind::kQualTest, t.id.value, *u.test);
  }
  if (u.retry_delay && u.retry_delay->has_value()) {
    t.retry_allowed = true;
    t.retry_delay = **u.retry_delay;
  }
  if (u.auto_granted) t.auto_granted = *u.auto_granted;
  if (u.auto_granted_value) t.auto_granted_value = *u.auto_granted_value;
}

// As MTurk does, deleting a type rejects its pending requests but keeps the grants
// already given: HIT types that require it may still be live, and their workers keep
// the qualification they earned. A disposed type can never be newly required.
void RejectPending(State& s, Output& out, const QualType& t, TimeMs now) {
  auto it = s.pending_qual_requests.lower_bound({t.owner.value, 0});
  while (it != s.pending_qual_requests.end() && it->first == t.owner.value) {
    QualRequest& r = *FindQualRequest(s, QualRequestId(it->second));
    if (r.type != t.id) {
      ++it;
      continue;
    }
    r.status = QualRequestStatus::kRejected;
    r.decided = now;
    out.qual_requests.push_back(r);
    it = s.pending_qual_requests.erase(it);
  }
}

}  // namespace

Result Handle(State& s, const Context& ctx, const CreateQualificationType& cmd, Output& out) {
  const Account& actor = Actor(s, ctx);
  if (std::optional<Error> e = RequireRole(actor, Role::kRequester)) return Result{*e};
  if (std::optional<Error> e = CheckSpec(cmd.spec)) return Result{*e};
  std::string key = OwnerNameKey(actor.id, cmd.spec.name);
  if (s.qual_type_by_owner_name.count(key) != 0) return Fail(ErrorCode::kAlreadyExists, "name");
  if (!HasRoomFor(s.qual_types.size())) return Fail(ErrorCode::kResourceExhausted, "type");

  const QualTypeId id(s.qual_types.size() + 1);
  s.qual_types.push_back(TypeFromSpec(cmd.spec, id, actor.id, ctx.now));
  s.qual_type_by_owner_name.emplace(std::move(key), Index(id.value));
  out.qual_types.push_back(s.qual_types.back());
  EmitPayload(out, PayloadKind::kQualTest, id.value, cmd.spec.test);
  return Result{QualTypeCreated{id}};
}

Result Handle(State& s, const Context& ctx, const GetQualificationType& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  const QualType* t = FindVisibleQualType(s, actor, cmd.type);
  if (t == nullptr) return Fail(ErrorCode::kNotFound, "type");
  return Result{ViewOf(*t, actor)};
}

Result Handle(State& s, const Context& ctx, const UpdateQualificationType& cmd, Output& out) {
  const Account& actor = Actor(s, ctx);
  OwnedType owned = FindOwnedType(s, actor, cmd.type);
  if (owned.type == nullptr) return Result{owned.error};
  QualType* t = owned.type;
  if (std::optional<Error> e = CheckUpdate(*t, cmd)) return Result{*e};

  ApplyUpdate(*t, cmd, out);
  out.qual_types.push_back(*t);
  return Result{ViewOf(*t, actor)};
}

Result Handle(State& s, const Context& ctx, const DeleteQualificationType& cmd, Output& out) {
  const Account& actor = Actor(s, ctx);
  OwnedType owned = FindOwnedType(s, actor, cmd.type);
  if (owned.type == nullptr) return Result{owned.error};
  QualType* t = owned.type;

  s.qual_type_by_owner_name.erase(OwnerNameKey(t->owner, t->name));
  t->status = QualTypeStatus::kDisposed;
  RejectPending(s, out, *t, ctx.now);
  out.qual_types.push_back(*t);
  return Result{Empty{}};
}

}  // namespace hitd::engine
