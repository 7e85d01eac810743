// The fixture and builders shared by the qualification tests (quals_test.cc,
// quals_workers_test.cc, quals_list_test.cc): an engine with two requesters and two
// workers (one in US-NY), and commands built field by field so that -Wextra's
// missing-initializer warning stays quiet.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace hitd::engine::qual_test {

inline QualTypeSpec Spec(std::string name) {
  QualTypeSpec spec;
  spec.name = std::move(name);
  spec.description = "Can tell cats from dogs";
  spec.keywords = "animals,images";
  return spec;
}

inline QualTypeSpec TestSpec(std::string name) {
  QualTypeSpec spec = Spec(std::move(name));
  spec.test = "<QuestionForm/>";
  spec.test_duration = Seconds(600);
  spec.answer_key = {{"q1", "cat", 10}, {"q2", "dog", 5}};
  return spec;
}

inline UpdateQualificationType Update(QualTypeId type) {
  UpdateQualificationType u;
  u.type = type;
  return u;
}

inline ListWorkersWithQualificationType Holders(QualTypeId type) {
  ListWorkersWithQualificationType cmd;
  cmd.type = type;
  return cmd;
}

class QualFixture : public ::testing::Test {
 protected:
  QualFixture() {
    requester_ = test::MakeRequester(e_, "req");
    other_ = test::MakeRequester(e_, "other");
    worker_ = test::MakeWorker(e_, "worker", test::MakeLocale("US-NY"));
    worker2_ = test::MakeWorker(e_, "worker2");
  }

  QualTypeId Create(QualTypeSpec spec, AccountId owner = {}) {
    Result r = test::Apply(e_, owner.valid() ? owner : requester_, test::kT0,
                           CreateQualificationType{spec});
    EXPECT_TRUE(r.ok()) << "CreateQualificationType: " << r.error().field;
    return r.ok() ? r.get<QualTypeCreated>().type : QualTypeId();
  }
  Result Associate(QualTypeId type, AccountId worker, int32_t value = 1, AccountId actor = {}) {
    return test::Apply(e_, actor.valid() ? actor : requester_, test::kT0 + 1,
                       AssociateQualificationWithWorker{type, worker, value});
  }
  const QualType& TypeOf(QualTypeId id) const { return e_.state().qual_types[id.value - 1]; }
  const AccountState& StateOf(AccountId id) const {
    return e_.state().account_states[id.value - 1];
  }
  Result Score(QualTypeId type, AccountId worker, AccountId actor) {
    return test::Apply(e_, actor, test::kT0 + 2, GetQualificationScore{type, worker});
  }
  QualTypeList ListTypes(AccountId actor, ListQualificationTypes cmd) {
    Result r = test::Apply(e_, actor, test::kT0 + 2, cmd);
    EXPECT_TRUE(r.ok()) << r.error().field;
    return r.ok() ? r.get<QualTypeList>() : QualTypeList{};
  }

  Engine e_;
  AccountId requester_, other_, worker_, worker2_;
};

inline std::vector<uint64_t> Ids(const QualTypeList& list) {
  std::vector<uint64_t> ids;
  for (const QualTypeView& v : list.types) ids.push_back(v.type.id.value);
  return ids;
}

}  // namespace hitd::engine::qual_test
