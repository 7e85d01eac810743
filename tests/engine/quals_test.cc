// Qualification types, grants, scores and lists, through Engine::Apply as a client would.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/eligibility.h"
#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::Apply;
using test::IsError;
using test::kT0;
using test::MakeLocale;
using test::Rejected;

QualTypeSpec Spec(std::string name) {
  QualTypeSpec spec;
  spec.name = std::move(name);
  spec.description = "Can tell cats from dogs";
  spec.keywords = "animals,images";
  return spec;
}

QualTypeSpec TestSpec(std::string name) {
  QualTypeSpec spec = Spec(std::move(name));
  spec.test = "<QuestionForm/>";
  spec.test_duration = Seconds(600);
  spec.answer_key = {{"q1", "cat", 10}, {"q2", "dog", 5}};
  return spec;
}

UpdateQualificationType Update(QualTypeId type) {
  UpdateQualificationType u;
  u.type = type;
  return u;
}

ListWorkersWithQualificationType Holders(QualTypeId type) {
  ListWorkersWithQualificationType cmd;
  cmd.type = type;
  return cmd;
}

class Quals : public ::testing::Test {
 protected:
  Quals() {
    requester_ = test::MakeRequester(e_, "req");
    other_ = test::MakeRequester(e_, "other");
    worker_ = test::MakeWorker(e_, "worker", MakeLocale("US-NY"));
    worker2_ = test::MakeWorker(e_, "worker2");
  }

  QualTypeId Create(QualTypeSpec spec, AccountId owner = {}) {
    Result r = Apply(e_, owner.valid() ? owner : requester_, kT0, CreateQualificationType{spec});
    EXPECT_TRUE(r.ok()) << "CreateQualificationType: " << r.error().field;
    return r.ok() ? r.get<QualTypeCreated>().type : QualTypeId();
  }
  Result Associate(QualTypeId type, AccountId worker, int32_t value = 1, AccountId actor = {}) {
    return Apply(e_, actor.valid() ? actor : requester_, kT0 + 1,
                 AssociateQualificationWithWorker{type, worker, value});
  }
  const QualType& TypeOf(QualTypeId id) const { return e_.state().qual_types[id.value - 1]; }
  const AccountState& StateOf(AccountId id) const {
    return e_.state().account_states[id.value - 1];
  }
  Result Score(QualTypeId type, AccountId worker, AccountId actor) {
    return Apply(e_, actor, kT0 + 2, GetQualificationScore{type, worker});
  }
  QualTypeList ListTypes(AccountId actor, ListQualificationTypes cmd) {
    Result r = Apply(e_, actor, kT0 + 2, cmd);
    EXPECT_TRUE(r.ok()) << r.error().field;
    return r.ok() ? r.get<QualTypeList>() : QualTypeList{};
  }

  Engine e_;
  AccountId requester_, other_, worker_, worker2_;
};

std::vector<uint64_t> Ids(const QualTypeList& list) {
  std::vector<uint64_t> ids;
  for (const QualTypeView& v : list.types) ids.push_back(v.type.id.value);
  return ids;
}

// ---- CreateQualificationType ----

TEST_F(Quals, CreateGivesUserTypesIdsFromOneHundredAndEmitsTheRecordAndTest) {
  Output out;
  QualTypeSpec spec = TestSpec("cats");
  const Command cmd = CreateQualificationType{spec};
  Result r = Apply(e_, requester_, kT0, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualTypeCreated>().type, QualTypeId(system_qual::kFirstUserId));
  ASSERT_EQ(out.qual_types.size(), 1u);
  const QualType& t = out.qual_types[0];
  EXPECT_EQ(t.owner, requester_);
  EXPECT_EQ(t.name, "cats");
  EXPECT_TRUE(t.has_test);
  EXPECT_EQ(t.answer_key.size(), 2u);
  EXPECT_EQ(t.created, TimeMs(kT0));
  EXPECT_FALSE(t.retry_allowed);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kQualTest);
  EXPECT_EQ(out.payloads[0].id, 100u);
  EXPECT_EQ(out.payloads[0].data, "<QuestionForm/>");
  EXPECT_EQ(Create(Spec("dogs")), QualTypeId(101));
}

