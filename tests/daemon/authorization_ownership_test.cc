// The authorization matrix by owner, table-driven: for every operation on an owned
// object (a HIT, a HIT type, an assignment, a qualification request, a hidden
// qualification type), a caller of the right role who does not own it gets exactly the
// answer it would get for an id that does not exist (NOT_FOUND, the same field), so
// that ids cannot be probed; and nothing changes. The owner's own call is the control:
// it must not be refused for ownership.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "tests/daemon/authz_fixture.h"

namespace hitd::daemon_test {
namespace {

using engine::Command;
using engine::ErrorCode;

struct OwnedRow {
  const char* what;
  uint64_t id;                                 // the owned object
  std::function<net::Operation(uint64_t)> op;  // the operation on object `id`
  client::BlockingClient* stranger;            // the right role, not the owner
};

class AuthorizationByOwner : public AuthzTest {
 protected:
  std::vector<OwnedRow> Table();
};

std::vector<OwnedRow> AuthorizationByOwner::Table() {
  using namespace engine;
  const Page page{10, ""};
  auto E = [](auto c) { return net::Operation(Command(std::move(c))); };
  const uint64_t hit = open_hit_.value;
  const uint64_t type = open_type_.value;
  const uint64_t assignment = submitted_.value;
  const uint64_t accepted = accepted_.value;
  client::BlockingClient* r2 = r2_.get();
  client::BlockingClient* w2 = w2_.get();
  UpdateQualificationType update;
  update.description = "changed";
  return {
      {"hit", hit, [=](uint64_t id) { return E(GetHit{HitId(id)}); }, r2},
      {"hit", hit,
       [=](uint64_t id) {
         return E(UpdateExpirationForHit{HitId(id), TimeMs(1)});
       },
       r2},
      {"hit", hit,
       [=](uint64_t id) {
         return E(UpdateHitReviewStatus{HitId(id), false});
       },
       r2},
      {"hit", hit,
       [=, this](uint64_t id) {
         return E(UpdateHitTypeOfHit{HitId(id), foreign_type_});
       },
       r2},
      {"hit", hit,
       [=](uint64_t id) {
         return E(CreateAdditionalAssignmentsForHit{HitId(id), 1});
       },
       r2},
      {"hit", hit, [=](uint64_t id) { return E(DeleteHit{HitId(id)}); }, r2},
      {"hit", hit,
       [=](uint64_t id) {
         return E(ListAssignmentsForHit{HitId(id), page, {}, {}, {}});
       },
       r2},
      {"hit", hit,
       [=](uint64_t id) {
         return E(ListBonusPayments{HitId(id), {}, page});
       },
       r2},
      {"hit type", type,
       [=](uint64_t id) {
         return E(CreateHitWithHitType{HitTypeId(id), HitSpecOf("q")});
       },
       r2},
      {"hit type", type,
       [=](uint64_t id) {
         return E(CreateHits{HitTypeId(id), {HitSpecOf("q")}});
       },
       r2},
      {"hit type", type,
       [=, this](uint64_t id) {
         return E(UpdateHitTypeOfHit{foreign_hit_, HitTypeId(id)});
       },
       r2},
      {"assignment", assignment, [=](uint64_t id) { return E(GetAssignment{AssignmentId(id)}); },
       r2},
      {"assignment", assignment, [=](uint64_t id) { return E(GetAssignment{AssignmentId(id)}); },
       w2},
      {"assignment", assignment,
       [=](uint64_t id) {
         return E(ApproveAssignment{AssignmentId(id), "ok", false});
       },
       r2},
      {"assignment", assignment,
       [=](uint64_t id) {
         return E(RejectAssignment{AssignmentId(id), "no"});
       },
       r2},
      {"assignment", assignment,
       [=, this](uint64_t id) {
         return E(SendBonus{worker_.id, AssignmentId(id), Cents(5), "r"});
       },
       r2},
      {"assignment", assignment,
       [=](uint64_t id) {
         return E(ListBonusPayments{{}, AssignmentId(id), page});
       },
       r2},
      {"assignment", accepted, [=](uint64_t id) { return E(ReturnAssignment{AssignmentId(id)}); },
       w2},
      {"assignment", accepted,
       [=](uint64_t id) {
         return E(SubmitAssignment{AssignmentId(id), "a"});
       },
       w2},
      {"assignment", accepted,
       [=](uint64_t id) {
         return E(SubmitAndAcceptNext{AssignmentId(id), "a"});
       },
       w2},
      {"request", pending_.value,
       [=](uint64_t id) {
         return E(AcceptQualificationRequest{QualRequestId(id), {}});
       },
       r2},
      {"request", pending_.value,
       [=](uint64_t id) {
         return E(RejectQualificationRequest{QualRequestId(id), "r"});
       },
       r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) { return E(GetQualificationType{QualTypeId(id)}); }, r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) {
         UpdateQualificationType u = update;
         u.type = QualTypeId(id);
         return E(u);
       },
       r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) { return E(DeleteQualificationType{QualTypeId(id)}); }, r2},
      {"hidden type", hidden_.value,
       [=, this](uint64_t id) {
         return E(AssociateQualificationWithWorker{QualTypeId(id), other_worker_.id, 1});
       },
       r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) {
         return E(ListWorkersWithQualificationType{QualTypeId(id), page});
       },
       r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) {
         return E(ListQualificationRequests{QualTypeId(id), page});
       },
       r2},
      {"hidden type", hidden_.value,
       [=](uint64_t id) {
         return E(RequestQualification{QualTypeId(id), {}});
       },
       w2},
  };
}

