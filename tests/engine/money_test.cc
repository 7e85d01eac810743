// Money: the fee schedule to the cent, Deposit, GetAccountBalance, SendBonus,
// ListBonusPayments, Withdraw, and the conservation invariant after each of them.
#include "engine/money.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/limits.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptAndSubmit;
using test::AccountOf;
using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::IsError;
using test::kT0;
using test::MakeHit;
using test::MakeLocale;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;

constexpr AccountId kAdmin = kBootstrapAdmin;
constexpr int64_t kLater = kT0 + 10'000;

struct FeeCase {
  int64_t reward;
  int64_t fee;
};

// ---- the fee schedule ----

TEST(Money, RewardFeeIsTwentyPercentRoundedHalfUpWithAOneCentMinimum) {
  const FeeSchedule fees;
  // reward -> exact 20% -> fee
  for (FeeCase c : {FeeCase{1, 1},   // 0.2 -> 0, raised to the 1c minimum
                    FeeCase{2, 1},   // 0.4 -> 0 -> 1
                    FeeCase{3, 1},   // 0.6 -> 1
                    FeeCase{7, 1},   // 1.4 -> 1
                    FeeCase{8, 2},   // 1.6 -> 2
                    FeeCase{13, 3},  // 2.6 -> 3
                    FeeCase{12, 2},  // 2.4 -> 2
                    FeeCase{100, 20}, FeeCase{1'000'000, 200'000}}) {
    EXPECT_EQ(RewardFee(fees, Cents(c.reward), false, 1), Cents(c.fee)) << c.reward;
  }
}

TEST(Money, MastersAddFivePercentAndExactHalvesRoundUp) {
  const FeeSchedule fees;
  // 25%: 2 -> 0.5, 6 -> 1.5, 10 -> 2.5, 14 -> 3.5 are exact halves; half-up gives
  // 1, 2, 3, 4 (banker's rounding would give 0->1, 2, 2, 4; truncation 0->1, 1, 2, 3).
  for (FeeCase c : {FeeCase{1, 1}, FeeCase{2, 1}, FeeCase{6, 2}, FeeCase{10, 3}, FeeCase{14, 4},
                    FeeCase{7, 2} /* 1.75 */, FeeCase{100, 25}}) {
    EXPECT_EQ(RewardFee(fees, Cents(c.reward), true, 1), Cents(c.fee)) << c.reward;
  }
}

TEST(Money, LargeHitExtraAppliesFromTenAssignmentsOnlyWhenEnabled) {
  FeeSchedule fees;
  EXPECT_EQ(RewardFee(fees, Cents(100), false, 10), Cents(20));  // off by default
  EXPECT_EQ(RewardFee(fees, Cents(100), false, 1'000'000), Cents(20));
  fees.large_hit_extra_enabled = true;
  EXPECT_EQ(RewardFee(fees, Cents(100), false, 9), Cents(20));
  EXPECT_EQ(RewardFee(fees, Cents(100), false, 10), Cents(40));
  EXPECT_EQ(RewardFee(fees, Cents(7), false, 10), Cents(3));   // 2.8 -> 3
  EXPECT_EQ(RewardFee(fees, Cents(10), true, 10), Cents(5));   // 45%: 4.5 -> 5
  EXPECT_EQ(RewardFee(fees, Cents(30), true, 10), Cents(14));  // 13.5 -> 14
  EXPECT_EQ(RewardFee(fees, Cents(1), true, 10), Cents(1));    // 0.45 -> 0 -> 1
}

TEST(Money, BonusFeeIsTwentyPercentWithAOneCentMinimum) {
  const FeeSchedule fees;
  for (FeeCase c : {FeeCase{1, 1}, FeeCase{4, 1}, FeeCase{5, 1}, FeeCase{7, 1}, FeeCase{8, 2},
                    FeeCase{13, 3}, FeeCase{250, 50}}) {
    EXPECT_EQ(BonusFee(fees, Cents(c.reward)), Cents(c.fee)) << c.reward;
  }
}

TEST(Money, ConfiguredBonusRateRoundsExactHalvesUp) {
  FeeSchedule fees;
  fees.bonus_bp = 1000;  // 10%
  for (FeeCase c : {FeeCase{5, 1}, FeeCase{15, 2}, FeeCase{25, 3}, FeeCase{35, 4}, FeeCase{14, 1},
                    FeeCase{16, 2}}) {
    EXPECT_EQ(BonusFee(fees, Cents(c.reward)), Cents(c.fee)) << c.reward;
  }
}

TEST(Money, CreateHitEscrowsRewardPlusFeeForEverySlot) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(1000));
  MakeHit(e, r, Cents(13), 3);  // fee 3: 3 x 16
  EXPECT_EQ(AccountOf(e, r).escrow, Cents(48));
  EXPECT_EQ(AccountOf(e, r).available, Cents(952));
}

