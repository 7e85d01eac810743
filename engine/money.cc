#include "engine/money.h"

#include "engine/check.h"

namespace hitd::engine {

Cents FeeOf(const FeeSchedule& fees, Cents amount, int64_t bp) {
  HITD_CHECK(amount.value >= 0);
  HITD_CHECK(bp >= 0);
  int64_t fee = (amount.value * bp + 5000) / 10000;  // round half up
  if (fee < fees.min_fee_cents) fee = fees.min_fee_cents;
  return Cents(fee);
}

Cents RewardFee(const FeeSchedule& fees, Cents reward, bool requires_masters,
                uint32_t max_assignments) {
  int64_t bp = fees.base_bp;
  if (requires_masters) bp += fees.masters_extra_bp;
  if (fees.large_hit_extra_enabled && max_assignments >= fees.large_hit_threshold) {
    bp += fees.large_hit_extra_bp;
  }
  return FeeOf(fees, reward, bp);
}

Cents BonusFee(const FeeSchedule& fees, Cents bonus) { return FeeOf(fees, bonus, fees.bonus_bp); }

void LedgerDeposit(State& s, Account& requester, Cents amount) {
  HITD_CHECK(amount.value > 0);
  requester.available += amount;
  s.requester_available += amount;
  s.deposits += amount;
}

void LedgerEscrow(State& s, Account& requester, Cents amount) {
  HITD_CHECK(amount.value >= 0);
  HITD_CHECK(requester.available >= amount);
  requester.available -= amount;
  requester.escrow += amount;
  s.requester_available -= amount;
  s.escrow += amount;
}

void LedgerRefund(State& s, Account& requester, Cents amount) {
  HITD_CHECK(amount.value >= 0);
  HITD_CHECK(requester.escrow >= amount);
  requester.escrow -= amount;
  requester.available += amount;
  s.escrow -= amount;
  s.requester_available += amount;
}

void LedgerPayFromEscrow(State& s, Account& requester, Account& worker, Cents reward, Cents fee) {
  Cents total = reward + fee;
  HITD_CHECK(reward.value >= 0);
  HITD_CHECK(fee.value >= 0);
  HITD_CHECK(requester.escrow >= total);
  requester.escrow -= total;
  requester.spent += total;
  worker.available += reward;
  worker.earned += reward;
  s.escrow -= total;
  s.worker_available += reward;
  s.platform_revenue += fee;
}

void LedgerPayFromAvailable(State& s, Account& requester, Account& worker, Cents amount,
                            Cents fee) {
  Cents total = amount + fee;
  HITD_CHECK(amount.value >= 0);
  HITD_CHECK(fee.value >= 0);
  HITD_CHECK(requester.available >= total);
  requester.available -= total;
  requester.spent += total;
  worker.available += amount;
  worker.earned += amount;
  s.requester_available -= total;
  s.worker_available += amount;
  s.platform_revenue += fee;
}

void LedgerWithdraw(State& s, Account& worker, Cents amount) {
  HITD_CHECK(amount.value > 0);
  HITD_CHECK(worker.available >= amount);
  worker.available -= amount;
  worker.withdrawn += amount;
  s.worker_available -= amount;
  s.withdrawn += amount;
}

Cents LedgerImbalance(const State& s) {
  return s.deposits -
         (s.requester_available + s.escrow + s.worker_available + s.withdrawn + s.platform_revenue);
}

}  // namespace hitd::engine