TEST_F(Quals, CreateKeepsTheRetryDelayAndAutoGrantedValue) {
  QualTypeSpec spec = Spec("auto");
  spec.retry_delay = Seconds(60);
  spec.auto_granted = true;
  spec.auto_granted_value = 7;
  const QualType& t = TypeOf(Create(spec));
  EXPECT_TRUE(t.retry_allowed);
  EXPECT_EQ(t.retry_delay, Seconds(60));
  EXPECT_TRUE(t.auto_granted);
  EXPECT_EQ(t.auto_granted_value, 7);
}

TEST_F(Quals, OnlyRequestersCreateTypes) {
  EXPECT_TRUE(
      Rejected(e_, worker_, kT0, CreateQualificationType{Spec("x")}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e_, kBootstrapAdmin, kT0, CreateQualificationType{Spec("x")},
                       ErrorCode::kPermissionDenied));
}

struct BadSpec {
  const char* what;
  QualTypeSpec spec;
  const char* field;
};

TEST_F(Quals, CreateRefusesInvalidFieldsNamingThem) {
  auto with = [](auto change) {
    QualTypeSpec s = TestSpec("t");
    change(s);
    return s;
  };
  const BadSpec cases[] = {
      {"empty name", with([](QualTypeSpec& s) { s.name = ""; }), "name"},
      {"long name", with([](QualTypeSpec& s) { s.name = std::string(129, 'n'); }), "name"},
      {"no description", with([](QualTypeSpec& s) { s.description = ""; }), "description"},
      {"long description", with([](QualTypeSpec& s) { s.description = std::string(2001, 'd'); }),
       "description"},
      {"long keywords", with([](QualTypeSpec& s) { s.keywords = std::string(1001, 'k'); }),
       "keywords"},
      {"disposed status", with([](QualTypeSpec& s) { s.status = QualTypeStatus::kDisposed; }),
       "status"},
      {"long test", with([](QualTypeSpec& s) { s.test = std::string(64 * 1024 + 1, 't'); }),
       "test"},
      {"key without test", with([](QualTypeSpec& s) {
         s.test = "";
         s.test_duration = TimeMs();
       }),
       "answer_key"},
      {"duplicate question", with([](QualTypeSpec& s) {
         s.answer_key = {{"q", "a", 1}, {"q", "b", 1}};
       }),
       "answer_key.question_id"},
      {"empty question id", with([](QualTypeSpec& s) {
         s.answer_key = {{"", "a", 1}};
       }),
       "answer_key.question_id"},
      {"long question id", with([](QualTypeSpec& s) {
         s.answer_key = {{std::string(65, 'q'), "a", 1}};
       }),
       "answer_key.question_id"},
      {"long answer", with([](QualTypeSpec& s) {
         s.answer_key = {{"q", std::string(1025, 'a'), 1}};
       }),
       "answer_key.answer"},
      {"negative score", with([](QualTypeSpec& s) {
         s.answer_key = {{"q", "a", -1}};
       }),
       "answer_key.score"},
      {"scores overflow", with([](QualTypeSpec& s) {
         s.answer_key = {{"q1", "a", 2'000'000'000}, {"q2", "a", 2'000'000'000}};
       }),
       "answer_key.score"},
      {"too many questions", with([](QualTypeSpec& s) {
         s.answer_key.clear();
         for (int i = 0; i < 101; ++i) s.answer_key.push_back({"q" + std::to_string(i), "a", 1});
       }),
       "answer_key"},
      {"test without duration", with([](QualTypeSpec& s) { s.test_duration = TimeMs(); }),
       "test_duration"},
      {"duration too long", with([](QualTypeSpec& s) { s.test_duration = Days(366); }),
       "test_duration"},
      {"duration without test", with([](QualTypeSpec& s) {
         s.test = "";
         s.answer_key.clear();
       }),
       "test_duration"},
      {"negative retry delay", with([](QualTypeSpec& s) { s.retry_delay = TimeMs(-1); }),
       "retry_delay"},
      {"auto-granted with a test", with([](QualTypeSpec& s) { s.auto_granted = true; }),
       "auto_granted"},
  };
  for (const BadSpec& c : cases) {
    EXPECT_TRUE(Rejected(e_, requester_, kT0, CreateQualificationType{c.spec},
                         ErrorCode::kInvalidArgument, c.field))
        << c.what;
  }
}

