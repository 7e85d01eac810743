// ListHITGroups (engine/hit_groups.cc): the groups a worker may discover, with their
// counts and qualified/preview flags, filtered, sorted and paged.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/hit_helpers.h"
#include "tests/engine/test_util.h"

namespace hitd::engine {
namespace {

using test::AcceptHit;
using test::Apply;
using test::BasicHit;
using test::BasicHitType;
using test::kT0;
using test::MakeHitOf;
using test::MakeRequester;
using test::MakeWorker;
using test::Rejected;
using test::Requires;

struct HitGroups : ::testing::Test {
  Engine e;
  AccountId requester = MakeRequester(e, "acme", Cents(1'000'000));
  AccountId worker = MakeWorker(e, "w1");

  HitTypeId Group(std::string title, Cents reward, uint32_t hits, uint32_t slots_each = 1) {
    HitTypeSpec t = BasicHitType(reward);
    t.title = std::move(title);
    return Group(t, hits, slots_each);
  }
  HitTypeId Group(const HitTypeSpec& t, uint32_t hits, uint32_t slots_each = 1) {
    HitId last;
    for (uint32_t i = 0; i < hits; ++i) last = MakeHitOf(e, requester, t, BasicHit(slots_each));
    return test::TypeOfHit(e, requester, last);
  }
  HitGroupList List(ListHitGroups c, AccountId as = AccountId()) {
    Result r = Apply(e, as ? as : worker, kT0, c);
    EXPECT_TRUE(r.ok()) << test::Describe(r);
    return r.ok() ? r.get<HitGroupList>() : HitGroupList{};
  }
  std::vector<HitTypeId> Types(ListHitGroups c, AccountId as = AccountId()) {
    std::vector<HitTypeId> ids;
    for (const HitGroupView& g : List(c, as).groups) ids.push_back(g.type.id);
    return ids;
  }
};

using TypeIds = std::vector<HitTypeId>;

TEST_F(HitGroups, ListsGroupsWithFreeSlotsAndTheirCounts) {
  HitTypeId a = Group("a", Cents(10), 2, 3);
  HitTypeId full = Group("full", Cents(20), 1);
  AcceptHit(e, MakeWorker(e, "w2"), HitId(3));  // the only HIT of `full`
  AcceptHit(e, MakeWorker(e, "w3"), HitId(1));
  HitGroupList list = List({});
  ASSERT_EQ(list.groups.size(), 1u);
  EXPECT_EQ(list.groups[0].type.id, a);
  EXPECT_EQ(list.groups[0].hits_available, 2u);
  EXPECT_EQ(list.groups[0].slots_available, 5u);
  EXPECT_TRUE(list.groups[0].qualified);
  EXPECT_TRUE(list.groups[0].may_preview);
  EXPECT_TRUE(list.next_token.empty());
  EXPECT_NE(full, a);
}

// A HIT past its expiry is no longer Assignable, whether or not its Tick has fired
// (AcceptNext, Accept and GetHit already treat it so): the list must not offer it.
TEST_F(HitGroups, HitsPastTheirExpiryAreNotCountedBeforeTheirTick) {
  HitTypeSpec t = BasicHitType(Cents(10));
  HitSpec short_lived = BasicHit(2);
  short_lived.lifetime = Seconds(30);
  MakeHitOf(e, requester, t, short_lived);
  HitId live = MakeHitOf(e, requester, t, BasicHit(3));
  HitTypeSpec gone = BasicHitType(Cents(20));
  gone.title = "only short-lived HITs";
  MakeHitOf(e, requester, gone, short_lived);
  Result r = Apply(e, worker, kT0 + 30'000, ListHitGroups{});
  ASSERT_TRUE(r.ok());
  const HitGroupList& list = r.get<HitGroupList>();
  ASSERT_EQ(list.groups.size(), 1u);
  EXPECT_EQ(list.groups[0].type.id, test::TypeOfHit(e, requester, live));
  EXPECT_EQ(list.groups[0].hits_available, 1u);
  EXPECT_EQ(list.groups[0].slots_available, 3u);
}

TEST_F(HitGroups, RequirementsDecideDiscoveryAndTheFlags) {
  QualTypeId q = test::MakeQualType(e, requester, "skill");
  auto guarded = [&](std::string title, ActionsGuarded guard) {
    HitTypeSpec t = BasicHitType(Cents(10));
    t.title = std::move(title);
    t.requirements = {Requires(q, guard)};
    return Group(t, 1);
  };
  HitTypeId accept_only = guarded("accept", ActionsGuarded::kAccept);
  HitTypeId no_preview = guarded("preview", ActionsGuarded::kPreviewAndAccept);
  guarded("hidden", ActionsGuarded::kDiscoverPreviewAndAccept);
  HitGroupList list = List({});
  ASSERT_EQ(list.groups.size(), 2u);  // the hidden group is not discoverable
  EXPECT_EQ(list.groups[0].type.id, accept_only);
  EXPECT_FALSE(list.groups[0].qualified);
  EXPECT_TRUE(list.groups[0].may_preview);
  EXPECT_EQ(list.groups[1].type.id, no_preview);
  EXPECT_FALSE(list.groups[1].qualified);
  EXPECT_FALSE(list.groups[1].may_preview);
  test::Grant(e, requester, q, worker, 1);
  list = List({});
  ASSERT_EQ(list.groups.size(), 3u);
  for (const HitGroupView& g : list.groups) EXPECT_TRUE(g.qualified && g.may_preview);
}

TEST_F(HitGroups, SortsByRewardByNewestOrByMostAvailable) {
  HitTypeId cheap_many = Group("cheap", Cents(5), 4);
  HitTypeId dear_few = Group("dear", Cents(50), 1);
  HitTypeId mid_old = Group("mid old", Cents(20), 2);
  HitTypeId mid_new = Group("mid new", Cents(20), 2);
  ListHitGroups c;
  EXPECT_EQ(Types(c), (TypeIds{dear_few, mid_old, mid_new, cheap_many}));
  c.sort = GroupSort::kNewestFirst;
  EXPECT_EQ(Types(c), (TypeIds{mid_new, mid_old, dear_few, cheap_many}));
  c.sort = GroupSort::kMostAvailable;  // ties in the matching order
  EXPECT_EQ(Types(c), (TypeIds{cheap_many, mid_old, mid_new, dear_few}));
  c.sort = static_cast<GroupSort>(9);
  EXPECT_TRUE(Rejected(e, worker, kT0, c, ErrorCode::kInvalidArgument, "sort"));
}

TEST_F(HitGroups, PagesWithMaxResultsAndNextToken) {
  TypeIds all;
  for (int i = 0; i < 5; ++i)
    all.insert(all.begin(), Group("g" + std::to_string(i), Cents(10 + i), 1));
  ListHitGroups c;
  c.page.max_results = 2;
  TypeIds seen;
  int pages = 0;
  for (; pages < 10; ++pages) {
    HitGroupList list = List(c);
    for (const HitGroupView& g : list.groups) seen.push_back(g.type.id);
    if (list.next_token.empty()) break;
    c.page.next_token = list.next_token;
  }
  EXPECT_EQ(pages, 2);  // three pages: 2, 2, 1
  EXPECT_EQ(seen, all);
  c.page = Page{0, ""};
  EXPECT_TRUE(Rejected(e, worker, kT0, c, ErrorCode::kInvalidArgument, "max_results"));
  c.page = Page{10, "abc"};
  EXPECT_TRUE(Rejected(e, worker, kT0, c, ErrorCode::kInvalidArgument, "next_token"));
}

TEST_F(HitGroups, FiltersAndBlocksNarrowTheList) {
  HitTypeSpec images = BasicHitType(Cents(10));
  images.keywords = "photo, cats";
  HitTypeId image_group = Group(images, 1);
  HitTypeId dear = Group("dear", Cents(40), 1);
  AccountId other = MakeRequester(e, "other", Cents(10'000));
  MakeHitOf(e, other, BasicHitType(Cents(30)), BasicHit());
  ListHitGroups by_keyword, by_reward, by_requester;
  by_keyword.filter.keyword = "Cats";
  by_reward.filter.min_reward = Cents(35);
  by_requester.filter.requester = requester;
  EXPECT_EQ(Types(by_keyword), TypeIds{image_group});
  EXPECT_EQ(Types(by_reward), TypeIds{dear});
  EXPECT_EQ(Types(by_requester), (TypeIds{dear, image_group}));
  ASSERT_TRUE(Apply(e, requester, kT0, CreateWorkerBlock{worker, "spam"}).ok());
  EXPECT_EQ(Types(ListHitGroups{}).size(), 1u);  // only the other requester's group
  EXPECT_EQ(Types(ListHitGroups{}, MakeWorker(e, "w2")).size(), 3u);
  EXPECT_TRUE(Rejected(e, requester, kT0, ListHitGroups{}, ErrorCode::kPermissionDenied, "role"));
}

}  // namespace
}  // namespace hitd::engine
