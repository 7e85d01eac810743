// Qualification evaluation (eligibility.h) on a State built directly: system values from
// the worker's counters, every comparator with and without the qualification, locales,
// ActionsGuarded levels, dynamic detection and ValidateRequirements.
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "engine/eligibility.h"
#include "engine/qual_grants.h"
#include "engine/state.h"

namespace hitd::engine {
namespace {

constexpr Locale L(std::string_view text) {
  Locale l;
  l.country[0] = text[0];
  l.country[1] = text[1];
  for (size_t i = 3; i < text.size() && i < 6; ++i) l.subdivision[i - 3] = text[i];
  return l;
}

constexpr AccountId kRequester{2};
constexpr AccountId kOtherRequester{3};
constexpr QualTypeId kCustom{100};
constexpr QualTypeId kOtherOwners{101};
constexpr QualTypeId kInactive{102};

QualificationRequirement Req(QualTypeId type, Comparator c, std::vector<int32_t> ints = {},
                             ActionsGuarded guard = ActionsGuarded::kAccept) {
  QualificationRequirement r;
  r.type = type;
  r.comparator = c;
  r.integer_values = std::move(ints);
  r.guard = guard;
  return r;
}

QualificationRequirement LocaleReq(Comparator c, std::vector<Locale> locales) {
  QualificationRequirement r;
  r.type = system_qual::kLocale;
  r.comparator = c;
  r.locale_values = std::move(locales);
  return r;
}

class QualsEval : public ::testing::Test {
 protected:
  QualsEval() {
    s_.accounts.reserve(64);  // tests hold references to accounts they add
    InitSystemQualTypes(s_);
    AddAccount(Role::kAdmin, Locale{});
    AddAccount(Role::kRequester, L("US"));
    AddAccount(Role::kRequester, L("US"));
    AddType(kRequester, QualTypeStatus::kActive);
    AddType(kOtherRequester, QualTypeStatus::kActive);
    AddType(kRequester, QualTypeStatus::kInactive);
  }

  Account& AddAccount(Role role, Locale locale) {
    Account a;
    a.id = AccountId(s_.accounts.size() + 1);
    a.role = role;
    a.locale = locale;
    s_.accounts.push_back(a);
    s_.account_states.emplace_back();
    return s_.accounts.back();
  }
  const Account& AddWorker(Locale locale = L("US-NY")) { return AddAccount(Role::kWorker, locale); }
  void AddType(AccountId owner, QualTypeStatus status) {
    QualType t;
    t.id = QualTypeId(s_.qual_types.size() + 1);
    t.owner = owner;
    t.name = "type" + std::to_string(t.id.value);
    t.status = status;
    s_.qual_types.push_back(t);
  }
  void Grant(const Account& worker, QualTypeId type, int32_t value) {
    RestoreGrant(s_, QualGrant{worker.id, type, value, TimeMs(1), GrantStatus::kGranted});
  }
  bool Meets(const Account& worker, const QualificationRequirement& r) {
    return MeetsRequirement(s_, worker, r);
  }
  std::optional<Error> Validate(const std::vector<QualificationRequirement>& reqs) {
    return ValidateRequirements(s_, kRequester, reqs);
  }

