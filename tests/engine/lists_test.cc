// Paged lists (engine/lists.cc): ListAssignmentsForHIT and ListMyAssignments with
// max_results, next_token and status filters, and ListHITs / ListReviewableHITs.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptHit;
using test::Apply;
using test::kT0;
using test::MakeHit;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;

constexpr int64_t kSec = 1000;

struct Lists : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(100'000));

  // Follows next_token to the end; the assignment ids of every page, page by page.
  std::vector<std::vector<uint64_t>> Pages(AccountId actor, Command first) {
    std::vector<std::vector<uint64_t>> pages;
    for (int guard = 0; guard < 20; ++guard) {
      Result r = Apply(e, actor, kT0 + 100 * kSec, first);
      EXPECT_TRUE(r.ok()) << test::Describe(r);
      if (!r.ok()) break;
      const AssignmentList& list = r.get<AssignmentList>();
      std::vector<uint64_t> ids;
      for (const AssignmentView& v : list.assignments) ids.push_back(v.assignment.id.value);
      pages.push_back(ids);
      if (list.next_token.empty()) break;
      std::visit(
          [&](auto& c) {
            if constexpr (requires { c.page; }) c.page.next_token = list.next_token;
          },
          first);
    }
    return pages;
  }
};

using Ids = std::vector<std::vector<uint64_t>>;

TEST_F(Lists, ListAssignmentsForHitPagesInIdOrder) {
  HitId hit = MakeHit(e, requester, Cents(10), 5);
  for (int i = 0; i < 5; ++i) AcceptHit(e, MakeWorker(e, "w" + std::to_string(i)), hit);
  ListAssignmentsForHit c{hit, Page{2, ""}, {}, {}, {}};
  EXPECT_EQ(Pages(requester, c), (Ids{{1, 2}, {3, 4}, {5}}));
  c.page.max_results = 5;
  EXPECT_EQ(Pages(requester, c), (Ids{{1, 2, 3, 4, 5}}));  // a full last page has no token
}

TEST_F(Lists, ListAssignmentsForHitFiltersByStatus) {
  HitId hit = MakeHit(e, requester, Cents(10), 6);
  std::vector<AssignmentId> ids;
  std::vector<AccountId> workers;
  for (int i = 0; i < 6; ++i) {
    workers.push_back(MakeWorker(e, "w" + std::to_string(i)));
    ids.push_back(AcceptHit(e, workers[i], hit));
  }
  for (int i : {0, 2, 3, 5}) test::Submit(e, workers[i], ids[i], kT0 + kSec);
  ASSERT_TRUE(Apply(e, workers[1], kT0 + kSec, ReturnAssignment{ids[1]}).ok());
  test::Approve(e, requester, ids[3], kT0 + 2 * kSec);
  ListAssignmentsForHit c{hit, Page{2, ""}, {AssignmentStatus::kSubmitted}, {}, {}};
  EXPECT_EQ(Pages(requester, c), (Ids{{1, 3}, {6}}));
  c.statuses = {AssignmentStatus::kReturned, AssignmentStatus::kApproved};
  c.page.max_results = 10;
  EXPECT_EQ(Pages(requester, c), (Ids{{2, 4}}));
  c.statuses = {AssignmentStatus::kAccepted};
  EXPECT_EQ(Pages(requester, c), (Ids{{5}}));
}

TEST_F(Lists, ListAssignmentsForHitIsTheRequestersOnly) {
  HitId hit = MakeHit(e, requester, Cents(10), 1);
  AccountId w = MakeWorker(e, "w");
  AcceptHit(e, w, hit);
  AccountId other = MakeRequester(e, "other");
  EXPECT_TRUE(Rejected(e, other, kT0, ListAssignmentsForHit{hit, {}, {}, {}, {}},
                       ErrorCode::kNotFound, "hit_id"));
  EXPECT_TRUE(Rejected(e, w, kT0, ListAssignmentsForHit{hit, {}, {}, {}, {}},
                       ErrorCode::kPermissionDenied));
}