TEST_F(AuthorizationByOwner, NotYoursReadsExactlyLikeNoSuchObjectAndChangesNothing) {
  for (const OwnedRow& row : Table()) {
    const net::Operation theirs = row.op(row.id);
    SCOPED_TRACE(NameOf(theirs) + " on another's " + row.what);
    const Snapshot before = Take();
    const client::Answer not_yours = CallAny(*row.stranger, theirs);
    EXPECT_TRUE(Fails(not_yours, ErrorCode::kNotFound));
    EXPECT_EQ(Take(), before) << "a refused call changes nothing";
    const client::Answer absent = CallAny(*row.stranger, row.op(kNoSuchId));
    EXPECT_EQ(not_yours.error().code, absent.error().code) << "the same code as no such object";
    EXPECT_EQ(not_yours.error().field, absent.error().field) << "the same field as no such object";
  }
}

TEST_F(AuthorizationByOwner, TheOwnersReadsOfTheSameObjectsSucceed) {
  EXPECT_TRUE(Ok(r_->Call(Command(engine::GetHit{open_hit_}))));
  EXPECT_TRUE(Ok(r_->Call(Command(engine::GetAssignment{submitted_}))));
  EXPECT_TRUE(Ok(w_->Call(Command(engine::GetAssignment{submitted_}))));
  EXPECT_TRUE(Ok(r_->Call(Command(engine::GetQualificationType{hidden_}))));
  EXPECT_TRUE(Ok(r_->Call(Command(engine::ListQualificationRequests{manual_, {10, ""}}))));
  EXPECT_TRUE(Ok(r2_->Call(Command(engine::GetHit{foreign_hit_}))));
}

// An active qualification type is public (anyone may read and request it, as on MTurk),
// so its existence is no secret: a stranger's change is refused for want of ownership,
// and changes nothing.
TEST_F(AuthorizationByOwner, AnotherRequestersPublicTypeCannotBeChanged) {
  engine::UpdateQualificationType update;
  update.type = skill_;
  update.description = "taken over";
  const Snapshot before = Take();
  const client::Answer view_before = r_->Call(Command(engine::GetQualificationType{skill_}));
  EXPECT_TRUE(Fails(r2_->Call(Command(update)), ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Fails(r2_->Call(Command(engine::DeleteQualificationType{skill_})),
                    ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Fails(
      r2_->Call(Command(engine::AssociateQualificationWithWorker{skill_, other_worker_.id, 9})),
      ErrorCode::kPermissionDenied));
  EXPECT_EQ(Take(), before);
  const client::Answer view_after = r_->Call(Command(engine::GetQualificationType{skill_}));
  ASSERT_TRUE(Ok(view_after));
  EXPECT_EQ(view_after.reply<engine::QualTypeView>(), view_before.reply<engine::QualTypeView>());
}

}  // namespace
}  // namespace hitd::daemon_test
