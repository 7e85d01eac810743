// EngineLoader (engine/load.h): an engine rebuilt from the records another engine
// emitted has the same state hash, passes every whole-state check, and answers every
// later command exactly as the original does; records that cannot have come from an
// engine are refused with a reason; tokens beyond the capacity keep the newest.
//
// A market with every kind of record is built through Engine::Apply, its Outputs kept
// by the in-memory store (mem_store.h), and loaded back.
#include "engine/load.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/mem_store.h"
#include "tests/engine/output_diff.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::kT0;
constexpr int64_t kMin = 60'000;
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kLoadAt = kT0 + 10 * kMin;  // after the market is built

HitTypeSpec TypeSpec(std::string title, int64_t reward, int64_t duration_ms = kHour) {
  HitTypeSpec t = test::BasicHitType(Cents(reward));
  t.title = std::move(title);
  t.assignment_duration = TimeMs(duration_ms);
  t.auto_approval_delay = TimeMs(kHour);
  return t;
}

HitSpec Slots(uint32_t n, int64_t lifetime_ms = 24 * kHour, int32_t priority = 0) {
  HitSpec h = test::BasicHit(n);
  h.lifetime = TimeMs(lifetime_ms);
  h.priority = priority;
  return h;
}

class Load : public ::testing::Test {
 protected:
  explicit Load(EngineConfig config = {}) : config_(config), original_(config) {}

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
    EXPECT_TRUE(r.ok()) << test::Describe(r) << " at command " << c.index();
    return r;
  }
  AccountId NewAccount(Role role, std::string name, Locale locale = test::kUS) {
    Result r = Must(kBootstrapAdmin, kT0,
                    CreateAccount{role, std::move(name), locale, test::SecretHash()});
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
      w_.push_back(NewAccount(Role::kWorker, "w" + std::to_string(i),
                              i == 5 ? test::MakeLocale("IN") : test::kUS));
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
    rand.requirements = {test::Requires(system_qual::kPercentApproved, ActionsGuarded::kAccept,
                                        Comparator::kGreaterThanOrEqualTo, {50}),
                         QualificationRequirement{system_qual::kLocale,
                                                  Comparator::kEqualTo,
                                                  {},
                                                  {test::kUS},
                                                  ActionsGuarded::kPreviewAndAccept}};
    HitTypeSpec skilled = TypeSpec("skilled", 150, 24 * kHour);
    skilled.requirements = {test::Requires(skill_, ActionsGuarded::kDiscoverPreviewAndAccept,
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
    EXPECT_EQ(test::DiffAnswers(r, want, l, got), "")
        << "command " << c.index() << " by " << actor.value << ": original " << test::Describe(r)
        << ", loaded " << test::Describe(l);
    store_.Write(want);
    return l;
  }

  EngineConfig config_;
  Engine original_;
  test::MemStore store_;
  AccountId acme_, beta_;
  std::vector<AccountId> w_;
  QualTypeId skill_;
  HitTypeId fifo_, arm_, prio_;
  std::vector<HitId> fifo_hits_, prio_hits_, reopen_hits_;
  HitId arm_hit_, skilled_hit_;
};

TEST_F(Load, RoundTripKeepsTheStateHashAndEveryInvariant) {
  BuildMarket();
  original_.CheckInvariants();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  loaded->CheckInvariants();
  // A second generation, loaded from what the first would have stored, is the same too.
  EXPECT_EQ(Reload()->StateHash(), original_.StateHash());
}

TEST_F(Load, EmptyStoreGivesAFreshEngine) {
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), Engine(config_).StateHash());
  EXPECT_EQ(loaded->state().names, std::vector<std::string>{"admin"});
  EXPECT_EQ(loaded->state().qual_types.size(), system_qual::kFirstUserId - 1);
}

