// Qualification types through Engine::Apply: Create, Get, Update and Delete.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/eligibility.h"
#include "tests/engine/qual_fixture.h"

namespace hitd::engine {
namespace {

using qual_test::Holders;
using qual_test::Ids;
using qual_test::QualFixture;
using qual_test::Spec;
using qual_test::TestSpec;
using qual_test::Update;
using test::Apply;
using test::IsError;
using test::kT0;
using test::MakeLocale;
using test::Rejected;

using QualTypes = QualFixture;

// ---- CreateQualificationType ----

TEST_F(QualTypes, CreateGivesUserTypesIdsFromOneHundredAndEmitsTheRecordAndTest) {
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

TEST_F(QualTypes, CreateKeepsTheRetryDelayAndAutoGrantedValue) {
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

TEST_F(QualTypes, OnlyRequestersCreateTypes) {
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

TEST_F(QualTypes, CreateRefusesInvalidFieldsNamingThem) {
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

TEST_F(QualTypes, NamesAreUniquePerOwner) {
  Create(Spec("same"));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, CreateQualificationType{Spec("same")},
                       ErrorCode::kAlreadyExists, "name"));
  EXPECT_TRUE(Apply(e_, other_, kT0, CreateQualificationType{Spec("same")}).ok());
}

TEST_F(QualTypes, ADeletedTypesNameMayBeUsedAgain) {
  QualTypeId first = Create(Spec("again"));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{first}).ok());
  EXPECT_NE(Create(Spec("again")), first);
}

// ---- GetQualificationType ----

TEST_F(QualTypes, AnyoneReadsActiveAndSystemTypes) {
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

TEST_F(QualTypes, InactiveTypesAreVisibleOnlyToTheirOwner) {
  QualTypeSpec spec = Spec("hidden");
  spec.status = QualTypeStatus::kInactive;
  QualTypeId t = Create(spec);
  EXPECT_TRUE(Apply(e_, requester_, kT0, GetQualificationType{t}).ok());
  EXPECT_TRUE(
      IsError(Apply(e_, other_, kT0, GetQualificationType{t}), ErrorCode::kNotFound, "type"));
  EXPECT_TRUE(
      IsError(Apply(e_, worker_, kT0, GetQualificationType{t}), ErrorCode::kNotFound, "type"));
}

TEST_F(QualTypes, PlaceholdersAndDeletedTypesAreNotFound) {
  QualTypeId t = Create(Spec("gone"));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{t}).ok());
  for (QualTypeId id : {t, QualTypeId(10), QualTypeId(99), QualTypeId(0), QualTypeId(5000)}) {
    EXPECT_TRUE(
        IsError(Apply(e_, requester_, kT0, GetQualificationType{id}), ErrorCode::kNotFound, "type"))
        << id.value;
  }
}

TEST_F(QualTypes, TheAnswerKeyIsShownOnlyToTheOwner) {
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

TEST_F(QualTypes, OwnerUpdatesDescriptionAndStatus) {
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

TEST_F(QualTypes, OnlyTheOwnerUpdates) {
  QualTypeId t = Create(Spec("mine"));
  UpdateQualificationType u = Update(t);
  u.description = "theirs";
  EXPECT_TRUE(Rejected(e_, other_, kT0, u, ErrorCode::kPermissionDenied, "type"));
  u.type = system_qual::kMasters;
  EXPECT_TRUE(Rejected(e_, requester_, kT0, u, ErrorCode::kPermissionDenied, "type"));
  u.type = QualTypeId(4242);
  EXPECT_TRUE(Rejected(e_, requester_, kT0, u, ErrorCode::kNotFound, "type"));
}

TEST_F(QualTypes, ATestUpdateNamesTestAndDurationAndReplacesTheKey) {
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

TEST_F(QualTypes, UpdateRefusesWhatMturkRefuses) {
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

TEST_F(QualTypes, UpdateMayAllowRetriesAndTurnOffAutoGrantingToAddATest) {
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

// MTurk: "This operation does not revoke Qualifications already assigned to Workers
// because the Qualifications might be needed for active HITs."
TEST_F(QualTypes, DeleteDisposesTheTypeButKeepsTheGrantsLiveHitsMayNeed) {
  QualTypeId t = Create(Spec("doomed"));
  ASSERT_TRUE(Associate(t, worker_, 3).ok());
  ASSERT_TRUE(Associate(t, worker2_, 4).ok());
  Output out;
  const Command cmd = DeleteQualificationType{t};
  ASSERT_TRUE(Apply(e_, requester_, kT0 + 5, cmd, out).ok());
  EXPECT_EQ(TypeOf(t).status, QualTypeStatus::kDisposed);
  ASSERT_EQ(StateOf(worker_).grants.size(), 1u);
  EXPECT_EQ(StateOf(worker_).grants[0].value, 3);
  EXPECT_EQ(StateOf(worker2_).grants.size(), 1u);
  EXPECT_EQ(e_.state().grants_by_type.size(), 2u);
  EXPECT_TRUE(out.grants.empty());
  EXPECT_TRUE(out.events.empty());
  ASSERT_EQ(out.qual_types.size(), 1u);
  EXPECT_EQ(out.qual_types[0].status, QualTypeStatus::kDisposed);
  // A disposed type can no longer be required.
  QualificationRequirement req{t, Comparator::kExists, {}, {}, ActionsGuarded::kAccept};
  EXPECT_EQ(ValidateRequirements(e_.state(), requester_, {req}),
            (Error{ErrorCode::kNotFound, "requirements.type"}));
}

TEST_F(QualTypes, OnlyTheOwnerDeletes) {
  QualTypeId t = Create(Spec("keep"));
  EXPECT_TRUE(Rejected(e_, other_, kT0, DeleteQualificationType{t}, ErrorCode::kPermissionDenied));
  EXPECT_TRUE(Rejected(e_, requester_, kT0, DeleteQualificationType{system_qual::kAdult},
                       ErrorCode::kPermissionDenied));
  ASSERT_TRUE(Apply(e_, requester_, kT0, DeleteQualificationType{t}).ok());
  EXPECT_TRUE(
      Rejected(e_, requester_, kT0, DeleteQualificationType{t}, ErrorCode::kNotFound, "type"));
}

}  // namespace
}  // namespace hitd::engine
