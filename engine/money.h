// The ledger: the fee schedule and every movement of money.
//
// All money moves through these functions, which keep the State's running totals, so
// the invariant "deposits = requesters' available + escrow + workers' available +
// withdrawn + platform revenue" holds after every command. Each function asserts the
// balances it debits stay non-negative: callers check funds first and fail with
// kInsufficientFunds, so a negative balance is a bug. Engine thread only.
#pragma once

#include <cstdint>

#include "engine/config.h"
#include "engine/records.h"
#include "engine/state.h"

namespace hitd::engine {

// round-half-up(amount x bp / 10000), at least the schedule's minimum fee.
Cents FeeOf(const FeeSchedule& fees, Cents amount, int64_t bp);
// The platform fee per assignment of a HIT with this reward.
Cents RewardFee(const FeeSchedule& fees, Cents reward, bool requires_masters,
                uint32_t max_assignments);
Cents BonusFee(const FeeSchedule& fees, Cents bonus);

void LedgerDeposit(State& s, Account& requester, Cents amount);
void LedgerEscrow(State& s, Account& requester, Cents amount);  // available -> escrow
void LedgerRefund(State& s, Account& requester, Cents amount);  // escrow -> available
// escrow -> worker reward + platform fee
void LedgerPayFromEscrow(State& s, Account& requester, Account& worker, Cents reward, Cents fee);
// available -> worker amount + platform fee (bonuses, overrides of rejections)
void LedgerPayFromAvailable(State& s, Account& requester, Account& worker, Cents amount, Cents fee);
void LedgerWithdraw(State& s, Account& worker, Cents amount);  // available -> withdrawn

// deposits - (every balance + revenue), from the running totals: always 0.
Cents LedgerImbalance(const State& s);

}  // namespace hitd::engine