TEST_F(Load, LoadedBuiltInRecordsReplaceTheFreshEngines) {
  // The bootstrap admin and the system types are never emitted unless they change; a
  // store that holds them anyway (changed, here) has them replace the built-in ones.
  EngineLoader loader(config_);
  Account admin = Engine(config_).state().accounts[0];
  admin.created = TimeMs(kT0);
  QualType masters = Engine(config_).state().qual_types[system_qual::kMasters.value - 1];
  masters.description = "the best";
  loader.Add(admin);
  loader.Add(AccountProfile{kBootstrapAdmin, "root"});
  loader.Add(masters);
  std::string error;
  std::unique_ptr<Engine> e = loader.Finish(&error);
  ASSERT_NE(e, nullptr) << error;
  EXPECT_EQ(e->state().accounts[0], admin);
  EXPECT_EQ(e->state().names[0], "root");
  EXPECT_EQ(e->state().qual_types[system_qual::kMasters.value - 1], masters);
  e->CheckInvariants();
}

TEST_F(Load, AcceptNextPicksTheSameHitAsTheOriginal) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  for (int round = 0; round < 4; ++round) {
    for (AccountId w : w_) Both(*loaded, w, kLoadAt + round, AcceptNext{});
  }
  // The skilled group goes to w0 only: its requirement hides it from the others.
  Result r = Both(*loaded, w_[0], kLoadAt + 5, Accept{skilled_hit_});
  EXPECT_TRUE(test::IsError(r, ErrorCode::kAlreadyExists, "hit_id")) << test::Describe(r);
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[1], kLoadAt + 5, Accept{skilled_hit_}),
                            ErrorCode::kNotFound, "hit_id"));
  loaded->CheckInvariants();
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
}

TEST_F(Load, TheCapAndExclusionsStillHold) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // w2 holds two of the capped priority group.
  WorkFilter prio;
  prio.type = prio_;
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[2], kLoadAt, Accept{prio_hits_[2]}),
                            ErrorCode::kResourceExhausted, "per_worker_cap"));
  EXPECT_TRUE(
      test::IsError(Both(*loaded, w_[2], kLoadAt, AcceptNext{prio}), ErrorCode::kNoWorkAvailable));
  // w5 holds the arm, which excludes the fifo group; w3 holds fifo work, so not the arm.
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[5], kLoadAt, Accept{fifo_hits_[2]}),
                            ErrorCode::kPermissionDenied, "excluded_types"));
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[3], kLoadAt, Accept{arm_hit_}),
                            ErrorCode::kPermissionDenied, "excluded_types"));
  // A block survives; a deleted one stays deleted.
  EXPECT_TRUE(test::IsError(Both(*loaded, w_[1], kLoadAt, Accept{fifo_hits_[2]}),
                            ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Both(*loaded, w_[2], kLoadAt, Accept{reopen_hits_[2]}).ok());
}

TEST_F(Load, ATokenRepeatReturnsTheFirstAnswer) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  const Command more = CreateHits{fifo_, {Slots(1, 2 * kHour), Slots(3)}};
  Result first = Both(*loaded, acme_, kLoadAt, more, "hits-1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.get<HitsCreated>().hits.size(), 2u);
  EXPECT_EQ(loaded->state().hits.size(), original_.state().hits.size());
  // The same token for another request is a conflict; an unknown token runs.
  Context other{acme_, TimeMs(kLoadAt), "hits-1", 8};
  Output out;
  EXPECT_TRUE(test::IsError(loaded->Apply(other, more, out), ErrorCode::kTokenConflict));
  EXPECT_TRUE(Both(*loaded, acme_, kLoadAt, more, "hits-2").ok());
}

TEST_F(Load, TickAfterLoadAbandonsOverdueWorkAndExpiresHits) {
  BuildMarket();
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // Three hours on: the fifo deadlines (an hour) and the two-hour HITs are overdue, and
  // w3's submission is past its auto-approval.
  Result r = Both(*loaded, AccountId(), kT0 + 3 * kHour, Tick{});
  ASSERT_TRUE(r.ok());
  const TickResult& tick = r.get<TickResult>();
  EXPECT_EQ(tick.abandoned, 2u);      // w3's and w4's fifo assignments
  EXPECT_EQ(tick.expired, 5u);        // the random HITs and one of CreateHits'
  EXPECT_EQ(tick.auto_approved, 2u);  // w3's and w4's submissions
  loaded->CheckInvariants();
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  for (AccountId w : w_) Both(*loaded, w, kT0 + 3 * kHour, AcceptNext{});
}