TEST(Money, CreateHitChargesTheLargeHitExtraWhenConfigured) {
  EngineConfig config;
  config.fees.large_hit_extra_enabled = true;
  Engine e(config);
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  MakeHit(e, r, Cents(10), 9);  // 20%: fee 2
  EXPECT_EQ(AccountOf(e, r).escrow, Cents(9 * 12));
  MakeHit(e, r, Cents(10), 10);  // 40%: fee 4
  EXPECT_EQ(AccountOf(e, r).escrow, Cents(9 * 12 + 10 * 14));
}

// ---- deposits and balances ----

TEST(Money, DepositCreditsTheRequestersAvailableBalance) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  Output out;
  const Command cmd = Deposit{r, Cents(1234)};
  Result res = Apply(e, kAdmin, kT0, cmd, out);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.get<AccountBalance>(), (AccountBalance{Cents(1234), Cents(0), Cents(0)}));
  ASSERT_EQ(out.accounts.size(), 1u);
  EXPECT_EQ(out.accounts[0].available, Cents(1234));
  ASSERT_TRUE(Apply(e, kAdmin, kT0, Deposit{r, Cents(limits::kTransferMaxCents)}).ok());
  EXPECT_EQ(AccountOf(e, r).available, Cents(1234 + limits::kTransferMaxCents));
  EXPECT_EQ(e.state().deposits, Cents(1234 + limits::kTransferMaxCents));
  EXPECT_EQ(LedgerImbalance(e.state()), Cents(0));
}

TEST(Money, DepositIsForAnAdminIntoARequesterWithinTheTransferLimit) {
  Engine e;
  AccountId r = MakeRequester(e, "acme");
  AccountId w = MakeWorker(e, "w1");
  EXPECT_TRUE(Rejected(e, r, kT0, Deposit{r, Cents(100)}, ErrorCode::kPermissionDenied, "role"));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, Deposit{w, Cents(100)}, ErrorCode::kNotFound, "requester"));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, Deposit{kAdmin, Cents(100)}, ErrorCode::kNotFound));
  EXPECT_TRUE(Rejected(e, kAdmin, kT0, Deposit{AccountId(77), Cents(100)}, ErrorCode::kNotFound));
  for (int64_t bad : {int64_t{0}, int64_t{-5}, limits::kTransferMaxCents + 1}) {
    EXPECT_TRUE(
        Rejected(e, kAdmin, kT0, Deposit{r, Cents(bad)}, ErrorCode::kInvalidArgument, "amount"))
        << bad;
  }
  EXPECT_EQ(AccountOf(e, r).available, Cents(0));
}

TEST(Money, GetAccountBalanceShowsEachRoleItsOwnBalances) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(1000));
  AccountId w = MakeWorker(e, "w1");
  MakeHit(e, r, Cents(50), 2);  // escrow 2 x 60
  Result rb = Apply(e, r, kT0, GetAccountBalance{});
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb.get<AccountBalance>(), (AccountBalance{Cents(880), Cents(120), Cents(0)}));
  Result wb = Apply(e, w, kT0, GetAccountBalance{});
  ASSERT_TRUE(wb.ok());
  EXPECT_EQ(wb.get<AccountBalance>(), (AccountBalance{}));
  EXPECT_TRUE(IsError(Apply(e, kAdmin, kT0, GetAccountBalance{}), ErrorCode::kPermissionDenied));
}

// ---- bonuses ----

// A requester with funds, a worker and one submitted assignment on a 100c HIT.
struct BonusFixture {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  AccountId worker = MakeWorker(e, "w1");
  HitId hit = MakeHit(e, requester, Cents(100), 2);
  AssignmentId assignment = AcceptAndSubmit(e, worker, hit);
};

