// The demo's books: what a requester's deposit became. Every cent deposited is still on
// the requester's account (available or in escrow), was paid to a worker, or is the
// platform's fee; and the daemon's own ledger (GetStats) shows no imbalance.
//
// A pure function: any thread may call it.
#pragma once

#include <cstdint>
#include <string>

namespace hitd::ctl {

struct Books {
  int64_t deposit_cents = 0;
  int64_t available_cents = 0;  // the requester's
  int64_t escrow_cents = 0;     // the requester's
  int64_t paid_to_workers_cents = 0;
  int64_t platform_fees_cents = 0;
  int64_t ledger_imbalance_cents = 0;  // GetStats: always 0
};

// "" when the books balance; else what does not add up, in dollars.
std::string CheckBooks(const Books& books);

}  // namespace hitd::ctl