TEST_F(Quals, NamesAreUniquePerOwner) {
  Create(Spec("same"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, CreateQualificationType{Spec("same")},
                       ErrorCode::kAlreadyExists, "name"));
  EXPECT_TRUE(Apply(e_, other_, kT0, CreateQualificationType{Spec("same")}).ok());
}

TEST_F(Quals, ADeletedTypesNameMayBeUsedAgain) {
  QualTypeId first = Create(Spec("again"));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{first}).ok());
  EXPECT_NE(Create(Spec("again")), first);
}

// ---- GetQualificationType ----

TEST_F(Quals, AnyoneReadsActiveAndSystemTypes) {
  QualTypeId t = Create(Spec("visible"));
  for (AccountId who : {requester_, other_, worker_, kBootstrapAdmin}) {
    Result r = Apply(e_, who, kT0, GetQualificationType{t});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.get<QualTypeView>().type.name, "visible");
    EXPECT_TRUE(r.get<QualTypeView>().is_requestable);
    Result m = Apply(e_, who, kT0, GetQualificationType{system_qual::kMasters});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m.get<QualTypeView>().type.name, "Masters");
    EXPECT_FALSE(m.get<QualTypeView>().is_requestable);
  }
}

TEST_F(Quals, InactiveTypesAreVisibleOnlyToTheirOwner) {
  QualTypeSpec spec = Spec("hidden");
  spec.status = QualTypeStatus::kInactive;
  QualTypeId t = Create(spec);
  EXPECT_TRUE(Apply(e_, requester_, kT0, GetQualificationType{t}).ok());
  EXPECT_TRUE(
      IsError(Apply(e_, other_, kT0, GetQualificationType{t}), ErrorCode::kNotFound, "type"));
  EXPECT_TRUE(
      IsError(Apply(e_, worker_, kT0, GetQualificationType{t}), ErrorCode::kNotFound, "type"));
}

TEST_F(Quals, PlaceholdersAndDeletedTypesAreNotFound) {
  QualTypeId t = Create(Spec("gone"));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{t}).ok());
  for (QualTypeId id : {t, QualTypeId(10), QualTypeId(99), QualTypeId(0), QualTypeId(5000)}) {
    EXPECT_TRUE(
        IsError(Apply(e_, requester_, kT0, GetQualificationType{id}), ErrorCode::kNotFound, "type"))
        << id.value;
  }
}

TEST_F(Quals, TheAnswerKeyIsShownOnlyToTheOwner) {
  QualTypeId t = Create(TestSpec("secret"));
  Result mine = Apply(e_, requester_, kT0, GetQualificationType{t});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine.get<QualTypeView>().type.answer_key.size(), 2u);
  Result theirs = Apply(e_, worker_, kT0, GetQualificationType{t});
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs.get<QualTypeView>().type.answer_key.empty());
  EXPECT_TRUE(theirs.get<QualTypeView>().type.has_test);
}

// ---- UpdateQualificationType ----

TEST_F(Quals, OwnerUpdatesDescriptionAndStatus) {
  QualTypeId t = Create(Spec("upd"));
  UpdateQualificationType u = Update(t);
  u.description = "New words";
  u.status = QualTypeStatus::kInactive;
  Output out;
  const Command cmd = u;
  Result r = Apply(e_, requester_, kT0, cmd, out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualTypeView>().type.description, "New words");
  EXPECT_EQ(TypeOf(t).status, QualTypeStatus::kInactive);
  ASSERT_EQ(out.qual_types.size(), 1u);
  EXPECT_EQ(out.qual_types[0], TypeOf(t));
}

TEST_F(Quals, OnlyTheOwnerUpdates) {
  QualTypeId t = Create(Spec("mine"));
  UpdateQualificationType u = Update(t);
  u.description = "theirs";
  EXPECT_TRUE(Rejected(e_, other_, kT0, u, ErrorCode::kPermissionDenied, "type"));
  u.type = system_qual::kMasters;
  EXPECT_TRUE(Rejected(e_, requester_, kT0, u, ErrorCode::kPermissionDenied, "type"));
  u.type = QualTypeId(4242);
  EXPECT_TRUE(Rejected(e_, requester_, kT0, u, ErrorCode::kNotFound, "type"));
}