TEST(Money, SendBonusPaysTheWorkerAndChargesTheBonusFee) {
  BonusFixture f;
  const Cents before = AccountOf(f.e, f.requester).available;
  Output out;
  const Command cmd = SendBonus{f.worker, f.assignment, Cents(50), "great"};
  Result r = Apply(f.e, f.requester, kLater, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<BonusSent>(), (BonusSent{BonusId(1), Cents(10)}));
  EXPECT_EQ(AccountOf(f.e, f.requester).available, before - Cents(60));
  EXPECT_EQ(AccountOf(f.e, f.requester).spent, Cents(60));
  EXPECT_EQ(AccountOf(f.e, f.worker).available, Cents(50));
  EXPECT_EQ(AccountOf(f.e, f.worker).earned, Cents(50));
  EXPECT_EQ(f.e.state().platform_revenue, Cents(10));
  EXPECT_EQ(LedgerImbalance(f.e.state()), Cents(0));

  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kBonusPaid);
  EXPECT_EQ(out.events[0].owner, f.requester);
  EXPECT_EQ(out.events[0].worker, f.worker);
  EXPECT_EQ(out.events[0].assignment, f.assignment);
  EXPECT_EQ(out.events[0].hit, f.hit);
  EXPECT_EQ(out.events[0].amount, Cents(50));
  EXPECT_EQ(out.accounts.size(), 2u);
  ASSERT_EQ(out.bonuses.size(), 1u);
  EXPECT_EQ(out.bonuses[0], (Bonus{BonusId(1), f.requester, f.worker, f.assignment, f.hit,
                                   Cents(50), Cents(10), TimeMs(kLater)}));
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kBonusReason);
  EXPECT_EQ(out.payloads[0].id, 1u);
  EXPECT_EQ(out.payloads[0].data, "great");
}

TEST(Money, BonusFeeHasAOneCentMinimum) {
  BonusFixture f;
  Result r = Apply(f.e, f.requester, kLater, SendBonus{f.worker, f.assignment, Cents(1), "tip"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<BonusSent>().fee, Cents(1));
  EXPECT_EQ(f.e.state().platform_revenue, Cents(1));
}

TEST(Money, SendBonusPaysForSubmittedApprovedAndRejectedWorkOnly) {
  Engine e;
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  AccountId w = MakeWorker(e, "w1");
  AssignmentId submitted = AcceptAndSubmit(e, w, MakeHit(e, r, Cents(10)));
  AssignmentId approved = AcceptAndSubmit(e, w, MakeHit(e, r, Cents(10)));
  AssignmentId rejected = AcceptAndSubmit(e, w, MakeHit(e, r, Cents(10)));
  ASSERT_TRUE(Apply(e, r, kLater, ApproveAssignment{approved, ""}).ok());
  ASSERT_TRUE(Apply(e, r, kLater, RejectAssignment{rejected, "no"}).ok());
  HitId open = MakeHit(e, r, Cents(10));
  Result acc = Apply(e, w, kLater, Accept{open});
  ASSERT_TRUE(acc.ok());
  AssignmentId accepted = acc.get<AssignmentView>().assignment.id;
  HitId other = MakeHit(e, r, Cents(10));
  Result acc2 = Apply(e, w, kLater, Accept{other});
  ASSERT_TRUE(acc2.ok());
  AssignmentId returned = acc2.get<AssignmentView>().assignment.id;
  ASSERT_TRUE(Apply(e, w, kLater, ReturnAssignment{returned}).ok());

  for (AssignmentId a : {submitted, approved, rejected}) {
    EXPECT_TRUE(Apply(e, r, kLater, SendBonus{w, a, Cents(5), "thanks"}).ok()) << a.value;
  }
  for (AssignmentId a : {accepted, returned}) {
    EXPECT_TRUE(Rejected(e, r, kLater, SendBonus{w, a, Cents(5), "thanks"},
                         ErrorCode::kFailedPrecondition, "assignment"))
        << a.value;
  }
}

TEST(Money, SendBonusRejectsBadInputAndChangesNothing) {
  BonusFixture f;
  AccountId rival = MakeRequester(f.e, "rival", Cents(10'000));
  AccountId w2 = MakeWorker(f.e, "w2");
  const AssignmentId a = f.assignment;
  const auto bonus = [&](WorkerId w, AssignmentId id, int64_t amount, std::string reason) {
    return SendBonus{w, id, Cents(amount), std::move(reason)};
  };
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater, bonus(f.worker, a, 0, "x"),
                       ErrorCode::kInvalidArgument, "amount"));
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater,
                       bonus(f.worker, a, limits::kTransferMaxCents + 1, "x"),
                       ErrorCode::kInvalidArgument, "amount"));
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater, bonus(f.worker, a, 5, ""),
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater,
                       bonus(f.worker, a, 5, std::string(limits::kReasonMax + 1, 'r')),
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater, bonus(w2, a, 5, "x"), ErrorCode::kInvalidArgument,
                       "worker"));
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater, bonus(f.worker, AssignmentId(99), 5, "x"),
                       ErrorCode::kNotFound, "assignment"));
  EXPECT_TRUE(
      Rejected(f.e, rival, kLater, bonus(f.worker, a, 5, "x"), ErrorCode::kNotFound, "assignment"));
  EXPECT_TRUE(Rejected(f.e, f.worker, kLater, bonus(f.worker, a, 5, "x"),
                       ErrorCode::kPermissionDenied, "role"));
}