  State s_;
};

TEST_F(QualsEval, SystemTypesHaveFixedIdsAndMturkNames) {
  const char* names[] = {"PercentAssignmentsApproved",
                         "PercentAssignmentsSubmitted",
                         "PercentAssignmentsReturned",
                         "PercentAssignmentsAbandoned",
                         "PercentAssignmentsRejected",
                         "NumberHITsApproved",
                         "Locale",
                         "Masters",
                         "Adult"};
  for (uint64_t id = 1; id <= system_qual::kCount; ++id) {
    const QualType& t = s_.qual_types[id - 1];
    EXPECT_EQ(t.id, QualTypeId(id));
    EXPECT_EQ(t.name, names[id - 1]);
    EXPECT_FALSE(t.owner.valid());
    EXPECT_EQ(t.status, QualTypeStatus::kActive);
  }
  EXPECT_EQ(s_.qual_types[system_qual::kMasters.value - 1].name, "Masters");
}

TEST_F(QualsEval, IdsUpToFirstUserIdArePaddedWithDisposedPlaceholders) {
  for (uint64_t id = system_qual::kCount + 1; id < system_qual::kFirstUserId; ++id) {
    const QualType& t = s_.qual_types[id - 1];
    EXPECT_EQ(t.id, QualTypeId(id));
    EXPECT_EQ(t.status, QualTypeStatus::kDisposed);
    EXPECT_TRUE(t.name.empty());
  }
  EXPECT_EQ(s_.qual_types[kCustom.value - 1].id, kCustom);  // the first user type
}

TEST_F(QualsEval, WorkerWithNoDecisionsHasTheDefaultSystemValues) {
  const Account& w = AddWorker();
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentApproved), 100);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentSubmitted), 100);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentReturned), 0);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentAbandoned), 0);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentRejected), 0);
  EXPECT_EQ(QualValue(s_, w, system_qual::kNumberHitsApproved), 0);
}

TEST_F(QualsEval, SystemValuesComeFromCountersRoundedDown) {
  Account w = AddWorker();
  w.counters.approved = 2;
  w.counters.rejected = 1;
  w.counters.submitted = 3;
  w.counters.returned = 1;
  w.counters.abandoned = 2;
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentApproved), 66);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentRejected), 33);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentSubmitted), 50);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentReturned), 16);
  EXPECT_EQ(QualValue(s_, w, system_qual::kPercentAbandoned), 33);
  EXPECT_EQ(QualValue(s_, w, system_qual::kNumberHitsApproved), 2);
}

TEST_F(QualsEval, CounterChangesMoveARequirementOutcome) {
  Account w = AddWorker();
  const auto req = Req(system_qual::kPercentApproved, Comparator::kGreaterThanOrEqualTo, {95});
  EXPECT_TRUE(Meets(w, req));
  w.counters.approved = 9;
  w.counters.rejected = 1;
  EXPECT_FALSE(Meets(w, req));
}

TEST_F(QualsEval, GrantedValuesComeFromTheWorkersGrants) {
  const Account& w = AddWorker();
  EXPECT_EQ(QualValue(s_, w, system_qual::kMasters), std::nullopt);
  EXPECT_EQ(QualValue(s_, w, kCustom), std::nullopt);
  Grant(w, kCustom, 42);
  Grant(w, system_qual::kMasters, 1);
  EXPECT_EQ(QualValue(s_, w, system_qual::kMasters), 1);
  EXPECT_EQ(QualValue(s_, w, kCustom), 42);
  EXPECT_EQ(QualValue(s_, w, system_qual::kAdult), std::nullopt);
  EXPECT_EQ(QualValue(s_, w, system_qual::kLocale), std::nullopt);  // a locale, not an int
}

struct IntegerCase {
  Comparator comparator;
  std::vector<int32_t> values;
  bool met_by_five;
};

TEST_F(QualsEval, EveryComparatorAgainstAHeldIntegerValue) {
  const Account& w = AddWorker();
  Grant(w, kCustom, 5);
  const IntegerCase cases[] = {
      {Comparator::kLessThan, {6}, true},
      {Comparator::kLessThan, {5}, false},
      {Comparator::kLessThanOrEqualTo, {5}, true},
      {Comparator::kLessThanOrEqualTo, {4}, false},
      {Comparator::kGreaterThan, {4}, true},
      {Comparator::kGreaterThan, {5}, false},
      {Comparator::kGreaterThanOrEqualTo, {5}, true},
      {Comparator::kGreaterThanOrEqualTo, {6}, false},
      {Comparator::kEqualTo, {5}, true},
      {Comparator::kEqualTo, {4}, false},
      {Comparator::kNotEqualTo, {4}, true},
      {Comparator::kNotEqualTo, {5}, false},
      {Comparator::kExists, {}, true},
      {Comparator::kDoesNotExist, {}, false},
      {Comparator::kIn, {1, 5, 9}, true},
      {Comparator::kIn, {1, 9}, false},
      {Comparator::kNotIn, {1, 9}, true},
      {Comparator::kNotIn, {1, 5}, false},
  };
  for (const IntegerCase& c : cases) {
    EXPECT_EQ(Meets(w, Req(kCustom, c.comparator, c.values)), c.met_by_five)
        << "comparator " << int(c.comparator) << " first value "
        << (c.values.empty() ? -1 : c.values[0]);
  }
}

