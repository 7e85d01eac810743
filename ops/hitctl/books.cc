#include "ops/hitctl/books.h"

#include "ops/hitctl/request_options.h"

namespace hitd::ctl {

std::string CheckBooks(const Books& b) {
  const int64_t accounted =
      b.available_cents + b.escrow_cents + b.paid_to_workers_cents + b.platform_fees_cents;
  std::string why;
  if (accounted != b.deposit_cents) {
    why = "deposit " + FormatDollars(b.deposit_cents) + " != available " +
          FormatDollars(b.available_cents) + " + escrow " + FormatDollars(b.escrow_cents) +
          " + paid to workers " + FormatDollars(b.paid_to_workers_cents) + " + platform fees " +
          FormatDollars(b.platform_fees_cents) + " = " + FormatDollars(accounted);
  }
  if (b.ledger_imbalance_cents != 0) {
    why += (why.empty() ? "" : "; ") + std::string("the daemon's ledger is off by ") +
           FormatDollars(b.ledger_imbalance_cents);
  }
  return why;
}

}  // namespace hitd::ctl