TEST_F(Quals, ATestUpdateNamesTestAndDurationAndReplacesTheKey) {
  QualTypeId t = Create(TestSpec("quiz"));
  UpdateQualificationType u = Update(t);
  u.test = "<QuestionForm v2/>";
  EXPECT_TRUE(Rejected(e_, requester_, kT0, u, ErrorCode::kInvalidArgument, "test_duration"));
  u.test_duration = Seconds(60);
  Output out;
  const Command cmd = u;
  ASSERT_TRUE(Apply(e_, requester_, kT0, cmd, out).ok());
  EXPECT_TRUE(TypeOf(t).answer_key.empty());  // omitted: the new test has no key
  EXPECT_EQ(TypeOf(t).test_duration, Seconds(60));
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].data, "<QuestionForm v2/>");
}

TEST_F(Quals, UpdateRefusesWhatMturkRefuses) {
  QualTypeId quiz = Create(TestSpec("quiz"));
  QualTypeSpec retry = Spec("retry");
  retry.retry_delay = Seconds(5);
  QualTypeId retrying = Create(retry);
  QualTypeSpec autos = Spec("auto");
  autos.auto_granted = true;
  QualTypeId automatic = Create(autos);

  UpdateQualificationType key_alone = Update(quiz);
  key_alone.answer_key = std::vector<AnswerKeyItem>{{"q1", "cat", 1}};
  EXPECT_TRUE(Rejected(e_, requester_, kT0, key_alone, ErrorCode::kInvalidArgument, "answer_key"));
  UpdateQualificationType duration_alone = Update(quiz);
  duration_alone.test_duration = Seconds(5);
  EXPECT_TRUE(
      Rejected(e_, requester_, kT0, duration_alone, ErrorCode::kInvalidArgument, "test_duration"));
  UpdateQualificationType remove_test = Update(quiz);
  remove_test.test = "";
  remove_test.test_duration = Seconds(5);
  EXPECT_TRUE(Rejected(e_, requester_, kT0, remove_test, ErrorCode::kInvalidArgument, "test"));
  UpdateQualificationType auto_test = Update(quiz);
  auto_test.auto_granted = true;
  EXPECT_TRUE(
      Rejected(e_, requester_, kT0, auto_test, ErrorCode::kInvalidArgument, "auto_granted"));
  UpdateQualificationType test_on_auto = Update(automatic);
  test_on_auto.test = "<QuestionForm/>";
  test_on_auto.test_duration = Seconds(5);
  EXPECT_TRUE(Rejected(e_, requester_, kT0, test_on_auto, ErrorCode::kInvalidArgument, "test"));
  UpdateQualificationType no_retry = Update(retrying);
  no_retry.retry_delay.emplace();  // present, and empty: no retries
  EXPECT_TRUE(Rejected(e_, requester_, kT0, no_retry, ErrorCode::kInvalidArgument, "retry_delay"));
  UpdateQualificationType disposed = Update(quiz);
  disposed.status = QualTypeStatus::kDisposed;
  EXPECT_TRUE(Rejected(e_, requester_, kT0, disposed, ErrorCode::kInvalidArgument, "status"));
  UpdateQualificationType empty_description = Update(quiz);
  empty_description.description = "";
  EXPECT_TRUE(
      Rejected(e_, requester_, kT0, empty_description, ErrorCode::kInvalidArgument, "description"));
}

TEST_F(Quals, UpdateMayAllowRetriesAndTurnOffAutoGrantingToAddATest) {
  QualTypeSpec autos = Spec("auto");
  autos.auto_granted = true;
  QualTypeId t = Create(autos);
  UpdateQualificationType u = Update(t);
  u.retry_delay.emplace(Seconds(30));
  u.auto_granted = false;
  u.test = "<QuestionForm/>";
  u.test_duration = Seconds(60);
  ASSERT_TRUE(Apply(e_, requester_, kT0, u).ok());
  EXPECT_TRUE(TypeOf(t).retry_allowed);
  EXPECT_EQ(TypeOf(t).retry_delay, Seconds(30));
  EXPECT_TRUE(TypeOf(t).has_test);
  EXPECT_FALSE(TypeOf(t).auto_granted);
}