TEST_F(QualsEval, WithoutTheQualificationOnlyDoesNotExistIsMet) {
  const Account& w = AddWorker();
  for (int c = int(Comparator::kLessThan); c <= int(Comparator::kNotIn); ++c) {
    const Comparator comparator = static_cast<Comparator>(c);
    const bool set = comparator == Comparator::kIn || comparator == Comparator::kNotIn;
    const bool bare = comparator == Comparator::kExists || comparator == Comparator::kDoesNotExist;
    std::vector<int32_t> values = bare ? std::vector<int32_t>{} : std::vector<int32_t>{1};
    if (set) values = {1, 2};
    EXPECT_EQ(Meets(w, Req(kCustom, comparator, values)), comparator == Comparator::kDoesNotExist)
        << "comparator " << c;
    EXPECT_EQ(Meets(w, Req(system_qual::kAdult, comparator, values)),
              comparator == Comparator::kDoesNotExist)
        << "Adult, comparator " << c;
  }
}

TEST_F(QualsEval, LocaleWithoutSubdivisionMatchesTheWholeCountry) {
  const Account& ny = AddWorker(L("US-NY"));
  const Account& us = AddWorker(L("US"));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kEqualTo, {L("US")})));
  EXPECT_TRUE(Meets(us, LocaleReq(Comparator::kEqualTo, {L("US")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kEqualTo, {L("CA")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kNotEqualTo, {L("US")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kNotEqualTo, {L("CA")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kIn, {L("CA"), L("US")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kIn, {L("CA"), L("GB")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kNotIn, {L("CA"), L("GB")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kNotIn, {L("GB"), L("US")})));
}

TEST_F(QualsEval, LocaleWithSubdivisionMatchesOnlyThatSubdivision) {
  const Account& ny = AddWorker(L("US-NY"));
  const Account& us = AddWorker(L("US"));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kEqualTo, {L("US-NY")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kEqualTo, {L("US-CA")})));
  EXPECT_FALSE(Meets(us, LocaleReq(Comparator::kEqualTo, {L("US-NY")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kNotEqualTo, {L("US-CA")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kNotEqualTo, {L("US-NY")})));
  EXPECT_TRUE(Meets(us, LocaleReq(Comparator::kNotEqualTo, {L("US-NY")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kIn, {L("US-CA"), L("US-NY")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kIn, {L("US-CA"), L("US-WA")})));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kNotIn, {L("US-CA"), L("US-WA")})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kNotIn, {L("US-CA"), L("US-NY")})));
}

TEST_F(QualsEval, LocaleExistsForEveryWorkerWithALocale) {
  const Account& ny = AddWorker(L("US-NY"));
  EXPECT_TRUE(Meets(ny, LocaleReq(Comparator::kExists, {})));
  EXPECT_FALSE(Meets(ny, LocaleReq(Comparator::kDoesNotExist, {})));
}

TEST_F(QualsEval, WorkerWithoutALocaleMeetsOnlyDoesNotExist) {
  const Account& none = AddWorker(Locale{});
  EXPECT_FALSE(Meets(none, LocaleReq(Comparator::kEqualTo, {L("US")})));
  EXPECT_FALSE(Meets(none, LocaleReq(Comparator::kNotEqualTo, {L("US")})));
  EXPECT_FALSE(Meets(none, LocaleReq(Comparator::kIn, {L("US")})));
  EXPECT_FALSE(Meets(none, LocaleReq(Comparator::kNotIn, {L("US")})));
  EXPECT_FALSE(Meets(none, LocaleReq(Comparator::kExists, {})));
  EXPECT_TRUE(Meets(none, LocaleReq(Comparator::kDoesNotExist, {})));
}

TEST_F(QualsEval, EachActionIsGuardedByItsOwnLevelAndTheMoreRestrictiveOnes) {
  const Account& w = AddWorker();
  const auto unmet = [](ActionsGuarded g) { return Req(kCustom, Comparator::kExists, {}, g); };
  using AG = ActionsGuarded;
  // Unmet requirement guarding Accept only: the worker may discover and preview.
  std::vector<QualificationRequirement> reqs = {unmet(AG::kAccept)};
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kAccept));
  EXPECT_TRUE(MeetsRequirements(s_, w, reqs, AG::kPreviewAndAccept));
  EXPECT_TRUE(MeetsRequirements(s_, w, reqs, AG::kDiscoverPreviewAndAccept));
  // Guarding preview: the worker may only discover.
  reqs = {unmet(AG::kPreviewAndAccept)};
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kAccept));
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kPreviewAndAccept));
  EXPECT_TRUE(MeetsRequirements(s_, w, reqs, AG::kDiscoverPreviewAndAccept));
  // Guarding discovery: nothing.
  reqs = {unmet(AG::kDiscoverPreviewAndAccept)};
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kAccept));
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kPreviewAndAccept));
  EXPECT_FALSE(MeetsRequirements(s_, w, reqs, AG::kDiscoverPreviewAndAccept));
}

