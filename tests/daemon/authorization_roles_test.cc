// The authorization matrix by role, table-driven: every operation (each engine::Command
// alternative but Tick, each net::DaemonCommand) as an unauthenticated connection, as
// the admin, as a requester (the owner of every object named) and as a worker (the one
// who holds the assignments named). A refused call answers its code (PERMISSION_DENIED
// for a role that may not; NOT_FOUND where the object is not the caller's to see) and
// changes nothing: the admin's Stats and both balances are compared before and after.
// Allowed reads run and must succeed; allowed mutations are not run here (they change
// state on purpose: operations_e2e_test.cc runs them all).
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <vector>

#include "tests/daemon/authz_fixture.h"
#include "tests/daemon/raw_connection.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;
using engine::ErrorCode;

enum class Rule { kOk, kMutation, kNotDenied, kDenied, kNotFound };

struct Row {
  net::Operation op;
  Rule admin, requester, worker;
};

class AuthorizationByRole : public AuthzTest {
 protected:
  std::vector<Row> Table() const;
  void Check(client::BlockingClient& client, const char* role, const Row& row, Rule rule);
};

constexpr Rule OK = Rule::kOk, MUT = Rule::kMutation, ANY = Rule::kNotDenied, PD = Rule::kDenied,
               NF = Rule::kNotFound;

std::string Hash() { return std::string(32, 'h'); }

engine::TimeMs InTwoHours() {
  return engine::TimeMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count() +
                        2 * 3600 * 1000);
}

std::vector<Row> AuthorizationByRole::Table() const {
  using namespace engine;
  const Page page{10, ""};
  engine::UpdateQualificationType update;
  update.type = skill_;
  update.description = "changed";
  engine::CreateQualificationType qual;
  qual.spec.name = "Another";
  qual.spec.description = "d";
  auto E = [](auto c) { return net::Operation(Command(std::move(c))); };
  auto D = [](auto c) { return net::Operation(net::DaemonCommand(std::move(c))); };
  return {
      {E(engine::CreateAccount{Role::kWorker, "authz-new", Country("US"), Hash()}), MUT, PD, PD},
      {E(Deposit{requester_.id, Cents(100)}), MUT, PD, PD},
      {E(SuspendAccount{third_worker_.id, "r"}), MUT, PD, PD},
      {E(ReactivateAccount{third_worker_.id}), MUT, PD, PD},
      {E(RotateSecret{third_worker_.id, Hash()}), MUT, NF, NF},
      {E(GetAccount{third_worker_.id}), OK, NF, NF},
      {E(GetStats{}), OK, PD, PD},
      {E(CreateHitType{TypeSpec("x")}), PD, MUT, PD},
      {E(engine::CreateHit{TypeSpec("x"), HitSpecOf("q")}), PD, MUT, PD},
      {E(CreateHitWithHitType{open_type_, HitSpecOf("q")}), PD, MUT, PD},
      {E(CreateHits{open_type_, {HitSpecOf("q")}}), PD, MUT, PD},
      {E(GetHit{open_hit_}), OK, OK, NF},
      {E(ListHits{page, {}, {}, {}, {}}), PD, OK, PD},
      {E(ListReviewableHits{page, {}, HitStatus::kReviewable}), PD, OK, PD},
      {E(UpdateExpirationForHit{open_hit_, InTwoHours()}), PD, MUT, PD},
      {E(UpdateHitReviewStatus{open_hit_, false}), PD, MUT, PD},
      {E(UpdateHitTypeOfHit{open_hit_, qualified_type_}), PD, MUT, PD},
      {E(CreateAdditionalAssignmentsForHit{open_hit_, 1}), PD, MUT, PD},
      {E(DeleteHit{open_hit_}), PD, MUT, PD},
      {E(ListAssignmentsForHit{open_hit_, page, {}, {}, {}}), PD, OK, PD},
      {E(GetAssignment{accepted_}), OK, OK, OK},
      {E(ApproveAssignment{submitted_, "ok", false}), PD, MUT, PD},
      {E(RejectAssignment{submitted_, "no"}), PD, MUT, PD},
      {E(SendBonus{worker_.id, submitted_, Cents(5), "r"}), PD, MUT, PD},
      {E(ListBonusPayments{{}, submitted_, page}), PD, OK, PD},
      {E(GetAccountBalance{}), PD, OK, OK},
      {E(CreateWorkerBlock{other_worker_.id, "r"}), PD, MUT, PD},
      {E(DeleteWorkerBlock{other_worker_.id, "r"}), PD, MUT, PD},
      {E(ListWorkerBlocks{page}), PD, OK, PD},
      {E(NotifyWorkers{"s", "m", {worker_.id}}), PD, MUT, PD},
      {E(qual), PD, MUT, PD},
      {E(GetQualificationType{skill_}), OK, OK, OK},
      {E(update), PD, MUT, PD},
      {E(DeleteQualificationType{skill_}), PD, MUT, PD},
      {E(ListQualificationTypes{page, "", false, false}), OK, OK, OK},
      {E(AssociateQualificationWithWorker{skill_, other_worker_.id, 1}), PD, MUT, PD},
      {E(DisassociateQualificationFromWorker{skill_, worker_.id, "r"}), PD, MUT, PD},
      {E(GetQualificationScore{skill_, worker_.id}), OK, OK, OK},
      {E(ListWorkersWithQualificationType{skill_, page}), PD, OK, PD},
      {E(ListQualificationRequests{{}, page}), PD, OK, PD},
      {E(AcceptQualificationRequest{pending_, {}}), NF, MUT, NF},
      {E(RejectQualificationRequest{pending_, "r"}), NF, MUT, NF},
      {E(RequestQualification{manual_, {}}), PD, PD, MUT},
      {E(ListMyQualifications{page}), PD, PD, OK},
      {E(ListHitGroups{{}, GroupSort::kRewardDesc, page}), PD, PD, OK},
      {E(PreviewHit{open_hit_}), PD, PD, OK},
      {E(Accept{open_hit_}), PD, PD, MUT},
      {E(AcceptNext{{}}), PD, PD, MUT},
      {E(ReturnAssignment{accepted_}), PD, PD, MUT},
      {E(SubmitAssignment{accepted_, "a"}), PD, PD, MUT},
      {E(SubmitAndAcceptNext{accepted_, "a"}), PD, PD, MUT},
      {E(ListMyAssignments{page, {}, {}, {}}), PD, PD, OK},
      {E(GetDashboard{}), PD, PD, OK},
      {E(Withdraw{Cents(1), WithdrawMethod::kGiftCertificate}), PD, PD, MUT},
      // Subscriptions change no state; a worker has no events of its own (unspecified).
      {D(net::SubscribeEvents{0}), MUT, MUT, ANY},
      {D(net::SubscribeWork{{}}), PD, PD, MUT},
      {D(net::Unsubscribe{net::SubscriptionKind::kWork}), ANY, ANY, ANY},
      {D(net::Backup{(data_dir() / "authz-backup").string()}), MUT, PD, PD},
  };
}

