// The loader tests' fixture (load_test.cc, load_refuses_test.cc): an engine driven
// through Engine::Apply whose Outputs an in-memory store keeps (mem_store.h), a market
// with a record of every kind and state to load back, and Both(), which applies a
// command to the original and a loaded engine and expects the same answer from each.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/load.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/mem_store.h"
#include "tests/engine/output_diff.h"
#include "tests/engine/test_util.h"

namespace hitd::engine::test {

inline constexpr int64_t kMin = 60'000;
inline constexpr int64_t kHour = 3'600'000;
inline constexpr int64_t kLoadAt = kT0 + 10 * kMin;  // after the market is built

inline HitTypeSpec TypeSpec(std::string title, int64_t reward, int64_t duration_ms = kHour) {
  HitTypeSpec t = BasicHitType(Cents(reward));
  t.title = std::move(title);
  t.assignment_duration = TimeMs(duration_ms);
  t.auto_approval_delay = TimeMs(kHour);
  return t;
}

inline HitSpec Slots(uint32_t n, int64_t lifetime_ms = 24 * kHour, int32_t priority = 0) {
  HitSpec h = BasicHit(n);
  h.lifetime = TimeMs(lifetime_ms);
  h.priority = priority;
  return h;
}

class LoadFixture : public ::testing::Test {
 protected:
  explicit LoadFixture(EngineConfig config = {}) : config_(config), original_(config) {}

  // Applies to the original engine and keeps its Output in the store.
  Result Do(AccountId actor, int64_t now, const Command& c, std::string token = {}) {
    Output out;
    Context ctx{actor, TimeMs(now), std::move(token), 7};
    Result r = original_.Apply(ctx, c, out);
    store_.Write(out);
    return r;
  }
  Result Must(AccountId actor, int64_t now, const Command& c, std::string token = {}) {
    Result r = Do(actor, now, c, std::move(token));
    EXPECT_TRUE(r.ok()) << Describe(r) << " at command " << c.index();
    return r;
  }
  AccountId NewAccount(Role role, std::string name, Locale locale = kUS) {
    Result r =
        Must(kBootstrapAdmin, kT0, CreateAccount{role, std::move(name), locale, SecretHash()});
    return r.ok() ? r.get<AccountView>().account.id : AccountId();
  }
  HitId NewHit(AccountId requester, const HitTypeSpec& type, const HitSpec& hit,
               int64_t now = kT0) {
    Result r = Must(requester, now, CreateHit{type, hit});
    return r.ok() ? r.get<HitCreated>().hit : HitId();
  }
  HitTypeId TypeOf(HitId hit) { return original_.state().hits.at(hit.value - 1).type; }
  AssignmentId Take(AccountId worker, int64_t now, HitId hit) {
    Result r = Must(worker, now, Accept{hit});
    return r.ok() ? r.get<AssignmentView>().assignment.id : AssignmentId();
  }
  void Submit(AccountId worker, int64_t now, AssignmentId a) {
    Must(worker, now, SubmitAssignment{a, "<answer/>"});
  }
  QualTypeId Qual(AccountId owner, std::string name, bool auto_granted = false) {
    QualTypeSpec spec;
    spec.name = std::move(name);
    spec.description = "loader test";
    spec.auto_granted = auto_granted;
    spec.retry_delay = TimeMs(kMin);
    Result r = Must(owner, kT0, CreateQualificationType{spec});
    return r.ok() ? r.get<QualTypeCreated>().type : QualTypeId();
  }

