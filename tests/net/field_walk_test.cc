// The test helpers that compare engine values field by field must see every field, or
// the round-trip tests would pass on values they never looked at.
#include "tests/net/field_walk.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/commands.h"
#include "engine/replies.h"

namespace hitd::net::testing {
namespace {

static_assert(FieldCount<engine::GetStats>() == 0);
static_assert(FieldCount<engine::CreateAccount>() == 4);
static_assert(FieldCount<engine::HitTypeSpec>() == 11);
static_assert(FieldCount<engine::UpdateQualificationType>() == 9);
static_assert(FieldCount<engine::Hit>() == 22);
static_assert(FieldCount<engine::Stats>() == 19);

TEST(FieldWalk, UnsetListsEveryDefaultLeaf) {
  const std::vector<std::string> unset = Unset(engine::CreateAccount{});
  EXPECT_EQ(unset.size(), 4u);
  engine::CreateAccount set{engine::Role::kAdmin, "a", engine::Locale{{'U', 'S'}, {}}, "h"};
  EXPECT_TRUE(Unset(set).empty());
  set.role = engine::Role::kWorker;  // the struct's own default, not the enum's zero
  EXPECT_EQ(Unset(set), std::vector<std::string>{".0"});
}

TEST(FieldWalk, UnsetLooksInsideContainers) {
  engine::CreateHit hit;
  hit.type.requirements.resize(1);
  const std::vector<std::string> unset = Unset(hit);
  // Inside the requirement: type, integer_values (empty), locale_values (empty); its
  // comparator and guard are at their defaults too.
  EXPECT_NE(std::find(unset.begin(), unset.end(), ".0.6[0].0"), unset.end());
  EXPECT_NE(std::find(unset.begin(), unset.end(), ".0.6[0].2 (empty)"), unset.end());
  EXPECT_NE(std::find(unset.begin(), unset.end(), ".0.5 (nullopt)"), unset.end());
}

TEST(FieldWalk, DifferencesFindsANestedChange) {
  engine::CreateHit a;
  a.type.requirements.resize(2);
  engine::CreateHit b = a;
  EXPECT_TRUE(Differences(a, b).empty());
  b.type.requirements[1].locale_values.push_back(engine::Locale{{'I', 'N'}, {}});
  EXPECT_EQ(Differences(a, b), std::vector<std::string>{".0.6[1].3.size"});
  b = a;
  b.hit.priority = 3;
  EXPECT_EQ(Differences(a, b), std::vector<std::string>{".1.4"});
  engine::UpdateQualificationType u, v;
  u.retry_delay = std::optional<engine::TimeMs>();
  v.retry_delay = engine::TimeMs(1);
  EXPECT_EQ(Differences(u, v), std::vector<std::string>{".6.has_value"});
}

}  // namespace
}  // namespace hitd::net::testing