TEST_F(Load, TheLastRecordAddedWins) {
  BuildMarket();
  EngineLoader loader(config_);
  store_.LoadInto(loader);
  // A stale snapshot of the HIT after the current one would be taken as current.
  Hit stale = original_.state().hits[0];
  stale.free += 1;
  loader.Add(stale);
  std::string error;
  EXPECT_EQ(loader.Finish(&error), nullptr);
  EXPECT_NE(error, "");
  // The current snapshot added last wins over the stale one.
  EngineLoader again(config_);
  again.Add(stale);
  store_.LoadInto(again);
  std::unique_ptr<Engine> e = again.Finish(&error);
  ASSERT_NE(e, nullptr) << error;
  EXPECT_EQ(e->StateHash(), original_.StateHash());
}

// Each bad store is the market's, with one record changed.
class LoadRefuses : public Load {
 protected:
  void SetUp() override { BuildMarket(); }
  ::testing::AssertionResult Refused(const std::function<void(EngineLoader&)>& change,
                                     std::string_view why) {
    EngineLoader loader(config_);
    store_.LoadInto(loader);
    change(loader);
    std::string error;
    std::unique_ptr<Engine> e = loader.Finish(&error);
    if (e != nullptr) return ::testing::AssertionFailure() << "loaded";
    if (error.find(why) == std::string::npos) {
      return ::testing::AssertionFailure() << "refused with \"" << error << "\"";
    }
    return ::testing::AssertionSuccess();
  }
  const State& s() { return original_.state(); }
};

TEST_F(LoadRefuses, AGapInTheIds) {
  Hit extra = s().hits.back();
  extra.id = HitId(extra.id.value + 2);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(extra); }, "is missing"));
  Account worker = s().accounts.back();
  worker.id = AccountId(worker.id.value + 5);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(worker); }, "account"));
}

TEST_F(LoadRefuses, AnAssignmentOfAMissingHit) {
  Assignment a = s().assignments.back();
  a.id = AssignmentId(a.id.value + 1);
  a.hit = HitId(s().hits.size() + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(a); }, "no such HIT"));
}

TEST_F(LoadRefuses, AHitOfAMissingTypeOrAnotherRequester) {
  Hit h = s().hits[0];
  h.type = HitTypeId(s().hit_types.size() + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "no such type"));
  h.type = s().hits[0].type;
  h.requester = beta_;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "requester"));
}

TEST_F(LoadRefuses, CountsThatDisagreeWithTheAssignments) {
  Hit h = s().hits[fifo_hits_[2].value - 1];
  h.accepted += 1;
  h.free -= 1;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(h); }, "counts differ"));
}

TEST_F(LoadRefuses, TwoLiveAssignmentsOfOneWorkerOnOneHit) {
  Assignment twin = s().assignments.back();
  twin.id = AssignmentId(twin.id.value + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(twin); }, "twice"));
}

TEST_F(LoadRefuses, LedgerTotalsThatDoNotMatchTheAccounts) {
  EngineMeta m{s().last_event_seq, s().notifications,    s().deposits,  s().requester_available,
               s().escrow,         s().worker_available, s().withdrawn, s().platform_revenue};
  m.deposits += Cents(1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.SetMeta(m); }, "do not balance"));
  m.requester_available += Cents(1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.SetMeta(m); }, "requesters' available"));
}

TEST_F(LoadRefuses, ARequesterEscrowThatDiffersFromItsHits) {
  // The ledger's totals still agree; each requester's escrow does not.
  Account a = s().accounts[acme_.value - 1];
  Account b = s().accounts[beta_.value - 1];
  a.escrow += Cents(10);
  b.escrow -= Cents(10);
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(a);
        l.Add(b);
      },
      "escrow differs from what its HITs hold"));
}

TEST_F(LoadRefuses, ADuplicateNameOrAMissingProfile) {
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(AccountProfile{w_[1], "w0"}); }, "name"));
  Account extra = s().accounts.back();
  extra.id = AccountId(extra.id.value + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(extra); }, "profile is missing"));
}

TEST_F(LoadRefuses, AGrantToARequesterOrOfAMissingType) {
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(QualGrant{acme_, skill_, 1, TimeMs(kT0), GrantStatus::kGranted});
      },
      "not a worker"));
  const QualTypeId missing(s().qual_types.size() + 1);
  EXPECT_TRUE(Refused(
      [&](EngineLoader& l) {
        l.Add(QualGrant{w_[0], missing, 1, TimeMs(kT0), GrantStatus::kGranted});
      },
      "never"));
}

