// Qualification lists: ListQualificationTypes, ListWorkersWithQualificationType and
// ListMyQualifications.
//
// Each list is in id order (type id, or worker id) and pages by that id: a page holds at
// most max_results items after the token, and its next_token (the last id returned) is
// set only when at least one more item follows.
#include <algorithm>
#include <string_view>

#include "engine/check.h"
#include "engine/common.h"
#include "engine/handlers.h"
#include "engine/limits.h"
#include "engine/qual_grants.h"

namespace hitd::engine {

namespace {

// ASCII only, never the C library's locale-dependent tolower: the engine's answers must
// not depend on the process's locale.
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive substring search; `lower_needle` is already in lower case.
bool ContainsFolded(std::string_view haystack, std::string_view lower_needle) {
  auto it = std::search(haystack.begin(), haystack.end(), lower_needle.begin(), lower_needle.end(),
                        [](char h, char n) { return Lower(h) == n; });
  return it != haystack.end();
}

bool MatchesQuery(const QualType& t, std::string_view lower_query) {
  return lower_query.empty() || ContainsFolded(t.name, lower_query) ||
         ContainsFolded(t.description, lower_query) || ContainsFolded(t.keywords, lower_query);
}

bool Listed(const QualType& t, const Account& actor, const ListQualificationTypes& cmd,
            std::string_view lower_query) {
  if (cmd.must_be_owned_by_caller && t.owner != actor.id) return false;
  if (cmd.must_be_requestable && !IsRequestable(t)) return false;
  return MatchesQuery(t, lower_query);
}

// Appends one item to a page, or, when the page is already full, sets its token so the
// caller stops: returns false then.
template <typename T>
bool AddToPage(std::vector<T>& items, std::string& next_token, const Page& page, T item,
               uint64_t last_id) {
  if (items.size() == page.max_results) {
    next_token = PageToken(last_id);
    return false;
  }
  items.push_back(std::move(item));
  return true;
}

}  // namespace

// Anyone may list: requesters their own types and others' active ones, workers the
// types they might request. System types are listed unless only the caller's are asked.
Result Handle(State& s, const Context& ctx, const ListQualificationTypes& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  if (std::optional<Error> e = CheckPage(cmd.page)) return Result{*e};
  // No field is longer than a description, so a longer query can match nothing.
  if (cmd.query.size() > limits::kQualDescriptionMax) {
    return Fail(ErrorCode::kInvalidArgument, "query");
  }
  std::string lower_query(cmd.query.size(), '\0');
  std::transform(cmd.query.begin(), cmd.query.end(), lower_query.begin(), Lower);

  QualTypeList list;
  uint64_t last_id = 0;
  for (uint64_t id = PageStart(cmd.page); id <= s.qual_types.size(); ++id) {
    const QualType* t = FindVisibleQualType(s, actor, QualTypeId(id));
    if (t == nullptr || !Listed(*t, actor, cmd, lower_query)) continue;
    if (!AddToPage(list.types, list.next_token, cmd.page, ViewOf(*t, actor), last_id)) break;
    last_id = id;
  }
  return Result{std::move(list)};
}

Result Handle(State& s, const Context& ctx, const ListWorkersWithQualificationType& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  const QualType* t = FindVisibleQualType(s, actor, cmd.type);
  if (t == nullptr) return Fail(ErrorCode::kNotFound, "type");
  if (std::optional<Error> e = CheckGrantor(actor, *t)) return Result{*e};
  if (std::optional<Error> e = CheckPage(cmd.page)) return Result{*e};

  QualificationList list;
  uint64_t last_id = 0;
  const std::vector<uint32_t>& holders = s.grants_by_type.Of(cmd.type.value);
  for (auto it = std::lower_bound(holders.begin(), holders.end(), PageStart(cmd.page));
       it != holders.end(); ++it) {
    const Account& worker = *FindAccount(s, AccountId(*it));
    std::optional<QualificationView> view = QualificationOf(s, worker, cmd.type);
    HITD_CHECK(view.has_value());
    if (!AddToPage(list.qualifications, list.next_token, cmd.page, *view, last_id)) break;
    last_id = *it;
  }
  return Result{std::move(list)};
}

// The worker's computed system values (PercentAssignments*, NumberHITsApproved, and
// Locale when it has one), then its grants (Masters, Adult and requester-owned types),
// all in type id order.
Result Handle(State& s, const Context& ctx, const ListMyQualifications& cmd, Output&) {
  const Account& actor = Actor(s, ctx);
  if (std::optional<Error> e = RequireRole(actor, Role::kWorker)) return Result{*e};
  if (std::optional<Error> e = CheckPage(cmd.page)) return Result{*e};

  QualificationList list;
  uint64_t last_id = 0;
  const uint64_t start = PageStart(cmd.page);
  for (uint64_t id = start; id <= system_qual::kLocale.value; ++id) {
    std::optional<QualificationView> view = QualificationOf(s, actor, QualTypeId(id));
    if (!view) continue;
    if (!AddToPage(list.qualifications, list.next_token, cmd.page, *view, last_id)) {
      return Result{std::move(list)};
    }
    last_id = id;
  }
  for (const GrantSlot& g : StateOf(s, actor).grants) {
    if (g.type < start) continue;
    QualificationView view{QualTypeId(g.type),   actor.id, g.value, {}, g.granted,
                           GrantStatus::kGranted};
    if (!AddToPage(list.qualifications, list.next_token, cmd.page, view, last_id)) break;
    last_id = g.type;
  }
  return Result{std::move(list)};
}

}  // namespace hitd::engine