  // A market with a record of every kind and state: grants (one revoked), requests
  // (pending, approved, rejected), a deleted type, HIT types of every order with a cap,
  // an exclusion, requirements and a reopening rejection; HITs open, full, expired,
  // disposed, under review and moved to another type; assignments in every status;
  // bonuses, blocks (one deleted), a withdrawal, a notification and request tokens.
  void BuildMarket() {
    acme_ = NewAccount(Role::kRequester, "acme");
    beta_ = NewAccount(Role::kRequester, "beta");
    Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(1'000'000)});
    Must(kBootstrapAdmin, kT0, Deposit{beta_, Cents(500'000)}, "deposit-1");
    for (int i = 0; i < 6; ++i) {
      w_.push_back(
          NewAccount(Role::kWorker, "w" + std::to_string(i), i == 5 ? MakeLocale("IN") : kUS));
    }
    skill_ = Qual(acme_, "skill");
    Must(acme_, kT0, AssociateQualificationWithWorker{skill_, w_[0], 90});
    Must(acme_, kT0, AssociateQualificationWithWorker{skill_, w_[1], 40});
    Must(acme_, kT0, AssociateQualificationWithWorker{skill_, w_[2], 70});
    Must(acme_, kT0, DisassociateQualificationFromWorker{skill_, w_[2], "retired"});
    Must(kBootstrapAdmin, kT0, AssociateQualificationWithWorker{system_qual::kMasters, w_[0], 1});
    const QualTypeId free_q = Qual(acme_, "free", /*auto_granted=*/true);
    Must(w_[3], kT0, RequestQualification{free_q, {}});
    const QualTypeId manual = Qual(beta_, "manual");
    Must(w_[4], kT0, RequestQualification{manual, {}});
    Result asked = Must(w_[1], kT0, RequestQualification{manual, {}});
    Must(beta_, kT0, RejectQualificationRequest{asked.get<QualRequestResult>().request.id, "no"});
    Must(beta_, kT0, DeleteQualificationType{Qual(beta_, "gone")});

    HitTypeSpec fifo = TypeSpec("fifo", 100);
    HitTypeSpec prio = TypeSpec("priority", 80, 24 * kHour);
    prio.order = AssignmentOrder::kPriority;
    prio.per_worker_cap = 2;
    HitTypeSpec rand = TypeSpec("random", 120, 24 * kHour);
    rand.order = AssignmentOrder::kRandom;
    rand.requirements = {Requires(system_qual::kPercentApproved, ActionsGuarded::kAccept,
                                  Comparator::kGreaterThanOrEqualTo, {50}),
                         QualificationRequirement{system_qual::kLocale,
                                                  Comparator::kEqualTo,
                                                  {},
                                                  {kUS},
                                                  ActionsGuarded::kPreviewAndAccept}};
    HitTypeSpec skilled = TypeSpec("skilled", 150, 24 * kHour);
    skilled.requirements = {Requires(skill_, ActionsGuarded::kDiscoverPreviewAndAccept,
                                     Comparator::kGreaterThan, {60})};
    HitTypeSpec reopen = TypeSpec("reopen", 70, 24 * kHour);
    reopen.order = AssignmentOrder::kBreadthFirst;
    reopen.reject_reopens_slot = true;

    for (int i = 0; i < 3; ++i) fifo_hits_.push_back(NewHit(acme_, fifo, Slots(2)));
    fifo_ = TypeOf(fifo_hits_[0]);
    HitTypeSpec arm = TypeSpec("arm b", 90, 24 * kHour);
    arm.excluded_types = {fifo_};
    arm_hit_ = NewHit(acme_, arm, Slots(2));
    arm_ = TypeOf(arm_hit_);
    for (int p : {5, 50, 20}) prio_hits_.push_back(NewHit(acme_, prio, Slots(2, 24 * kHour, p)));
    prio_ = TypeOf(prio_hits_[0]);
    for (int i = 0; i < 4; ++i) NewHit(beta_, rand, Slots(1, 2 * kHour));
    skilled_hit_ = NewHit(acme_, skilled, Slots(2));
    for (int i = 0; i < 3; ++i) reopen_hits_.push_back(NewHit(beta_, reopen, Slots(2)));
    Must(acme_, kT0, CreateHits{fifo_, {Slots(1, 2 * kHour), Slots(3)}}, "hits-1");
    const HitId moved = NewHit(acme_, fifo, Slots(1));
    Must(acme_, kT0, UpdateHitTypeOfHit{moved, arm_});
    Must(acme_, kT0, CreateAdditionalAssignmentsForHit{fifo_hits_[2], 2});

    const int64_t t = kT0 + kMin;
    // w0 (skill 90) takes the best group it qualifies for; approved, with a bonus.
    Result next = Must(w_[0], t, AcceptNext{});
    const AssignmentId a0 = next.get<AssignmentView>().assignment.id;
    Submit(w_[0], t, a0);
    Must(acme_, t, ApproveAssignment{a0, "good"});
    Must(acme_, t, SendBonus{w_[0], a0, Cents(25), "extra"});
    Must(w_[0], t, Withdraw{Cents(50), WithdrawMethod::kGiftCertificate});
    Must(acme_, t, NotifyWorkers{"hello", "more work soon", {w_[0]}});
    // w1: a rejection that reopens its slot, then overridden.
    const AssignmentId a1 = Take(w_[1], t, reopen_hits_[0]);
    Submit(w_[1], t, a1);
    Must(beta_, t, RejectAssignment{a1, "wrong"});
    Must(beta_, t, ApproveAssignment{a1, "sorry", /*override_rejection=*/true});
    Take(w_[1], t, reopen_hits_[1]);
    // w2 returns a HIT, takes two of the capped group and one of the random group.
    Must(w_[2], t, ReturnAssignment{Take(w_[2], t, fifo_hits_[0])});
    Take(w_[2], t, prio_hits_[0]);
    Take(w_[2], t, prio_hits_[1]);
    Must(w_[2], t, AcceptNext{WorkFilter{{}, beta_, Cents(100), {}}});
    // w3 submits (auto-approval due in an hour) and holds work in the fifo group, which
    // the arm excludes.
    Submit(w_[3], t, Take(w_[3], t, prio_hits_[2]));
    Take(w_[3], t, fifo_hits_[1]);
    // w4 holds an assignment whose deadline (an hour) passes before the Tick.
    Take(w_[4], t, fifo_hits_[2]);
    // w5 holds the arm, so the fifo group is closed to it.
    Take(w_[5], t, arm_hit_);
    // A HIT done and disposed; another under review; one expired early.
    const HitId done = NewHit(acme_, fifo, Slots(1));
    const AssignmentId ad = Take(w_[0], t, done);
    Submit(w_[0], t, ad);
    Must(acme_, t, ApproveAssignment{ad, ""});
    Must(acme_, t, DeleteHit{done});
    const HitId review = NewHit(beta_, reopen, Slots(1, 2 * kHour));
    Submit(w_[4], t, Take(w_[4], t, review));
    Must(beta_, t, UpdateExpirationForHit{review, TimeMs(t)});
    Must(beta_, t, UpdateHitReviewStatus{review, false});
    Must(acme_, t, UpdateExpirationForHit{prio_hits_[1], TimeMs(t)});
    // Blocks: one kept, one deleted.
    Must(acme_, t, CreateWorkerBlock{w_[1], "spam"});
    Must(beta_, t, CreateWorkerBlock{w_[2], "spam"});
    Must(beta_, t, DeleteWorkerBlock{w_[2], "forgiven"});
  }

  std::unique_ptr<Engine> Reload() {
    std::string error;
    std::unique_ptr<Engine> e = store_.Load(config_, &error);
    EXPECT_NE(e, nullptr) << error;
    return e;
  }

  // Applies the command to the original and the loaded engine: both must answer alike.
  Result Both(Engine& loaded, AccountId actor, int64_t now, const Command& c,
              std::string token = {}) {
    Context ctx{actor, TimeMs(now), std::move(token), 7};
    Output want, got;
    Result r = original_.Apply(ctx, c, want);
    Result l = loaded.Apply(ctx, c, got);
    EXPECT_EQ(DiffAnswers(r, want, l, got), "")
        << "command " << c.index() << " by " << actor.value << ": original " << Describe(r)
        << ", loaded " << Describe(l);
    store_.Write(want);
    return l;
  }

  EngineConfig config_;
  Engine original_;
  MemStore store_;
  AccountId acme_, beta_;
  std::vector<AccountId> w_;
  QualTypeId skill_;
  HitTypeId fifo_, arm_, prio_;
  std::vector<HitId> fifo_hits_, prio_hits_, reopen_hits_;
  HitId arm_hit_, skilled_hit_;
};

}  // namespace hitd::engine::test