TEST_F(QualsEval, MeetingEveryRequirementAllowsEveryAction) {
  const Account& w = AddWorker();
  Grant(w, kCustom, 7);
  using AG = ActionsGuarded;
  const std::vector<QualificationRequirement> reqs = {
      Req(kCustom, Comparator::kGreaterThan, {5}, AG::kDiscoverPreviewAndAccept),
      Req(system_qual::kPercentApproved, Comparator::kEqualTo, {100}, AG::kPreviewAndAccept),
      LocaleReq(Comparator::kEqualTo, {L("US")})};
  for (AG a : {AG::kAccept, AG::kPreviewAndAccept, AG::kDiscoverPreviewAndAccept}) {
    EXPECT_TRUE(MeetsRequirements(s_, w, reqs, a));
    EXPECT_TRUE(MeetsRequirements(s_, w, {}, a));
  }
}

TEST_F(QualsEval, OnlyCounterDerivedTypesAreDynamic) {
  for (uint64_t id = 1; id <= 6; ++id) {
    EXPECT_TRUE(IsDynamicRequirement(Req(QualTypeId(id), Comparator::kExists))) << id;
  }
  for (QualTypeId id :
       {system_qual::kLocale, system_qual::kMasters, system_qual::kAdult, kCustom}) {
    EXPECT_FALSE(IsDynamicRequirement(Req(id, Comparator::kExists))) << id.value;
  }
}

TEST_F(QualsEval, ValidRequirementsPass) {
  std::vector<Locale> thirty(30, L("US"));
  std::vector<int32_t> fifteen(15, 1);
  EXPECT_EQ(Validate({}), std::nullopt);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kGreaterThan, {3}),
                      Req(system_qual::kMasters, Comparator::kExists),
                      Req(system_qual::kPercentApproved, Comparator::kIn, fifteen),
                      LocaleReq(Comparator::kIn, thirty),
                      LocaleReq(Comparator::kNotEqualTo, {L("US-NY")})}),
            std::nullopt);
}

TEST_F(QualsEval, ValidateRefusesMoreThanTenRequirements) {
  std::vector<QualificationRequirement> eleven(11, Req(kCustom, Comparator::kExists));
  EXPECT_EQ(Validate(eleven), (Error{ErrorCode::kInvalidArgument, "requirements"}));
  eleven.pop_back();
  EXPECT_EQ(Validate(eleven), std::nullopt);
}

