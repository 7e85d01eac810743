// Qualification lists through Engine::Apply: ListQualificationTypes,
// ListWorkersWithQualificationType and ListMyQualifications.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

using QualLists = QualFixture;

// ---- ListQualificationTypes ----

TEST_F(QualLists, ListMatchesTheQueryInNameDescriptionOrKeywordsIgnoringCase) {
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

TEST_F(QualLists, ListShowsSystemTypesOthersActiveTypesAndOnlyOwnInactiveOnes) {
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

TEST_F(QualLists, MustBeRequestableLeavesOutSystemAndInactiveTypes) {
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

TEST_F(QualLists, ListPagesByIdWithATokenOnlyWhenMoreFollow) {
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

// ---- ListWorkersWithQualificationType ----

TEST_F(QualLists, OwnerListsHoldersByWorkerId) {
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

TEST_F(QualLists, WorkerListsItsSystemValuesThenItsGrants) {
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

TEST_F(QualLists, ListMyQualificationsPagesAcrossSystemValuesAndGrants) {
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
