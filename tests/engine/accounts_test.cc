// Accounts: CreateAccount, SuspendAccount, ReactivateAccount, RotateSecret, GetAccount,
// GetStats and GetDashboard, driven through Engine::Apply.
#include <gtest/gtest.h>

#include <string>

#include "engine/engine.h"
#include "engine/limits.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptAndSubmit;
using test::AccountOf;
using test::Apply;
using test::IsError;
using test::kT0;
using test::kUS;
using test::MakeAccount;
using test::MakeHit;
using test::MakeLocale;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;
using test::SecretHash;

constexpr AccountId kAdmin = kBootstrapAdmin;

CreateAccount NewAccount(Role role, std::string name, Locale locale = kUS) {
  return CreateAccount{role, std::move(name), locale, SecretHash()};
}

TEST(Accounts, CreateAccountAllocatesIdsInSequenceAndEmitsItsRecords) {
  Engine e;
  Output out;
  const Command cmd = NewAccount(Role::kRequester, "acme", MakeLocale("US-NY"));
  Result r = Apply(e, kAdmin, kT0, cmd, out);
  ASSERT_TRUE(r.ok());
  const AccountView& v = r.get<AccountView>();
  EXPECT_EQ(v.account.id, AccountId(2));  // 1 is the bootstrap admin
  EXPECT_EQ(v.name, "acme");
  EXPECT_EQ(v.account.role, Role::kRequester);
  EXPECT_EQ(v.account.status, AccountStatus::kActive);
  EXPECT_EQ(v.account.locale, MakeLocale("US-NY"));
  EXPECT_EQ(v.account.created, TimeMs(kT0));

  ASSERT_EQ(out.accounts.size(), 1u);
  EXPECT_EQ(out.accounts[0], v.account);
  ASSERT_EQ(out.profiles.size(), 1u);
  EXPECT_EQ(out.profiles[0], (AccountProfile{AccountId(2), "acme"}));
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kSecretHash);
  EXPECT_EQ(out.payloads[0].id, 2u);
  EXPECT_EQ(out.payloads[0].data, SecretHash());

  EXPECT_EQ(MakeWorker(e, "w1"), AccountId(3));
  EXPECT_EQ(e.state().account_by_name.Find(e.state().names, "w1"), 2u);  // index = id - 1
  EXPECT_EQ(e.state().names.at(2), "w1");
}

TEST(Accounts, OnlyAnAdminCreatesAccounts) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  AccountId r = MakeRequester(e, "acme");
  EXPECT_TRUE(Rejected(e, w, kT0, NewAccount(Role::kWorker, "w2"), ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e, r, kT0, NewAccount(Role::kWorker, "w2"), ErrorCode::kPermissionDenied));
  AccountId admin2 = MakeAccount(e, Role::kAdmin, "ops");
  EXPECT_TRUE(Apply(e, admin2, kT0, NewAccount(Role::kWorker, "w2")).ok());
}

TEST(Accounts, CreateAccountRejectsMalformedNames) {
  Engine e;
  for (std::string bad : {std::string(), std::string(65, 'a'), std::string("two words"),
                          std::string("a/b"), std::string("caf\xc3\xa9"), std::string("x\n")}) {
    EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(Role::kWorker, bad),
                         ErrorCode::kInvalidArgument, "name"))
        << bad;
  }
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, std::string(64, 'a'))).ok());
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "Jo.Doe_1@x-y")).ok());
}

TEST(Accounts, CreateAccountRefusesATakenName) {
  Engine e;
  MakeWorker(e, "w1");
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(Role::kRequester, "w1"),
                       ErrorCode::kAlreadyExists, "name"));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(Role::kWorker, "admin"),
                       ErrorCode::kAlreadyExists, "name"));
  // Names are case-sensitive, as account names in hitctl credentials are.
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "W1")).ok());
}

TEST(Accounts, CreateAccountValidatesTheLocale) {
  Engine e;
  Locale hole = MakeLocale("US");
  hole.subdivision[1] = 'Y';  // "US-?Y": a character after the end
  for (Locale bad : {Locale{}, MakeLocale("us"), MakeLocale("U1"), MakeLocale("US-ny"),
                     MakeLocale("US-N."), hole}) {
    EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(Role::kWorker, "w1", bad),
                         ErrorCode::kInvalidArgument, "locale"));
  }
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "w2", MakeLocale("IN"))).ok());
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "w3", MakeLocale("GB-ENG"))).ok());
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "w4", MakeLocale("FR-75"))).ok());
}