TEST(Money, SendBonusNeedsFundsForTheBonusAndItsFee) {
  BonusFixture f;
  const int64_t available = AccountOf(f.e, f.requester).available.value;  // 10'000 - 240
  // amount + 20% fee must fit: 8134 + 1627 = 9761 > 9760, 8133 + 1627 = 9760 fits.
  ASSERT_EQ(available, 9760);
  EXPECT_TRUE(Rejected(f.e, f.requester, kLater,
                       SendBonus{f.worker, f.assignment, Cents(8134), "x"},
                       ErrorCode::kInsufficientFunds, "amount"));
  ASSERT_TRUE(
      Apply(f.e, f.requester, kLater, SendBonus{f.worker, f.assignment, Cents(8133), "x"}).ok());
  EXPECT_EQ(AccountOf(f.e, f.requester).available, Cents(0));
  EXPECT_EQ(AccountOf(f.e, f.requester).escrow, Cents(240));  // escrow is never touched
}

TEST(Money, ConfiguredBonusFeeIsChargedThroughTheEngine) {
  EngineConfig config;
  config.fees.bonus_bp = 1000;
  Engine e(config);
  AccountId r = MakeRequester(e, "acme", Cents(10'000));
  AccountId w = MakeWorker(e, "w1");
  AssignmentId a = AcceptAndSubmit(e, w, MakeHit(e, r, Cents(100)));
  Result res = Apply(e, r, kLater, SendBonus{w, a, Cents(25), "x"});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res.get<BonusSent>().fee, Cents(3));  // 2.5 -> 3
}

TEST(Money, ListBonusPaymentsPagesByBonusIdPerHitOrAssignment) {
  BonusFixture f;
  AccountId w2 = MakeWorker(f.e, "w2");
  AssignmentId a2 = AcceptAndSubmit(f.e, w2, f.hit);
  ASSERT_TRUE(
      Apply(f.e, f.requester, kLater, SendBonus{f.worker, f.assignment, Cents(1), "a"}).ok());
  ASSERT_TRUE(Apply(f.e, f.requester, kLater, SendBonus{w2, a2, Cents(2), "b"}).ok());
  ASSERT_TRUE(
      Apply(f.e, f.requester, kLater, SendBonus{f.worker, f.assignment, Cents(3), "c"}).ok());

  ListBonusPayments by_hit{f.hit, AssignmentId(), Page{2, ""}};
  Result p1 = Apply(f.e, f.requester, kLater, by_hit);
  ASSERT_TRUE(p1.ok());
  const BonusList& l1 = p1.get<BonusList>();
  ASSERT_EQ(l1.bonuses.size(), 2u);
  EXPECT_EQ(l1.bonuses[0].amount, Cents(1));
  EXPECT_EQ(l1.bonuses[1].amount, Cents(2));
  ASSERT_FALSE(l1.next_token.empty());
  by_hit.page.next_token = l1.next_token;
  Result p2 = Apply(f.e, f.requester, kLater, by_hit);
  ASSERT_TRUE(p2.ok());
  ASSERT_EQ(p2.get<BonusList>().bonuses.size(), 1u);
  EXPECT_EQ(p2.get<BonusList>().bonuses[0].amount, Cents(3));
  EXPECT_TRUE(p2.get<BonusList>().next_token.empty());

  Result mine =
      Apply(f.e, f.requester, kLater, ListBonusPayments{HitId(), f.assignment, Page{2, ""}});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine.get<BonusList>().bonuses.size(), 2u);  // exactly a full page: no token
  EXPECT_EQ(mine.get<BonusList>().bonuses[1].amount, Cents(3));
  EXPECT_TRUE(mine.get<BonusList>().next_token.empty());
}