void AuthorizationByRole::Check(client::BlockingClient& client, const char* role, const Row& row,
                                Rule rule) {
  SCOPED_TRACE(std::string(role) + " " + NameOf(row.op));
  if (rule == Rule::kMutation) return;
  const Snapshot before = Take();
  const client::Answer a = CallAny(client, row.op);
  switch (rule) {
    case Rule::kOk:
      EXPECT_TRUE(Ok(a));
      break;
    case Rule::kNotDenied:
      EXPECT_NE(a.error().code, ErrorCode::kPermissionDenied);
      EXPECT_NE(a.error().code, ErrorCode::kUnauthenticated);
      break;
    case Rule::kDenied:
      EXPECT_TRUE(Fails(a, ErrorCode::kPermissionDenied));
      break;
    case Rule::kNotFound:
      EXPECT_TRUE(Fails(a, ErrorCode::kNotFound));
      break;
    case Rule::kMutation:
      break;
  }
  if (rule != Rule::kOk && rule != Rule::kNotDenied) {
    EXPECT_EQ(Take(), before) << "a refused call changes nothing";
  }
}

TEST_F(AuthorizationByRole, TableCoversEveryOperation) {
  std::set<size_t> engine_ops, daemon_ops;
  for (const Row& row : Table()) {
    if (const auto* c = std::get_if<Command>(&row.op)) engine_ops.insert(c->index());
    if (const auto* d = std::get_if<net::DaemonCommand>(&row.op)) daemon_ops.insert(d->index());
  }
  EXPECT_EQ(engine_ops.size(), std::variant_size_v<Command> - 1) << "every command but Tick";
  EXPECT_FALSE(engine_ops.contains(Command(engine::Tick{}).index()));
  EXPECT_EQ(daemon_ops.size(), std::variant_size_v<net::DaemonCommand>);
}

TEST_F(AuthorizationByRole, AsAdmin) {
  for (const Row& row : Table()) Check(admin(), "admin", row, row.admin);
}

TEST_F(AuthorizationByRole, AsRequester) {
  for (const Row& row : Table()) Check(*r_, "requester", row, row.requester);
}

TEST_F(AuthorizationByRole, AsWorker) {
  for (const Row& row : Table()) Check(*w_, "worker", row, row.worker);
}

// Before the handshake every operation, whatever it is, gets Goodbye UNAUTHENTICATED
// and a closed connection, and nothing changes.
TEST_F(AuthorizationByRole, UnauthenticatedConnectionGetsUnauthenticatedForEveryOperation) {
  const Snapshot before = Take();
  uint64_t id = 1;
  for (const Row& row : Table()) {
    SCOPED_TRACE(NameOf(row.op));
    RawConnection raw(port());
    const std::vector<uint8_t> frame =
        std::visit([&](const auto& o) { return RequestFrame(id, o); }, row.op);
    ++id;
    ASSERT_TRUE(raw.Write(frame));
    ServerMessage goodbye;
    EXPECT_TRUE(raw.WaitClosed(5'000, &goodbye)) << "closed";
    EXPECT_TRUE(goodbye.is_goodbye(ErrorCode::kUnauthenticated)) << goodbye.Describe();
  }
  EXPECT_EQ(Take(), before);
  ExpectServedNormally();
}

}  // namespace
}  // namespace hitd::daemon_test