TEST_F(Lists, PagesRefuseBadMaxResultsAndTokens) {
  HitId h1 = MakeHit(e, requester, Cents(10), 1);
  HitId h2 = MakeHit(e, requester, Cents(10), 1);
  AccountId w = MakeWorker(e, "w");
  AcceptHit(e, w, h1);
  AcceptHit(e, w, h2);
  for (uint32_t bad : {0u, 101u}) {
    EXPECT_TRUE(Rejected(e, requester, kT0, ListAssignmentsForHit{h1, Page{bad, ""}, {}, {}, {}},
                         ErrorCode::kInvalidArgument, "max_results"));
    EXPECT_TRUE(Rejected(e, w, kT0, ListMyAssignments{Page{bad, ""}, {}, {}, {}},
                         ErrorCode::kInvalidArgument, "max_results"));
  }
  for (std::string bad : {"x", "0", "-1", "1a", "999"}) {
    EXPECT_TRUE(Rejected(e, requester, kT0, ListAssignmentsForHit{h1, Page{10, bad}, {}, {}, {}},
                         ErrorCode::kInvalidArgument, "next_token"))
        << bad;
  }
  // A token from another HIT's list is not a position in this one.
  EXPECT_TRUE(Rejected(e, requester, kT0, ListAssignmentsForHit{h1, Page{10, "2"}, {}, {}, {}},
                       ErrorCode::kInvalidArgument, "next_token"));
  EXPECT_TRUE(Apply(e, requester, kT0, ListAssignmentsForHit{h1, Page{100, ""}, {}, {}, {}}).ok());
}

TEST_F(Lists, ListMyAssignmentsPagesTheWorkersOwnAcrossHits) {
  AccountId w = MakeWorker(e, "w");
  AccountId other = MakeWorker(e, "other");
  std::vector<HitId> hits;
  for (int i = 0; i < 5; ++i) hits.push_back(MakeHit(e, requester, Cents(10), 2));
  for (HitId h : hits) {
    AcceptHit(e, other, h);  // odd ids: the other worker's
    AcceptHit(e, w, h);      // even ids: this worker's
  }
  test::Submit(e, w, AssignmentId(4), kT0 + kSec);
  test::Submit(e, w, AssignmentId(8), kT0 + kSec);
  EXPECT_EQ(Pages(w, ListMyAssignments{Page{2, ""}, {}, {}, {}}), (Ids{{2, 4}, {6, 8}, {10}}));
  EXPECT_EQ(Pages(w, ListMyAssignments{Page{10, ""}, {AssignmentStatus::kSubmitted}, {}, {}}),
            (Ids{{4, 8}}));
  EXPECT_EQ(Pages(w, ListMyAssignments{Page{1, ""}, {AssignmentStatus::kAccepted}, {}, {}}),
            (Ids{{2}, {6}, {10}}));
  // Another worker's assignment id is no position in this worker's list.
  EXPECT_TRUE(Rejected(e, w, kT0, ListMyAssignments{Page{10, "3"}, {}, {}, {}},
                       ErrorCode::kInvalidArgument, "next_token"));
  EXPECT_TRUE(Rejected(e, requester, kT0, ListMyAssignments{}, ErrorCode::kPermissionDenied));
}

