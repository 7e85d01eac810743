// Loader steps (load_internal.h): accounts with their names, and qualification types
// and requests.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/load_internal.h"
#include "engine/name_index.h"

namespace hitd::engine::load {

namespace {

std::string CheckAccount(const Account& a) {
  if (!InRange(a.role, Role::kAdmin, Role::kWorker)) return Name("account", a.id.value) + ": role";
  if (!InRange(a.status, AccountStatus::kActive, AccountStatus::kSuspended)) {
    return Name("account", a.id.value) + ": status";
  }
  return {};
}

// Names: the bootstrap admin's unless loaded, every other account's from its profile,
// unique across accounts.
std::string PlaceNames(State& s, std::vector<AccountProfile>& profiles) {
  KeepLastPerKey(profiles, [](const AccountProfile& p) { return p.id.value; });
  std::vector<std::string> names(s.accounts.size());
  names[0] = s.names[0];
  for (AccountProfile& p : profiles) {
    if (p.id.value == 0 || p.id.value > s.accounts.size()) {
      return Name("profile", p.id.value) + ": no such account";
    }
    names[p.id.value - 1] = std::move(p.name);
  }
  s.names = std::move(names);
  s.account_by_name = NameIndex();
  for (size_t i = 0; i < s.names.size(); ++i) {
    if (s.names[i].empty()) return Name("account", i + 1) + ": no name (its profile is missing)";
    if (s.account_by_name.contains(s.names, s.names[i])) {
      return Name("account", i + 1) + ": its name is another account's";
    }
    s.account_by_name.Insert(s.names, static_cast<uint32_t>(i));
  }
  return {};
}

std::string CheckQualType(const State& s, const QualType& t) {
  const std::string name = Name("qualification type", t.id.value);
  if (!InRange(t.status, QualTypeStatus::kActive, QualTypeStatus::kDisposed)) {
    return name + ": status";
  }
  if (t.id.value < system_qual::kFirstUserId) {
    if (t.id.value > system_qual::kCount) return name + ": a reserved id";
    if (t.owner.valid()) return name + ": a system type with an owner";
  } else if (!IsA(s, t.owner, Role::kRequester)) {
    return name + ": its owner is not a requester";
  }
  return {};
}

std::string CheckQualRequest(const State& s, const QualRequest& r) {
  const std::string name = Name("qualification request", r.id.value);
  if (!IsA(s, r.worker, Role::kWorker)) return name + ": its worker is not a worker";
  if (r.type.value == 0 || r.type.value > s.qual_types.size()) return name + ": no such type";
  if (!InRange(r.status, QualRequestStatus::kPending, QualRequestStatus::kRejected)) {
    return name + ": status";
  }
  return {};
}

}  // namespace

std::string PlaceAccounts(State& s, Records& r) {
  std::vector<Account>& loaded = r.accounts;
  KeepLastPerKey(loaded, [](const Account& a) { return a.id.value; });
  // The bootstrap admin is emitted only if it changes: the table starts with it.
  const bool admin_loaded = !loaded.empty() && loaded[0].id == kBootstrapAdmin;
  if (std::string e = CheckDense(loaded, admin_loaded ? 1 : 2, "account"); !e.empty()) return e;
  for (const Account& a : loaded) {
    if (std::string e = CheckAccount(a); !e.empty()) return e;
  }
  if (admin_loaded && loaded[0].role != Role::kAdmin) return "account 1: not the admin";
  if (admin_loaded) s.accounts.clear();
  Place(s.accounts, loaded, s.config.reserve_accounts);
  s.account_states.reserve(std::max<uint64_t>(s.config.reserve_accounts, s.accounts.size()));
  s.account_states.resize(s.accounts.size());
  return PlaceNames(s, r.profiles);
}

std::string PlaceQuals(State& s, Records& r) {
  std::vector<QualType>& types = r.qual_types;
  KeepLastPerKey(types, [](const QualType& t) { return t.id.value; });
  size_t user = 0;  // the first requester-owned type in `types`
  for (; user < types.size() && types[user].id.value < system_qual::kFirstUserId; ++user) {
    QualType& t = types[user];
    if (t.id.value == 0) return "qualification type 0";
    if (std::string e = CheckQualType(s, t); !e.empty()) return e;
    s.qual_types[t.id.value - 1] = std::move(t);
  }
  types.erase(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(user));
  const char* kind = "qualification type";
  if (std::string e = CheckDense(types, system_qual::kFirstUserId, kind); !e.empty()) return e;
  for (const QualType& t : types) {
    if (std::string e = CheckQualType(s, t); !e.empty()) return e;
  }
  Place(s.qual_types, types, 0);

  std::vector<QualRequest>& requests = r.qual_requests;
  KeepLastPerKey(requests, [](const QualRequest& q) { return q.id.value; });
  if (std::string e = CheckDense(requests, 1, "qualification request"); !e.empty()) return e;
  for (const QualRequest& q : requests) {
    if (std::string e = CheckQualRequest(s, q); !e.empty()) return e;
  }
  Place(s.qual_requests, requests, 0);
  return {};
}

}  // namespace hitd::engine::load