TEST(Accounts, RequesterCountriesRestrictOnlyRequesters) {
  EngineConfig config;
  config.requester_countries = {MakeLocale("US"), MakeLocale("GB")};
  Engine e(config);
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(Role::kRequester, "r1", MakeLocale("DE")),
                       ErrorCode::kInvalidArgument, "locale"));
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kRequester, "r2", MakeLocale("US-CA"))).ok());
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kRequester, "r3", MakeLocale("GB"))).ok());
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kWorker, "w1", MakeLocale("DE"))).ok());
}

TEST(Accounts, AnyCountryMayRegisterRequestersWhenNoListIsSet) {
  Engine e;
  EXPECT_TRUE(Apply(e, kAdmin, kT0, NewAccount(Role::kRequester, "r1", MakeLocale("DE"))).ok());
}

TEST(Accounts, CreateAccountRequiresA32ByteSecretHash) {
  Engine e;
  for (size_t n : {0, 31, 33, 64}) {
    CreateAccount c = NewAccount(Role::kWorker, "w1");
    c.secret_hash = std::string(n, 'h');
    EXPECT_TRUE(Rejected(e, kAdmin, kT0, c, ErrorCode::kInvalidArgument, "secret_hash")) << n;
  }
}

TEST(Accounts, CreateAccountRejectsAnUnknownRole) {
  Engine e;
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, NewAccount(static_cast<Role>(9), "x"),
                       ErrorCode::kInvalidArgument, "role"));
}

TEST(Accounts, SuspendedAccountCannotActUntilReactivated) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  Output out;
  const Command cmd = SuspendAccount{w, "spam"};
  Result r = Apply(e, kAdmin, kT0, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<AccountView>().account.status, AccountStatus::kSuspended);
  ASSERT_EQ(out.accounts.size(), 1u);
  EXPECT_EQ(out.accounts[0].status, AccountStatus::kSuspended);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kSuspendReason);
  EXPECT_EQ(out.payloads[0].data, "spam");

  EXPECT_TRUE(IsError(Apply(e, w, kT0, GetAccountBalance{}), ErrorCode::kPermissionDenied));
  ASSERT_TRUE(Apply(e, kAdmin, kT0, ReactivateAccount{w}).ok());
  EXPECT_EQ(AccountOf(e, w).status, AccountStatus::kActive);
  EXPECT_TRUE(Apply(e, w, kT0, GetAccountBalance{}).ok());
}

TEST(Accounts, SuspendingTwiceOrReactivatingAnActiveAccountChangesNothing) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  ASSERT_TRUE(Apply(e, kAdmin, kT0, SuspendAccount{w, ""}).ok());
  Output out;
  const Command cmd = SuspendAccount{w, "again"};
  ASSERT_TRUE(Apply(e, kAdmin, kT0, cmd, out).ok());
  EXPECT_TRUE(out.accounts.empty());
  EXPECT_TRUE(out.payloads.empty());
  ASSERT_TRUE(Apply(e, kAdmin, kT0, ReactivateAccount{w}).ok());
  const Command reactivate = ReactivateAccount{w};
  ASSERT_TRUE(Apply(e, kAdmin, kT0, reactivate, out).ok());
  EXPECT_TRUE(out.accounts.empty());
}

TEST(Accounts, NobodySuspendsTheBootstrapAdminAndNoAdminSuspendsItself) {
  Engine e;
  AccountId ops = MakeAccount(e, Role::kAdmin, "ops");
  EXPECT_TRUE(
      Rejected(e, ops, kT0, SuspendAccount{kAdmin, ""}, ErrorCode::kPermissionDenied, "account"));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, SuspendAccount{kAdmin, ""}, ErrorCode::kPermissionDenied,
                       "account"));
  EXPECT_TRUE(
      Rejected(e, ops, kT0, SuspendAccount{ops, ""}, ErrorCode::kFailedPrecondition, "account"));
  EXPECT_TRUE(Apply(e, kAdmin, kT0, SuspendAccount{ops, ""}).ok());
}