// ---- DeleteQualificationType ----

TEST_F(Quals, DeleteDisposesTheTypeAndRevokesEveryGrant) {
  QualTypeId t = Create(Spec("doomed"));
  ASSERT_TRUE(Associate(t, worker_, 3).ok());
  ASSERT_TRUE(Associate(t, worker2_, 4).ok());
  Output out;
  const Command cmd = DeleteQualificationType{t};
  ASSERT_TRUE(Apply(e_, requester_, kT0 + 5, cmd, out).ok());
  EXPECT_EQ(TypeOf(t).status, QualTypeStatus::kDisposed);
  EXPECT_TRUE(StateOf(worker_).grants.empty());
  EXPECT_TRUE(StateOf(worker2_).grants.empty());
  EXPECT_TRUE(StateOf(worker_).stale);
  EXPECT_TRUE(e_.state().grants_by_type.empty());
  ASSERT_EQ(out.grants.size(), 2u);
  EXPECT_EQ(out.grants[0].status, GrantStatus::kRevoked);
  EXPECT_EQ(out.grants[0].value, 3);
  ASSERT_EQ(out.events.size(), 2u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationRevoked);
  EXPECT_EQ(out.events[0].owner, requester_);
  ASSERT_EQ(out.qual_types.size(), 1u);
  EXPECT_EQ(out.qual_types[0].status, QualTypeStatus::kDisposed);
  // A disposed type can no longer be required.
  QualificationRequirement req{t, Comparator::kExists, {}, {}, ActionsGuarded::kAccept};
  EXPECT_EQ(ValidateRequirements(e_.state(), requester_, {req}),
            (Error{ErrorCode::kNotFound, "requirements.type"}));
}

TEST_F(Quals, OnlyTheOwnerDeletes) {
  QualTypeId t = Create(Spec("keep"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, DeleteQualificationType{t}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, DeleteQualificationType{system_qual::kAdult},
                       ErrorCode::kPermissionDenied));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{t}).ok());
  EXPECT_TRUE(
      Rejected(e_, requester_, kT0, DeleteQualificationType{t}, ErrorCode::kNotFound, "type"));
}

// ---- ListQualificationTypes ----

TEST_F(Quals, ListMatchesTheQueryInNameDescriptionOrKeywordsIgnoringCase) {
  QualTypeSpec a = Spec("Spanish");
  a.description = "Translate";
  a.keywords = "language";
  QualTypeSpec b = Spec("Birds");
  b.description = "Identify SPANISH birds";
  b.keywords = "";
  QualTypeSpec c = Spec("Maths");
  c.description = "Arithmetic";
  c.keywords = "numbers,spanish-speaking";
  QualTypeSpec d = Spec("Other");
  d.description = "Nothing";
  d.keywords = "";
  const QualTypeId ids[] = {Create(a), Create(b), Create(c), Create(d)};
  ListQualificationTypes cmd;
  cmd.query = "sPaNiSh";
  EXPECT_EQ(Ids(ListTypes(worker_, cmd)),
            (std::vector<uint64_t>{ids[0].value, ids[1].value, ids[2].value}));
  cmd.query = "percentassignments";
  EXPECT_EQ(Ids(ListTypes(worker_, cmd)), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
}

TEST_F(Quals, ListShowsSystemTypesOthersActiveTypesAndOnlyOwnInactiveOnes) {
  QualTypeId mine = Create(Spec("mine"));
  QualTypeSpec hidden = Spec("hidden");
  hidden.status = QualTypeStatus::kInactive;
  QualTypeId theirs_inactive = Create(hidden, other_);
  QualTypeId theirs = Create(Spec("theirs"), other_);
  ListQualificationTypes cmd;
  cmd.page.max_results = 100;
  EXPECT_EQ(Ids(ListTypes(requester_, cmd)),
            (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, mine.value, theirs.value}));
  EXPECT_EQ(Ids(ListTypes(other_, cmd)),
            (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, mine.value, theirs_inactive.value,
                                   theirs.value}));
  cmd.must_be_owned_by_caller = true;
  EXPECT_EQ(Ids(ListTypes(requester_, cmd)), (std::vector<uint64_t>{mine.value}));
}