TEST_F(LoadRefuses, ATypeThatExcludesALaterType) {
  HitType t = s().hit_types[fifo_.value - 1];
  t.excluded_types = {arm_};
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(t); }, "excludes"));
}

TEST_F(LoadRefuses, AnEnumOutOfRange) {
  Assignment a = s().assignments[0];
  a.status = static_cast<AssignmentStatus>(9);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(a); }, "status"));
  Account acc = s().accounts[w_[0].value - 1];
  acc.role = static_cast<Role>(0);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(acc); }, "role"));
}

TEST_F(LoadRefuses, ABootstrapAdminThatIsNotAnAdminOrAReservedTypeId) {
  Account admin = s().accounts[0];
  admin.role = Role::kWorker;
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(admin); }, "not the admin"));
  QualType reserved = s().qual_types[skill_.value - 1];
  reserved.id = QualTypeId(system_qual::kCount + 1);
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(reserved); }, "reserved id"));
}

TEST_F(LoadRefuses, ATokenOfAMissingAccount) {
  TokenRecord t{AccountId(999), "tok", 1, TimeMs(kT0), Result{Empty{}}};
  EXPECT_TRUE(Refused([&](EngineLoader& l) { l.Add(t); }, "no such account"));
}

// Tokens: at most the capacity, the newest by creation time.
class LoadTokens : public Load {
 protected:
  static EngineConfig Capacity(uint64_t n) {
    EngineConfig c;
    c.token_capacity = n;
    return c;
  }
  LoadTokens() : Load(Capacity(2)) {}
};

TEST_F(LoadTokens, ForgottenTokensStayForgotten) {
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Result first = Must(acme_, kT0 + 1, create, "a");
  Must(acme_, kT0 + 2, create, "b");
  Result third = Must(acme_, kT0 + 3, create, "c");
  EXPECT_EQ(store_.tokens(), 2u);  // the engine reported "a" forgotten
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
  // "c" is a repeat; "a" creates another HIT, in both engines.
  EXPECT_EQ(Both(*loaded, acme_, kT0 + 4, create, "c"), third);
  Result again = Both(*loaded, acme_, kT0 + 5, create, "a");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again.get<HitCreated>().hit, first.get<HitCreated>().hit);
}

TEST_F(LoadTokens, CapacityKeepsTheNewest) {
  // Written under a capacity of 2, loaded under a capacity of 1: only "a", the newest by
  // creation time, is kept, though "b" was added last.
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Result first = Must(acme_, kT0 + 2, create, "a");
  Result second = Must(acme_, kT0 + 1, create, "b");  // created first, though added second
  ASSERT_EQ(store_.tokens(), 2u);
  std::string error;
  std::unique_ptr<Engine> loaded = store_.Load(Capacity(1), &error);
  ASSERT_NE(loaded, nullptr) << error;
  ASSERT_EQ(loaded->state().tokens.size(), 1u);
  Output out;
  EXPECT_EQ(loaded->Apply(Context{acme_, TimeMs(kT0 + 3), "a", 7}, create, out), first);
  Result fresh = loaded->Apply(Context{acme_, TimeMs(kT0 + 3), "b", 7}, create, out);
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh, second);
}

TEST_F(LoadTokens, TiesInOneMillisecondKeepTheEnginesOrder) {
  acme_ = NewAccount(Role::kRequester, "acme");
  Must(kBootstrapAdmin, kT0, Deposit{acme_, Cents(100'000)});
  const Command create = CreateHit{TypeSpec("t", 10), Slots(1)};
  Must(acme_, kT0, create, "y");
  Must(acme_, kT0, create, "x");
  std::unique_ptr<Engine> loaded = Reload();
  ASSERT_NE(loaded, nullptr);
  // A third token pushes out the same one of the two in both engines, then each of the
  // three is either a repeat in both or new in both.
  Both(*loaded, acme_, kT0 + 1, create, "z");
  for (const char* token : {"x", "y", "z"}) Both(*loaded, acme_, kT0 + 2, create, token);
  EXPECT_EQ(loaded->StateHash(), original_.StateHash());
}

}  // namespace
}  // namespace hitd::engine