TEST(Money, ListBonusPaymentsTakesExactlyOneOwnHitOrAssignment) {
  BonusFixture f;
  AccountId rival = MakeRequester(f.e, "rival");
  EXPECT_TRUE(
      IsError(Apply(f.e, f.requester, kLater, ListBonusPayments{}), ErrorCode::kInvalidArgument));
  EXPECT_TRUE(
      IsError(Apply(f.e, f.requester, kLater, ListBonusPayments{f.hit, f.assignment, Page{}}),
              ErrorCode::kInvalidArgument));
  EXPECT_TRUE(IsError(Apply(f.e, rival, kLater, ListBonusPayments{f.hit, AssignmentId(), Page{}}),
                      ErrorCode::kNotFound, "hit"));
  EXPECT_TRUE(IsError(Apply(f.e, rival, kLater, ListBonusPayments{HitId(), f.assignment, Page{}}),
                      ErrorCode::kNotFound, "assignment"));
  EXPECT_TRUE(
      IsError(Apply(f.e, f.requester, kLater, ListBonusPayments{HitId(9), AssignmentId(), Page{}}),
              ErrorCode::kNotFound, "hit"));
  EXPECT_TRUE(IsError(
      Apply(f.e, f.requester, kLater, ListBonusPayments{f.hit, AssignmentId(), Page{101, ""}}),
      ErrorCode::kInvalidArgument, "max_results"));
  Result none = Apply(f.e, f.requester, kLater, ListBonusPayments{f.hit, AssignmentId(), Page{}});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none.get<BonusList>().bonuses.empty());
}

// ---- withdrawals ----

// A worker (of the given locale) who earned 500c by an approved assignment.
struct EarnedFixture {
  explicit EarnedFixture(Locale locale = test::kUS) : worker(MakeWorker(e, "w1", locale)) {
    AssignmentId a = AcceptAndSubmit(e, worker, MakeHit(e, requester, Cents(500)));
    EXPECT_TRUE(Apply(e, requester, kLater, ApproveAssignment{a, ""}).ok());
  }
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(10'000));
  AccountId worker;
};

TEST(Money, WithdrawMovesAvailableEarningsToWithdrawn) {
  EarnedFixture f;
  ASSERT_EQ(AccountOf(f.e, f.worker).available, Cents(500));
  Output out;
  const Command cmd = Withdraw{Cents(200), WithdrawMethod::kBankTransfer};
  Result r = Apply(f.e, f.worker, kLater, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<Withdrawal>(), (Withdrawal{Cents(300), Cents(200)}));
  ASSERT_EQ(out.accounts.size(), 1u);
  EXPECT_EQ(out.accounts[0].withdrawn, Cents(200));
  ASSERT_TRUE(
      Apply(f.e, f.worker, kLater, Withdraw{Cents(300), WithdrawMethod::kGiftCertificate}).ok());
  EXPECT_EQ(AccountOf(f.e, f.worker).available, Cents(0));
  EXPECT_EQ(AccountOf(f.e, f.worker).withdrawn, Cents(500));
  EXPECT_EQ(AccountOf(f.e, f.worker).earned, Cents(500));
  EXPECT_TRUE(
      Rejected(f.e, f.worker, kLater, Withdraw{Cents(1)}, ErrorCode::kInsufficientFunds, "amount"));
  EXPECT_EQ(LedgerImbalance(f.e.state()), Cents(0));
}

TEST(Money, BankTransferIsOpenOnlyToConfiguredCountries) {
  for (const char* country : {"US", "IN", "IN-KA"}) {
    EarnedFixture f(MakeLocale(country));
    EXPECT_TRUE(
        Apply(f.e, f.worker, kLater, Withdraw{Cents(10), WithdrawMethod::kBankTransfer}).ok())
        << country;
  }
  EarnedFixture de(MakeLocale("DE"));
  EXPECT_TRUE(Rejected(de.e, de.worker, kLater, Withdraw{Cents(10), WithdrawMethod::kBankTransfer},
                       ErrorCode::kPermissionDenied, "method"));
  EXPECT_TRUE(
      Apply(de.e, de.worker, kLater, Withdraw{Cents(10), WithdrawMethod::kGiftCertificate}).ok());
}

TEST(Money, WithdrawRejectsBadAmountsMethodsAndRoles) {
  Engine e;
  AccountId w = MakeWorker(e, "w1");
  AccountId r = MakeRequester(e, "acme", Cents(100));
  for (int64_t bad : {int64_t{0}, int64_t{-1}, limits::kTransferMaxCents + 1}) {
    EXPECT_TRUE(Rejected(e, w, kT0, Withdraw{Cents(bad)}, ErrorCode::kInvalidArgument, "amount"));
  }
  EXPECT_TRUE(Rejected(e, w, kT0, Withdraw{Cents(1), static_cast<WithdrawMethod>(7)},
                       ErrorCode::kInvalidArgument, "method"));
  EXPECT_TRUE(Rejected(e, w, kT0, Withdraw{Cents(1)}, ErrorCode::kInsufficientFunds, "amount"));
  EXPECT_TRUE(Rejected(e, r, kT0, Withdraw{Cents(1)}, ErrorCode::kPermissionDenied, "role"));
}

// ---- the invariant ----

// deposits = requesters' available + escrow + workers' available + withdrawn + revenue,
// summed from the account table itself, not only from the running totals.
void ExpectMoneyConserved(Engine& e) {
  const State& s = e.state();
  Cents balances;
  for (const Account& a : s.accounts) {
    EXPECT_GE(a.available.value, 0);
    EXPECT_GE(a.escrow.value, 0);
    if (a.role == Role::kRequester) balances += a.available + a.escrow;
    if (a.role == Role::kWorker) balances += a.available + a.withdrawn;
  }
  EXPECT_EQ(s.deposits, balances + s.platform_revenue);
  EXPECT_EQ(LedgerImbalance(s), Cents(0));
  Result stats = Apply(e, kAdmin, kLater, GetStats{});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats.get<Stats>().imbalance, Cents(0));
  EXPECT_EQ(stats.get<Stats>().deposits, s.deposits);
  e.CheckInvariants();
}