TEST_F(Quals, MustBeRequestableLeavesOutSystemAndInactiveTypes) {
  QualTypeId active = Create(Spec("active"));
  QualTypeSpec inactive = Spec("inactive");
  inactive.status = QualTypeStatus::kInactive;
  Create(inactive);
  QualTypeId quiz = Create(TestSpec("quiz"));
  ListQualificationTypes cmd;
  cmd.must_be_requestable = true;
  const QualTypeList list = ListTypes(requester_, cmd);
  EXPECT_EQ(Ids(list), (std::vector<uint64_t>{active.value, quiz.value}));
  for (const QualTypeView& v : list.types) EXPECT_TRUE(v.is_requestable);
}

TEST_F(Quals, ListPagesByIdWithATokenOnlyWhenMoreFollow) {
  ListQualificationTypes cmd;
  cmd.page.max_results = 4;
  QualTypeList page = ListTypes(worker_, cmd);
  EXPECT_EQ(Ids(page), (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(page.next_token, "4");
  cmd.page.next_token = page.next_token;
  page = ListTypes(worker_, cmd);
  EXPECT_EQ(Ids(page), (std::vector<uint64_t>{5, 6, 7, 8}));
  cmd.page.next_token = page.next_token;
  page = ListTypes(worker_, cmd);
  EXPECT_EQ(Ids(page), (std::vector<uint64_t>{9}));
  EXPECT_EQ(page.next_token, "");
  cmd.page.max_results = 0;
  EXPECT_TRUE(IsError(Apply(e_, worker_, kT0, cmd), ErrorCode::kInvalidArgument, "max_results"));
}

// ---- Associate / Disassociate ----

TEST_F(Quals, AssociateGrantsTheValueAndTellsTheOwner) {
  QualTypeId t = Create(Spec("grant"));
  Output out;
  const Command cmd = AssociateQualificationWithWorker{t, worker_, 42};
  Result r = Apply(e_, requester_, kT0 + 3, cmd, out);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(StateOf(worker_).grants.size(), 1u);
  EXPECT_EQ(StateOf(worker_).grants[0].value, 42);
  EXPECT_TRUE(StateOf(worker_).stale);
  EXPECT_EQ(e_.state().grants_by_type.count({t.value, worker_.value}), 1u);
  ASSERT_EQ(out.grants.size(), 1u);
  EXPECT_EQ(out.grants[0], (QualGrant{worker_, t, 42, TimeMs(kT0 + 3), GrantStatus::kGranted}));
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationGranted);
  EXPECT_EQ(out.events[0].owner, requester_);
  EXPECT_EQ(out.events[0].worker, worker_);
  EXPECT_EQ(out.events[0].qual_type, t);
}

TEST_F(Quals, AssociatingAgainChangesTheValue) {
  QualTypeId t = Create(Spec("regrant"));
  ASSERT_TRUE(Associate(t, worker_, 1).ok());
  ASSERT_TRUE(Associate(t, worker_, 9).ok());
  ASSERT_EQ(StateOf(worker_).grants.size(), 1u);
  EXPECT_EQ(StateOf(worker_).grants[0].value, 9);
}

TEST_F(Quals, GrantsStaySortedByType) {
  QualTypeId a = Create(Spec("a"));
  QualTypeId b = Create(Spec("b"));
  ASSERT_TRUE(Associate(b, worker_).ok());
  ASSERT_TRUE(Associate(a, worker_).ok());
  ASSERT_TRUE(Associate(system_qual::kMasters, worker_, 1, kBootstrapAdmin).ok());
  const std::vector<GrantSlot>& g = StateOf(worker_).grants;
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].type, system_qual::kMasters.value);
  EXPECT_EQ(g[1].type, a.value);
  EXPECT_EQ(g[2].type, b.value);
}