TEST(Accounts, SuspendAndReactivateValidateTheirInput) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  AccountId r = MakeRequester(e, "acme");
  EXPECT_TRUE(
      Rejected(e, kAdmin, kT0, SuspendAccount{AccountId(99), ""}, ErrorCode::kNotFound, "account"));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, SuspendAccount{w, std::string(limits::kReasonMax + 1, 'r')},
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Apply(e, kAdmin, kT0, SuspendAccount{w, std::string(limits::kReasonMax, 'r')}).ok());
  EXPECT_TRUE(Rejected(e, r, kT0, SuspendAccount{w, ""}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e, r, kT0, ReactivateAccount{w}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(
      Rejected(e, kAdmin, kT0, ReactivateAccount{AccountId(0)}, ErrorCode::kNotFound, "account"));
}

TEST(Accounts, AnAccountRotatesItsOwnSecretAndAnAdminRotatesAnyone) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  AccountId other = MakeWorker(e, "w2");
  Output out;
  const Command cmd = RotateSecret{w, SecretHash('n')};
  ASSERT_TRUE(Apply(e, w, kT0, cmd, out).ok());
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kSecretHash);
  EXPECT_EQ(out.payloads[0].id, w.value);
  EXPECT_EQ(out.payloads[0].data, SecretHash('n'));
  EXPECT_TRUE(out.accounts.empty());  // the hash is not part of the account record

  EXPECT_TRUE(Apply(e, kAdmin, kT0, RotateSecret{other, SecretHash('m')}).ok());
  // Another account is invisible to a non-admin, whether or not it exists.
  EXPECT_TRUE(Rejected(e, w, kT0, RotateSecret{other, SecretHash()}, ErrorCode::kNotFound));
  EXPECT_TRUE(Rejected(e, w, kT0, RotateSecret{AccountId(99), SecretHash()}, ErrorCode::kNotFound));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, RotateSecret{AccountId(99), SecretHash()},
                       ErrorCode::kNotFound, "account"));
  EXPECT_TRUE(Rejected(e, w, kT0, RotateSecret{w, std::string(31, 'x')},
                       ErrorCode::kInvalidArgument, "secret_hash"));
}

TEST(Accounts, GetAccountShowsAnAccountToAnAdminOrItselfOnly) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(500));
  AccountId w = MakeWorker(e, "w1");
  Result mine = Apply(e, r, kT0, GetAccount{r});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine.get<AccountView>().name, "acme");
  EXPECT_EQ(mine.get<AccountView>().account.available, Cents(500));
  Result by_admin = Apply(e, kAdmin, kT0, GetAccount{w});
  ASSERT_TRUE(by_admin.ok());
  EXPECT_EQ(by_admin.get<AccountView>().account.role, Role::kWorker);
  EXPECT_TRUE(IsError(Apply(e, w, kT0, GetAccount{r}), ErrorCode::kNotFound, "account"));
  EXPECT_TRUE(IsError(Apply(e, kAdmin, kT0, GetAccount{AccountId(42)}), ErrorCode::kNotFound));
}

TEST(Accounts, GetStatsCountsAccountsAndLedgerTotals) {
  Engine e;
  MakeRequester(e, "r1", Cents(1000));
  MakeRequester(e, "r2", Cents(250));
  MakeWorker(e, "w1");
  MakeAccount(e, Role::kAdmin, "ops");
  Result r = Apply(e, kAdmin, kT0, GetStats{});
  ASSERT_TRUE(r.ok());
  const Stats& st = r.get<Stats>();
  EXPECT_EQ(st.admins, 2u);
  EXPECT_EQ(st.requesters, 2u);
  EXPECT_EQ(st.workers, 1u);
  EXPECT_EQ(st.deposits, Cents(1250));
  EXPECT_EQ(st.requester_available, Cents(1250));
  EXPECT_EQ(st.escrow, Cents(0));
  EXPECT_EQ(st.platform_revenue, Cents(0));
  EXPECT_EQ(st.imbalance, Cents(0));
  EXPECT_EQ(st.hits, 0u);
  EXPECT_EQ(st.events, e.state().last_event_seq);
  EXPECT_TRUE(IsError(Apply(e, AccountId(2), kT0, GetStats{}), ErrorCode::kPermissionDenied));
}