TEST(Money, LedgerBalancesAfterDepositsBonusesAndWithdrawals) {
  Engine e;
  AccountId r1 = MakeRequester(e, "r1", Cents(5'000));
  AccountId r2 = MakeRequester(e, "r2", Cents(777));
  AccountId w1 = MakeWorker(e, "w1");
  AccountId w2 = MakeWorker(e, "w2", MakeLocale("DE"));
  ExpectMoneyConserved(e);
  ASSERT_TRUE(Apply(e, kAdmin, kT0, Deposit{r2, Cents(1)}).ok());
  HitId h1 = MakeHit(e, r1, Cents(33), 3);
  HitId h2 = MakeHit(e, r2, Cents(7), 2);
  ExpectMoneyConserved(e);
  AssignmentId a1 = AcceptAndSubmit(e, w1, h1);
  AssignmentId a2 = AcceptAndSubmit(e, w2, h1);
  AssignmentId a3 = AcceptAndSubmit(e, w2, h2);
  ASSERT_TRUE(Apply(e, r1, kLater, ApproveAssignment{a1, ""}).ok());
  ASSERT_TRUE(Apply(e, r1, kLater, RejectAssignment{a2, "wrong label"}).ok());
  ASSERT_TRUE(Apply(e, r2, kLater, ApproveAssignment{a3, ""}).ok());
  ExpectMoneyConserved(e);
  ASSERT_TRUE(Apply(e, r1, kLater, SendBonus{w1, a1, Cents(13), "x"}).ok());
  ASSERT_TRUE(Apply(e, r1, kLater, SendBonus{w2, a2, Cents(1), "sorry"}).ok());
  ASSERT_TRUE(Apply(e, r2, kLater, SendBonus{w2, a3, Cents(8), "y"}).ok());
  ExpectMoneyConserved(e);
  ASSERT_TRUE(Apply(e, w1, kLater, Withdraw{Cents(40), WithdrawMethod::kBankTransfer}).ok());
  ASSERT_TRUE(Apply(e, w2, kLater, Withdraw{AccountOf(e, w2).available}).ok());
  ExpectMoneyConserved(e);
  // 33 + 13 earned by w1; w2 earned 1 + 7 + 8.
  EXPECT_EQ(AccountOf(e, w1).available, Cents(6));
  EXPECT_EQ(AccountOf(e, w2).withdrawn, Cents(16));
  // Fees: 7 (33c approved: 6.6) + 1 (7c approved: 1.4) + 3 + 1 + 2 (bonuses 13, 1, 8).
  EXPECT_EQ(e.state().platform_revenue, Cents(14));
}

}  // namespace
}  // namespace hitd::engine
