// Operation names: one kebab-case name per RequestBody member, as aws mturk spells them.
#include "net/protocol/operation_names.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

namespace hitd::net {
namespace {

// MTurk's CLI rule: the operation's name in words, "HIT" read as one word ("HITs" as
// "Hits"), joined with '-'.
std::string Kebab(std::string name) {
  for (const auto& [from, to] : {std::pair{"HITs", "Hits"}, std::pair{"HIT", "Hit"}}) {
    for (size_t at = name.find(from); at != std::string::npos; at = name.find(from, at)) {
      name.replace(at, std::string(from).size(), to);
    }
  }
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c) && i > 0) out += '-';
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

TEST(OperationNames, EveryMemberHasItsMTurkStyleName) {
  const auto names = OperationNames();
  ASSERT_EQ(names.size(), static_cast<size_t>(schema::RequestBody::MAX));
  std::set<std::string_view> seen;
  for (const OperationName& row : names) {
    EXPECT_EQ(row.name, Kebab(schema::EnumNameRequestBody(row.body)));
    EXPECT_TRUE(seen.insert(row.name).second) << "twice: " << row.name;
    EXPECT_EQ(NameOf(row.body), row.name);
    EXPECT_EQ(OperationNamed(row.name), row.body);
  }
}

TEST(OperationNames, DesignsExamplesAreThere) {
  EXPECT_EQ(OperationNamed("create-hit"), schema::RequestBody::CreateHIT);
  EXPECT_EQ(OperationNamed("list-assignments-for-hit"), schema::RequestBody::ListAssignmentsForHIT);
  EXPECT_EQ(OperationNamed("create-hit-with-hit-type"), schema::RequestBody::CreateHITWithHITType);
  EXPECT_EQ(OperationNamed("list-hits"), schema::RequestBody::ListHITs);
  EXPECT_EQ(OperationNamed("accept-next"), schema::RequestBody::AcceptNext);
  EXPECT_EQ(OperationNamed("get-dashboard"), schema::RequestBody::GetDashboard);
  EXPECT_EQ(OperationNamed("backup"), schema::RequestBody::Backup);
}

TEST(OperationNames, UnknownAndNoneHaveNoName) {
  EXPECT_EQ(NameOf(schema::RequestBody::NONE), "");
  EXPECT_EQ(NameOf(static_cast<schema::RequestBody>(250)), "");
  EXPECT_EQ(OperationNamed("create-hits-please"), std::nullopt);
  EXPECT_EQ(OperationNamed(""), std::nullopt);
}

}  // namespace
}  // namespace hitd::net