TEST(Accounts, GetStatsCountsHitsSlotsAndAssignments) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(100'000));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2");
  HitId h = MakeHit(e, r, Cents(50), 3);
  MakeHit(e, r, Cents(50), 2);
  AcceptAndSubmit(e, w1, h);
  ASSERT_TRUE(Apply(e, w2, kT0 + 1000, Accept{h}).ok());
  Result res = Apply(e, kAdmin, kT0 + 2000, GetStats{});
  ASSERT_TRUE(res.ok());
  const Stats& st = res.get<Stats>();
  EXPECT_EQ(st.hit_types, 1u);
  EXPECT_EQ(st.hits, 2u);
  EXPECT_EQ(st.hits_assignable, 2u);
  EXPECT_EQ(st.slots_free, 3u);  // 1 left on the first HIT, 2 on the second
  EXPECT_EQ(st.assignments, 2u);
  EXPECT_EQ(st.assignments_accepted, 1u);
  EXPECT_EQ(st.assignments_submitted, 1u);
  EXPECT_EQ(st.escrow, Cents(5 * (50 + 10)));
  EXPECT_EQ(st.imbalance, Cents(0));
  // A day later both HITs have expired, even before a Tick has run.
  Result later = Apply(e, kAdmin, kT0 + Days(2).value, GetStats{});
  EXPECT_EQ(later.get<Stats>().hits_assignable, 0u);
  EXPECT_EQ(later.get<Stats>().slots_free, 0u);
}

TEST(Accounts, NewWorkerDashboardStartsEmptyWithPerfectRates) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  Result r = Apply(e, w, kT0, GetDashboard{});
  ASSERT_TRUE(r.ok());
  const Dashboard& d = r.get<Dashboard>();
  EXPECT_EQ(d.available, Cents(0));
  EXPECT_EQ(d.pending, Cents(0));
  EXPECT_EQ(d.counters, WorkerCounters{});
  EXPECT_EQ(d.accepted_now, 0u);
  EXPECT_EQ(d.percent_approved, 100);
  EXPECT_EQ(d.percent_rejected, 0);
  AccountId req = MakeRequester(e, "acme");
  EXPECT_TRUE(IsError(Apply(e, req, kT0, GetDashboard{}), ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(IsError(Apply(e, kAdmin, kT0, GetDashboard{}), ErrorCode::kPermissionDenied));
}

TEST(Accounts, DashboardShowsPendingRewardsUntilDecided) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(100'000));
  AccountId w = MakeWorker(e, "w1");
  HitId h1 = MakeHit(e, r, Cents(70));
  HitId h2 = MakeHit(e, r, Cents(30));
  HitId h3 = MakeHit(e, r, Cents(11));
  AssignmentId a1 = AcceptAndSubmit(e, w, h1);
  AssignmentId a2 = AcceptAndSubmit(e, w, h2);
  ASSERT_TRUE(Apply(e, w, kT0 + 1000, Accept{h3}).ok());  // accepted, not submitted

  Dashboard d = Apply(e, w, kT0 + 2000, GetDashboard{}).get<Dashboard>();
  EXPECT_EQ(d.pending, Cents(100));
  EXPECT_EQ(d.accepted_now, 1u);
  EXPECT_EQ(d.counters.accepted, 3u);
  EXPECT_EQ(d.counters.submitted, 2u);

  ASSERT_TRUE(Apply(e, r, kT0 + 3000, ApproveAssignment{a1, "thanks"}).ok());
  ASSERT_TRUE(Apply(e, r, kT0 + 3000, RejectAssignment{a2, "wrong"}).ok());
  d = Apply(e, w, kT0 + 4000, GetDashboard{}).get<Dashboard>();
  EXPECT_EQ(d.pending, Cents(0));
  EXPECT_EQ(d.available, Cents(70));
  EXPECT_EQ(d.earned, Cents(70));
  EXPECT_EQ(d.counters.approved, 1u);
  EXPECT_EQ(d.counters.rejected, 1u);
  EXPECT_EQ(d.percent_approved, 50);
  EXPECT_EQ(d.percent_rejected, 50);
}

}  // namespace
}  // namespace hitd::engine
