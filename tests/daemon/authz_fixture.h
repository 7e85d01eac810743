// The marketplace of MarketTest plus one object of every owned kind, for the
// authorization tests: an Accepted and a Submitted assignment of worker_ on requester_'s
// HITs, a pending qualification request to requester_, an inactive (hidden) type of
// requester_, and other_requester_'s own HIT type and HIT.
//
// Snapshot() captures what a refused call must leave as it was: the admin's Stats (which
// count every account, HIT, assignment, event and cent) and both role clients' balances.
#pragma once

#include <string>
#include <variant>

#include "engine/replies.h"
#include "net/protocol/operation.h"
#include "tests/daemon/market_fixture.h"

namespace hitd::daemon_test {

struct Snapshot {
  engine::Stats stats;
  engine::AccountBalance requester;
  engine::AccountBalance worker;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

class AuthzTest : public MarketTest {
 protected:
  void SetUp() override;

  Snapshot Take();
  // Calls an engine command or a daemon operation with `client`.
  static client::Answer CallAny(client::BlockingClient& client, const net::Operation& op);
  static std::string NameOf(const net::Operation& op);

  engine::AssignmentId accepted_;   // worker_ on open_hit_, Accepted
  engine::AssignmentId submitted_;  // worker_ on submitted_hit_, Submitted
  engine::HitId submitted_hit_;     // requester_'s
  engine::QualTypeId manual_;       // requester_'s, no test: requests wait for the owner
  engine::QualRequestId pending_;   // other_worker_'s request for manual_
  engine::QualTypeId hidden_;       // requester_'s, inactive: only the owner sees it
  engine::HitTypeId foreign_type_;  // other_requester_'s
  engine::HitId foreign_hit_;       // other_requester_'s
  static constexpr uint64_t kNoSuchId = 999'999;
};

}  // namespace hitd::daemon_test