TEST_F(Lists, AssignmentListsFilterByAcceptTimeAfterInclusiveBeforeExclusive) {
  AccountId w = MakeWorker(e, "w");
  HitId hit = MakeHit(e, requester, Cents(10), 3);
  AcceptHit(e, w, MakeHit(e, requester, Cents(10), 1), kT0);  // assignment 1
  AcceptHit(e, w, hit, kT0 + 10 * kSec);                      // assignment 2
  AcceptHit(e, MakeWorker(e, "w2"), hit, kT0 + 20 * kSec);    // assignment 3
  ListMyAssignments mine{Page{10, ""}, {}, TimeMs(kT0 + 10 * kSec), {}};
  EXPECT_EQ(Pages(w, mine), (Ids{{2}}));
  mine.accepted_after.reset();
  mine.accepted_before = TimeMs(kT0 + 10 * kSec);
  EXPECT_EQ(Pages(w, mine), (Ids{{1}}));
  ListAssignmentsForHit of_hit{hit, Page{10, ""}, {}, TimeMs(kT0 + kSec), TimeMs(kT0 + 20 * kSec)};
  Result r = Apply(e, requester, kT0 + 30 * kSec, of_hit);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.get<AssignmentList>().assignments.size(), 1u);
  EXPECT_EQ(r.get<AssignmentList>().assignments[0].assignment.id, AssignmentId(2));
}

TEST_F(Lists, ListHitsPagesTheRequestersHitsAndFiltersByStatus) {
  AccountId other = MakeRequester(e, "other", Cents(1000));
  MakeHit(e, other, Cents(10), 1);
  std::vector<HitId> mine;
  for (int i = 0; i < 5; ++i) mine.push_back(MakeHit(e, requester, Cents(10), 1));
  AccountId w = MakeWorker(e, "w");
  test::AcceptAndSubmit(e, w, mine[1]);
  test::AcceptAndSubmit(e, w, mine[3]);
  std::vector<uint64_t> seen;
  ListHits c;
  c.page.max_results = 2;
  for (int guard = 0; guard < 10; ++guard) {
    Result r = Apply(e, requester, kT0 + 2 * kSec, c);
    ASSERT_TRUE(r.ok());
    for (const HitView& v : r.get<HitList>().hits) seen.push_back(v.hit.id.value);
    c.page.next_token = r.get<HitList>().next_token;
    if (c.page.next_token.empty()) break;
  }
  EXPECT_EQ(seen, (std::vector<uint64_t>{2, 3, 4, 5, 6}));
  ListReviewableHits reviewable;
  Result r = Apply(e, requester, kT0 + 2 * kSec, reviewable);
  ASSERT_TRUE(r.ok());
  std::vector<uint64_t> ids;
  for (const HitView& v : r.get<HitList>().hits) ids.push_back(v.hit.id.value);
  EXPECT_EQ(ids, (std::vector<uint64_t>{mine[1].value, mine[3].value}));
  EXPECT_TRUE(Rejected(e, requester, kT0, ListReviewableHits{{}, {}, HitStatus::kAssignable},
                       ErrorCode::kInvalidArgument, "status"));
}

TEST_F(Lists, ListHitsFiltersByTypeAndCreationTime) {
  HitTypeSpec other = test::BasicHitType(Cents(20));
  std::vector<HitId> hits;
  for (int i = 0; i < 3; ++i) {
    hits.push_back(test::MakeHitOf(e, requester, test::BasicHitType(Cents(10)), test::BasicHit(),
                                   kT0 + i * kSec));
  }
  HitId odd = test::MakeHitOf(e, requester, other, test::BasicHit(), kT0 + kSec);
  auto ids = [&](const ListHits& c) {
    std::vector<HitId> out;
    Result r = Apply(e, requester, kT0 + 5 * kSec, c);
    EXPECT_TRUE(r.ok()) << test::Describe(r);
    if (r.ok()) {
      for (const HitView& v : r.get<HitList>().hits) out.push_back(v.hit.id);
    }
    return out;
  };
  ListHits window;
  window.created_after = TimeMs(kT0 + kSec);       // inclusive
  window.created_before = TimeMs(kT0 + 2 * kSec);  // exclusive
  EXPECT_EQ(ids(window), (std::vector<HitId>{hits[1], odd}));
  window.type = test::TypeOfHit(e, requester, odd);
  EXPECT_EQ(ids(window), std::vector<HitId>{odd});
  ListHits by_status;
  by_status.status = HitStatus::kAssignable;
  EXPECT_EQ(ids(by_status).size(), 4u);
}

}  // namespace
}  // namespace hitd::engine