TEST_F(QualsEval, ValidateRefusesTypesTheRequesterMayNotUse) {
  const Error not_found{ErrorCode::kNotFound, "requirements.type"};
  EXPECT_EQ(Validate({Req(QualTypeId(0), Comparator::kExists)}), not_found);
  EXPECT_EQ(Validate({Req(QualTypeId(50), Comparator::kExists)}), not_found);  // placeholder
  EXPECT_EQ(Validate({Req(QualTypeId(999), Comparator::kExists)}), not_found);
  EXPECT_EQ(Validate({Req(kOtherOwners, Comparator::kExists)}), not_found);
  s_.qual_types[kCustom.value - 1].status = QualTypeStatus::kDisposed;
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kExists)}), not_found);
}

TEST_F(QualsEval, ValidateRefusesANewRequirementOnAnInactiveType) {
  EXPECT_EQ(Validate({Req(kInactive, Comparator::kExists)}),
            (Error{ErrorCode::kFailedPrecondition, "requirements.type"}));
}

TEST_F(QualsEval, ValidateRefusesIntegerValuesThatDoNotFitTheComparator) {
  const Error bad{ErrorCode::kInvalidArgument, "requirements.integer_values"};
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kLessThan, {})}), bad);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kEqualTo, {1, 2})}), bad);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kIn, {})}), bad);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kNotIn, std::vector<int32_t>(16, 1))}), bad);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kExists, {1})}), bad);
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kDoesNotExist, {1})}), bad);
}

TEST_F(QualsEval, ValidateRefusesLocaleValuesOnAnIntegerType) {
  QualificationRequirement r = Req(kCustom, Comparator::kEqualTo, {1});
  r.locale_values = {L("US")};
  EXPECT_EQ(Validate({r}), (Error{ErrorCode::kInvalidArgument, "requirements.locale_values"}));
}

TEST_F(QualsEval, ValidateRefusesALocaleRequirementOfTheWrongShape) {
  const Error bad_comparator{ErrorCode::kInvalidArgument, "requirements.comparator"};
  const Error bad_locales{ErrorCode::kInvalidArgument, "requirements.locale_values"};
  EXPECT_EQ(Validate({LocaleReq(Comparator::kGreaterThan, {L("US")})}), bad_comparator);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kExists, {})}), bad_comparator);
  QualificationRequirement with_int = LocaleReq(Comparator::kEqualTo, {L("US")});
  with_int.integer_values = {1};
  EXPECT_EQ(Validate({with_int}),
            (Error{ErrorCode::kInvalidArgument, "requirements.integer_values"}));
  EXPECT_EQ(Validate({LocaleReq(Comparator::kEqualTo, {})}), bad_locales);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kEqualTo, {L("US"), L("CA")})}), bad_locales);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kIn, {})}), bad_locales);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kIn, std::vector<Locale>(31, L("US")))}), bad_locales);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kIn, {L("us")})}), bad_locales);
  EXPECT_EQ(Validate({LocaleReq(Comparator::kIn, {Locale{}})}), bad_locales);
}

TEST_F(QualsEval, ValidateRefusesUnknownEnumValues) {
  EXPECT_EQ(Validate({Req(kCustom, static_cast<Comparator>(0))}),
            (Error{ErrorCode::kInvalidArgument, "requirements.comparator"}));
  EXPECT_EQ(Validate({Req(kCustom, static_cast<Comparator>(11))}),
            (Error{ErrorCode::kInvalidArgument, "requirements.comparator"}));
  EXPECT_EQ(Validate({Req(kCustom, Comparator::kExists, {}, static_cast<ActionsGuarded>(4))}),
            (Error{ErrorCode::kInvalidArgument, "requirements.actions_guarded"}));
}

}  // namespace
}  // namespace hitd::engine