TEST_F(Quals, AssociateIsForTheOwnerOrAnAdminGrantingMastersOrAdult) {
  QualTypeId t = Create(Spec("own"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, AssociateQualificationWithWorker{t, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, kBootstrapAdmin, kT0, AssociateQualificationWithWorker{t, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       AssociateQualificationWithWorker{system_qual::kMasters, worker_, 1},
                       ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(Rejected(e_, kBootstrapAdmin, kT0,
                       AssociateQualificationWithWorker{system_qual::kPercentApproved, worker_, 1},
                       ErrorCode::kInvalidArgument, "type"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, AssociateQualificationWithWorker{t, other_, 1},
                       ErrorCode::kNotFound, "worker"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       AssociateQualificationWithWorker{QualTypeId(77), worker_, 1},
                       ErrorCode::kNotFound, "type"));
}

TEST_F(Quals, AdminGrantsMastersAndTheEventGoesToTheAdmin) {
  Output out;
  const Command cmd = AssociateQualificationWithWorker{system_qual::kAdult, worker_, 1};
  ASSERT_TRUE(Apply(e_, kBootstrapAdmin, kT0, cmd, out).ok());
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].owner, kBootstrapAdmin);
  QualificationRequirement adult{
      system_qual::kAdult, Comparator::kExists, {}, {}, ActionsGuarded::kAccept};
  EXPECT_TRUE(MeetsRequirement(e_.state(), test::AccountOf(e_, worker_), adult));
}

TEST_F(Quals, DisassociateRevokesWithTheReason) {
  QualTypeId t = Create(Spec("revoke"));
  ASSERT_TRUE(Associate(t, worker_, 5).ok());
  Output out;
  const Command cmd = DisassociateQualificationFromWorker{t, worker_, "sloppy work"};
  ASSERT_TRUE(Apply(e_, requester_, kT0 + 9, cmd, out).ok());
  EXPECT_TRUE(StateOf(worker_).grants.empty());
  EXPECT_TRUE(e_.state().grants_by_type.empty());
  ASSERT_EQ(out.grants.size(), 1u);
  EXPECT_EQ(out.grants[0].status, GrantStatus::kRevoked);
  ASSERT_EQ(out.payloads.size(), 1u);
  EXPECT_EQ(out.payloads[0].kind, PayloadKind::kQualRevokeReason);
  EXPECT_EQ(out.payloads[0].id, worker_.value);
  EXPECT_EQ(out.payloads[0].aux, t.value);
  EXPECT_EQ(out.payloads[0].data, "sloppy work");
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].type, EventType::kQualificationRevoked);
}

TEST_F(Quals, DisassociateNeedsAGrantAndAShortReason) {
  QualTypeId t = Create(Spec("none"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, DisassociateQualificationFromWorker{t, worker_, ""},
                       ErrorCode::kNotFound, "worker"));
  ASSERT_TRUE(Associate(t, worker_).ok());
  EXPECT_TRUE(Rejected(e_, requester_, kT0,
                       DisassociateQualificationFromWorker{t, worker_, std::string(1025, 'r')},
                       ErrorCode::kInvalidArgument, "reason"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, DisassociateQualificationFromWorker{t, worker_, ""},
                       ErrorCode::kPermissionDenied, "type"));
}

// ---- GetQualificationScore ----

TEST_F(Quals, OwnerAndWorkerReadAGrantedScore) {
  QualTypeId t = Create(Spec("score"));
  ASSERT_TRUE(Associate(t, worker_, 77).ok());
  for (AccountId who : {requester_, worker_, kBootstrapAdmin}) {
    Result r = Score(t, worker_, who);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.get<QualificationView>().value, 77);
    EXPECT_EQ(r.get<QualificationView>().status, GrantStatus::kGranted);
  }
  EXPECT_TRUE(IsError(Score(t, worker_, other_), ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(IsError(Score(t, worker_, worker2_), ErrorCode::kPermissionDenied, "type"));
  EXPECT_TRUE(IsError(Score(t, worker2_, requester_), ErrorCode::kNotFound, "worker"));
}

TEST_F(Quals, SystemScoresAreComputedFromTheWorkersRecord) {
  Result approved = Score(system_qual::kPercentApproved, worker_, worker_);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved.get<QualificationView>().value, 100);
  Result rejected = Score(system_qual::kPercentRejected, worker_, worker_);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected.get<QualificationView>().value, 0);
  Result locale = Score(system_qual::kLocale, worker_, worker_);
  ASSERT_TRUE(locale.ok());
  EXPECT_EQ(locale.get<QualificationView>().locale, MakeLocale("US-NY"));
  EXPECT_TRUE(IsError(Score(system_qual::kMasters, worker_, worker_), ErrorCode::kNotFound));
}

