// Sample records for the codec tests (codec_test.cc, codec_refuse_test.cc): one of each
// kind with every field away from its default and no two fields of one record equal, so
// that a field the codec drops, or reads into its neighbour, fails a round trip.
#pragma once

#include <flatbuffers/flatbuffers.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "engine/output.h"
#include "engine/records.h"
#include "engine/replies.h"
#include "engine/store/codec.h"

namespace hitd::store::testing {

using namespace hitd::engine;  // NOLINT: the samples name many engine types

inline Locale MakeLocale(const char* country, const char* subdivision = "") {
  Locale l;
  l.country[0] = country[0];
  l.country[1] = country[1];
  for (int i = 0; i < 3 && subdivision[i] != 0; ++i) l.subdivision[i] = subdivision[i];
  return l;
}

inline Account SampleAccount() {
  Account a;
  a.id = AccountId(7);
  a.role = Role::kRequester;
  a.status = AccountStatus::kSuspended;
  a.locale = MakeLocale("US", "NY");
  a.created = TimeMs(1'700'000'000'001);
  a.available = Cents(101);
  a.escrow = Cents(102);
  a.withdrawn = Cents(103);
  a.earned = Cents(104);
  a.spent = Cents(-105);
  a.counters = WorkerCounters{11, 12, 13, 14, 15, 16};
  a.accepts_day = 19'700;
  a.accepts_today = 17;
  return a;
}

inline AccountProfile SampleProfile() { return AccountProfile{AccountId(7), "alice-Ω"}; }

inline QualType SampleQualType() {
  QualType t;
  t.id = QualTypeId(21);
  t.owner = AccountId(7);
  t.name = "English";
  t.description = "Reads English well";
  t.keywords = "language,english";
  t.status = QualTypeStatus::kInactive;
  t.has_test = true;
  t.answer_key = {{"q1", "a", 3}, {"q2", "b", -4}};
  t.test_duration = TimeMs(600'000);
  t.retry_allowed = true;
  t.retry_delay = TimeMs(86'400'000);
  t.auto_granted = true;
  t.auto_granted_value = 90;
  t.created = TimeMs(1'700'000'000'002);
  return t;
}

inline QualGrant SampleGrant() {
  return QualGrant{AccountId(8), QualTypeId(21), -3, TimeMs(1'700'000'000'003),
                   GrantStatus::kRevoked};
}

inline QualRequest SampleQualRequest() {
  QualRequest r;
  r.id = QualRequestId(31);
  r.worker = AccountId(8);
  r.type = QualTypeId(21);
  r.status = QualRequestStatus::kRejected;
  r.submitted = TimeMs(1'700'000'000'004);
  r.decided = TimeMs(1'700'000'000'005);
  r.score = 42;
  r.scored = true;
  return r;
}

inline HitType SampleHitType() {
  HitType t;
  t.id = HitTypeId(41);
  t.requester = AccountId(7);
  t.title = "Label images";
  t.description = "Say what is in each picture";
  t.keywords = "image,label";
  t.reward = Cents(25);
  t.assignment_duration = TimeMs(3'600'000);
  t.auto_approval_delay = TimeMs(259'200'000);
  QualificationRequirement locales;
  locales.type = QualTypeId(7);
  locales.comparator = Comparator::kIn;
  locales.locale_values = {MakeLocale("US"), MakeLocale("IN", "KA1")};
  locales.guard = ActionsGuarded::kDiscoverPreviewAndAccept;
  QualificationRequirement percent;
  percent.type = QualTypeId(1);
  percent.comparator = Comparator::kGreaterThanOrEqualTo;
  percent.integer_values = {95, -1};
  percent.guard = ActionsGuarded::kPreviewAndAccept;
  t.requirements = {locales, percent};
  t.order = AssignmentOrder::kPriority;
  t.per_worker_cap = 5;
  t.excluded_types = {HitTypeId(42), HitTypeId(43)};
  t.reject_reopens_slot = true;
  t.created = TimeMs(1'700'000'000'006);
  return t;
}

inline Hit SampleHit() {
  Hit h;
  h.id = HitId(51);
  h.type = HitTypeId(41);
  h.requester = AccountId(7);
  h.created = TimeMs(1'700'000'000'007);
  h.expires = TimeMs(1'700'000'000'008);
  h.reward = Cents(25);
  h.fee = Cents(5);
  h.max_assignments = 100;
  h.priority = -9;
  h.free = 61;
  h.accepted = 62;
  h.submitted = 63;
  h.approved = 64;
  h.rejected = 65;
  h.rejected_closed = 66;
  h.unslotted = 67;
  h.returned = 68;
  h.abandoned = 69;
  h.expired = true;
  h.reviewing = true;
  h.disposed = true;
  h.reviewable_announced = true;
  return h;
}

inline Assignment SampleAssignment() {
  Assignment a;
  a.id = AssignmentId(71);
  a.hit = HitId(51);
  a.worker = AccountId(8);
  a.status = AssignmentStatus::kAbandoned;
  a.reopened = true;
  a.accepted = TimeMs(1'700'000'000'010);
  a.deadline = TimeMs(1'700'000'000'011);
  a.submitted = TimeMs(1'700'000'000'012);
  a.auto_approval = TimeMs(1'700'000'000'013);
  a.decided = TimeMs(1'700'000'000'014);
  return a;
}

inline Bonus SampleBonus() {
  return Bonus{BonusId(81), AccountId(7), AccountId(8), AssignmentId(71),
               HitId(51),   Cents(500),   Cents(100),   TimeMs(1'700'000'000'015)};
}

inline WorkerBlock SampleBlock() {
  return WorkerBlock{AccountId(7), AccountId(8), TimeMs(1'700'000'000'016), false};
}

inline Event SampleEvent() {
  return Event{91,
               EventType::kWorkerBlocked,
               TimeMs(1'700'000'000'017),
               AccountId(7),
               HitId(51),
               AssignmentId(71),
               AccountId(8),
               QualTypeId(21),
               Cents(777)};
}

inline EngineMeta SampleMeta() {
  return EngineMeta{91,          92,          Cents(1001), Cents(1002),
                    Cents(1003), Cents(1004), Cents(1005), Cents(1006)};
}

inline AssignmentView SampleAssignmentView() {
  return AssignmentView{SampleAssignment(), HitTypeId(41), AccountId(7), Cents(25)};
}

inline SubmitAndAcceptNextResult SampleSubmitAndAcceptNext() {
  AssignmentView next = SampleAssignmentView();
  next.assignment.id = AssignmentId(72);
  next.assignment.status = AssignmentStatus::kAccepted;
  return SubmitAndAcceptNextResult{SampleAssignmentView(), next};
}

// One answer of every kind a token may store, each away from its defaults.
inline std::vector<Result> StorableResults() {
  QualRequest pending = SampleQualRequest();
  pending.status = QualRequestStatus::kPending;
  return {
      Result{Empty{}},
      Result{AccountView{SampleAccount(), "alice"}},
      Result{AccountBalance{Cents(1), Cents(2), Cents(3)}},
      Result{Withdrawal{Cents(4), Cents(5)}},
      Result{BonusSent{BonusId(81), Cents(100)}},
      Result{NotifyResult{
          {{AccountId(8), ErrorCode::kNotFound}, {AccountId(9), ErrorCode::kPermissionDenied}}}},
      Result{HitTypeCreated{HitTypeId(41)}},
      Result{HitCreated{HitId(51), HitTypeId(41)}},
      Result{HitsCreated{{HitId(51), HitId(52), HitId(53)}, HitTypeId(41)}},
      Result{SampleAssignmentView()},
      Result{SampleSubmitAndAcceptNext()},
      Result{SubmitAndAcceptNextResult{SampleAssignmentView(), std::nullopt}},
      Result{QualTypeCreated{QualTypeId(21)}},
      Result{QualTypeView{SampleQualType(), true}},
      Result{QualRequestResult{SampleQualRequest(), 77}},
      Result{QualRequestResult{pending, 0}},  // granted 0 is not "not granted"
      Result{QualRequestResult{pending, std::nullopt}},
  };
}

inline TokenRecord SampleToken(Result result) {
  return TokenRecord{AccountId(7), "req-0001", 0xfeedfacecafebeefULL, TimeMs(1'700'000'000'018),
                     std::move(result)};
}

// One encoded record of each kind, with the Decode that reads it back, for the tests
// that feed the decoders bytes they must refuse.
struct EncodedSample {
  std::string kind;
  std::vector<uint8_t> bytes;
  std::function<bool(std::span<const uint8_t>)> decode;
};

template <typename Record>
EncodedSample Sample(std::string kind, const Record& record) {
  flatbuffers::FlatBufferBuilder fbb;
  std::span<const uint8_t> bytes = Encode(fbb, record);
  return EncodedSample{std::move(kind), std::vector<uint8_t>(bytes.begin(), bytes.end()),
                       [](std::span<const uint8_t> b) {
                         Record out;
                         return Decode(b, out);
                       }};
}

inline std::vector<EncodedSample> AllSamples() {
  return {
      Sample("Account", SampleAccount()),
      Sample("AccountProfile", SampleProfile()),
      Sample("QualType", SampleQualType()),
      Sample("QualGrant", SampleGrant()),
      Sample("QualRequest", SampleQualRequest()),
      Sample("HitType", SampleHitType()),
      Sample("Hit", SampleHit()),
      Sample("Assignment", SampleAssignment()),
      Sample("Bonus", SampleBonus()),
      Sample("WorkerBlock", SampleBlock()),
      Sample("Event", SampleEvent()),
      Sample("EngineMeta", SampleMeta()),
      Sample("TokenRecord", SampleToken(Result{QualTypeView{SampleQualType(), true}})),
      Sample("TokenRecord(SubmitAndAcceptNext)", SampleToken(Result{SampleSubmitAndAcceptNext()})),
  };
}

}  // namespace hitd::store::testing
