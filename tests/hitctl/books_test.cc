// The demo's check of the books: it passes only when every cent is accounted for.
#include "ops/hitctl/books.h"

#include <gtest/gtest.h>

namespace hitd::ctl {
namespace {

TEST(Books, BalanceWhenEveryCentIsAccountedFor) {
  EXPECT_EQ(CheckBooks({2000, 1880, 90, 25, 5, 0}), "");
}

TEST(Books, ACentMissingIsReportedInDollars) {
  EXPECT_EQ(CheckBooks({2000, 1880, 90, 25, 4, 0}),
            "deposit $20.00 != available $18.80 + escrow $0.90 + paid to workers $0.25 + "
            "platform fees $0.04 = $19.99");
}

TEST(Books, TheDaemonsLedgerMustBeBalancedToo) {
  EXPECT_EQ(CheckBooks({2000, 1880, 90, 25, 5, -3}), "the daemon's ledger is off by -$0.03");
}

}  // namespace
}  // namespace hitd::ctl