// ---- ListWorkersWithQualificationType ----

TEST_F(Quals, OwnerListsHoldersByWorkerId) {
  QualTypeId t = Create(Spec("holders"));
  AccountId w3 = test::MakeWorker(e_, "worker3");
  for (AccountId w : {w3, worker_, worker2_}) ASSERT_TRUE(Associate(t, w, int32_t(w.value)).ok());
  ListWorkersWithQualificationType cmd = Holders(t);
  cmd.page.max_results = 2;
  Result r = Apply(e_, requester_, kT0, cmd);
  ASSERT_TRUE(r.ok());
  const QualificationList& first = r.get<QualificationList>();
  ASSERT_EQ(first.qualifications.size(), 2u);
  EXPECT_EQ(first.qualifications[0].worker, worker_);
  EXPECT_EQ(first.qualifications[1].worker, worker2_);
  EXPECT_EQ(first.qualifications[1].value, int32_t(worker2_.value));
  ASSERT_EQ(first.next_token, std::to_string(worker2_.value));
  cmd.page.next_token = first.next_token;
  Result r2 = Apply(e_, requester_, kT0, cmd);
  ASSERT_TRUE(r2.ok());
  ASSERT_EQ(r2.get<QualificationList>().qualifications.size(), 1u);
  EXPECT_EQ(r2.get<QualificationList>().qualifications[0].worker, w3);
  EXPECT_EQ(r2.get<QualificationList>().next_token, "");
  EXPECT_TRUE(IsError(Apply(e_, other_, kT0, Holders(t)), ErrorCode::kPermissionDenied, "type"));
}

// ---- ListMyQualifications ----

TEST_F(Quals, WorkerListsItsSystemValuesThenItsGrants) {
  QualTypeId t = Create(Spec("mine"));
  ASSERT_TRUE(Associate(t, worker_, 3).ok());
  ASSERT_TRUE(Associate(system_qual::kMasters, worker_, 1, kBootstrapAdmin).ok());
  ListMyQualifications cmd;
  cmd.page.max_results = 100;
  Result r = Apply(e_, worker_, kT0, cmd);
  ASSERT_TRUE(r.ok());
  const auto& quals = r.get<QualificationList>().qualifications;
  std::vector<uint64_t> ids;
  for (const QualificationView& q : quals) ids.push_back(q.type.value);
  EXPECT_EQ(ids, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, t.value}));
  EXPECT_EQ(quals[0].value, 100);  // PercentAssignmentsApproved with no decisions
  EXPECT_EQ(quals[6].locale, MakeLocale("US-NY"));
  EXPECT_EQ(quals[8].value, 3);
  for (const QualificationView& q : quals) EXPECT_EQ(q.worker, worker_);
}

TEST_F(Quals, ListMyQualificationsPagesAcrossSystemValuesAndGrants) {
  QualTypeId t = Create(Spec("paged"));
  ASSERT_TRUE(Associate(t, worker_).ok());
  ListMyQualifications cmd;
  cmd.page.max_results = 7;
  Result r = Apply(e_, worker_, kT0, cmd);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.get<QualificationList>().qualifications.size(), 7u);
  EXPECT_EQ(r.get<QualificationList>().next_token, "7");
  cmd.page.next_token = "7";
  Result r2 = Apply(e_, worker_, kT0, cmd);
  ASSERT_TRUE(r2.ok());
  ASSERT_EQ(r2.get<QualificationList>().qualifications.size(), 1u);
  EXPECT_EQ(r2.get<QualificationList>().qualifications[0].type, t);
  EXPECT_EQ(r2.get<QualificationList>().next_token, "");
  EXPECT_TRUE(
      IsError(Apply(e_, requester_, kT0, ListMyQualifications{}), ErrorCode::kPermissionDenied));
}

}  // namespace
}  // namespace hitd::engine
