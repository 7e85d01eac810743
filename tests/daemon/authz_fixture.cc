#include "tests/daemon/authz_fixture.h"

#include "net/protocol/operation_names.h"
#include "net/protocol/request_codec.h"

namespace hitd::daemon_test {

void AuthzTest::SetUp() {
  MarketTest::SetUp();
  if (HasFatalFailure()) return;
  const client::Answer accepted = w_->Call(engine::Command(engine::Accept{open_hit_}));
  ASSERT_TRUE(Ok(accepted)) << "Accept";
  accepted_ = accepted.reply<engine::AssignmentView>().assignment.id;

  submitted_hit_ = CreateHit(*r_, open_type_, "<q>to submit</q>");
  const client::Answer taken = w_->Call(engine::Command(engine::Accept{submitted_hit_}));
  ASSERT_TRUE(Ok(taken)) << "Accept";
  submitted_ = taken.reply<engine::AssignmentView>().assignment.id;
  ASSERT_TRUE(Ok(w_->Call(engine::Command(engine::SubmitAssignment{submitted_, "<a/>"}))));

  engine::CreateQualificationType manual;
  manual.spec.name = "Manual";
  manual.spec.description = "Granted by hand";
  const client::Answer made = r_->Call(engine::Command(manual));
  ASSERT_TRUE(Ok(made));
  manual_ = made.reply<engine::QualTypeCreated>().type;
  const client::Answer asked =
      w2_->Call(engine::Command(engine::RequestQualification{manual_, {}}));
  ASSERT_TRUE(Ok(asked));
  pending_ = asked.reply<engine::QualRequestResult>().request.id;

  engine::CreateQualificationType hidden;
  hidden.spec.name = "Hidden";
  hidden.spec.description = "Not yet open";
  hidden.spec.status = engine::QualTypeStatus::kInactive;
  const client::Answer hid = r_->Call(engine::Command(hidden));
  ASSERT_TRUE(Ok(hid));
  hidden_ = hid.reply<engine::QualTypeCreated>().type;

  foreign_type_ = CreateType(*r2_, TypeSpec("Other requester's task", 11));
  foreign_hit_ = CreateHit(*r2_, foreign_type_, "<q>other</q>");
}

Snapshot AuthzTest::Take() { return Snapshot{Stats(), Balance(*r_), Balance(*w_)}; }

client::Answer AuthzTest::CallAny(client::BlockingClient& client, const net::Operation& op) {
  return std::visit([&](const auto& o) { return client.Call(o); }, op);
}

std::string AuthzTest::NameOf(const net::Operation& op) {
  return std::visit([](const auto& o) { return std::string(net::NameOf(net::RequestBodyOf(o))); },
                    op);
}

}  // namespace hitd::daemon_test
