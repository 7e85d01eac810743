// A small marketplace built through a Host, touching every kind of record the store
// keeps: accounts, profiles, a qualification type with a grant and a request, HIT types,
// HITs with payloads, assignments in several states, a bonus, a block, tokens, events.
#pragma once

#include <string>

#include "tests/store/store_fixture.h"

namespace hitd::store::test {

struct Market {
  engine::AccountId requester, w1, w2;
  engine::QualTypeId qual;
  engine::HitId hit;
  engine::AssignmentId approved, rejected, open;
};

inline engine::AccountId NewAccount(Host& host, engine::Role role, const std::string& name) {
  Answer a = Do(host, engine::kBootstrapAdmin, kT0,
                engine::CreateAccount{role, name, engine::test::kUS, engine::test::SecretHash()});
  EXPECT_TRUE(a.result.ok());
  return a.result.ok() ? a.result.get<engine::AccountView>().account.id : engine::AccountId();
}

inline engine::AssignmentId Taken(const Answer& a) {
  EXPECT_TRUE(a.result.ok()) << engine::ErrorCodeName(a.result.error().code);
  return a.result.ok() ? a.result.get<engine::AssignmentView>().assignment.id
                       : engine::AssignmentId();
}

inline Market Populate(Host& host) {
  using namespace engine;
  Market m;
  m.requester = NewAccount(host, Role::kRequester, "acme");
  m.w1 = NewAccount(host, Role::kWorker, "w1");
  m.w2 = NewAccount(host, Role::kWorker, "w2");
  EXPECT_TRUE(Do(host, kBootstrapAdmin, kT0, Deposit{m.requester, Cents(100'000)}).result.ok());
  QualTypeSpec spec;
  spec.name = "skill";
  spec.description = "a skill";
  spec.test = "<test/>";
  spec.answer_key = {AnswerKeyItem{"q1", "a", 10}};
  spec.test_duration = TimeMs(60'000);
  Answer q = Do(host, m.requester, kT0, CreateQualificationType{spec});
  EXPECT_TRUE(q.result.ok()) << ErrorCodeName(q.result.error().code) << " "
                             << q.result.error().field;
  if (!q.result.ok()) return m;
  m.qual = q.result.get<QualTypeCreated>().type;
  EXPECT_TRUE(
      Do(host, m.requester, kT0, AssociateQualificationWithWorker{m.qual, m.w1, 7}).result.ok());
  EXPECT_TRUE(
      Do(host, m.w2, kT0, RequestQualification{m.qual, {TestAnswer{"q1", "a"}}}).result.ok());
  CreateHit create{engine::test::BasicHitType(Cents(120)), engine::test::BasicHit(4)};
  create.hit.question = "<question>what?</question>";
  Answer h = Do(host, m.requester, kT0, create, "create-1");
  EXPECT_TRUE(h.result.ok()) << ErrorCodeName(h.result.error().code) << " "
                             << h.result.error().field;
  if (!h.result.ok()) return m;
  m.hit = h.result.get<HitCreated>().hit;
  m.approved = Taken(Do(host, m.w1, kT0 + 1, AcceptNext{}));
  m.rejected = Taken(Do(host, m.w2, kT0 + 1, AcceptNext{}));
  EXPECT_TRUE(Do(host, m.w1, kT0 + 2, SubmitAssignment{m.approved, "yes"}).result.ok());
  EXPECT_TRUE(Do(host, m.w2, kT0 + 2, SubmitAssignment{m.rejected, "no"}).result.ok());
  EXPECT_TRUE(Do(host, m.requester, kT0 + 3, ApproveAssignment{m.approved, "good"}).result.ok());
  EXPECT_TRUE(Do(host, m.requester, kT0 + 3, RejectAssignment{m.rejected, "bad"}).result.ok());
  EXPECT_TRUE(
      Do(host, m.requester, kT0 + 4, SendBonus{m.w1, m.approved, Cents(50), "thanks"}).result.ok());
  EXPECT_TRUE(Do(host, m.requester, kT0 + 4, CreateWorkerBlock{m.w2, "spam"}).result.ok());
  CreateHit second{engine::test::BasicHitType(Cents(80)), engine::test::BasicHit(1)};
  EXPECT_TRUE(Do(host, m.requester, kT0 + 5, second).result.ok());
  m.open = Taken(Do(host, m.w1, kT0 + 5, AcceptNext{}));
  EXPECT_TRUE(Do(host, m.w1, kT0 + 6, Withdraw{Cents(60)}).result.ok());
  return m;
}

}  // namespace hitd::store::test
