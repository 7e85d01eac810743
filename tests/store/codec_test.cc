// The record codec (engine/store/codec.h): every record kind and every stored token
// answer survives a round trip; a record from an older schema decodes with the C++
// defaults; misaligned bytes decode; the hot records encode without allocating; a token
// whose answer no mutation returns is a bug that aborts.
#include "engine/store/codec.h"

#include <gtest/gtest.h>

#include <cstring>
#include <span>
#include <vector>

#include "schemas/records_generated.h"
#include "tests/store/codec_samples.h"

namespace hitd::store {
namespace {

using namespace hitd::store::testing;  // NOLINT: the samples
namespace fb = flatbuffers;

template <typename Record>
Record RoundTrip(const Record& in) {
  fb::FlatBufferBuilder fbb;
  std::span<const uint8_t> bytes = Encode(fbb, in);
  std::vector<uint8_t> stored(bytes.begin(), bytes.end());
  Record out;
  EXPECT_TRUE(Decode(stored, out));
  return out;
}

TEST(Codec, AccountRoundTrips) { EXPECT_EQ(RoundTrip(SampleAccount()), SampleAccount()); }
TEST(Codec, AccountProfileRoundTrips) { EXPECT_EQ(RoundTrip(SampleProfile()), SampleProfile()); }
TEST(Codec, QualTypeRoundTrips) { EXPECT_EQ(RoundTrip(SampleQualType()), SampleQualType()); }
TEST(Codec, QualGrantRoundTrips) { EXPECT_EQ(RoundTrip(SampleGrant()), SampleGrant()); }
TEST(Codec, QualRequestRoundTrips) {
  EXPECT_EQ(RoundTrip(SampleQualRequest()), SampleQualRequest());
}
TEST(Codec, HitTypeRoundTrips) { EXPECT_EQ(RoundTrip(SampleHitType()), SampleHitType()); }
TEST(Codec, HitRoundTrips) { EXPECT_EQ(RoundTrip(SampleHit()), SampleHit()); }
TEST(Codec, AssignmentRoundTrips) { EXPECT_EQ(RoundTrip(SampleAssignment()), SampleAssignment()); }
TEST(Codec, BonusRoundTrips) { EXPECT_EQ(RoundTrip(SampleBonus()), SampleBonus()); }
TEST(Codec, WorkerBlockRoundTrips) { EXPECT_EQ(RoundTrip(SampleBlock()), SampleBlock()); }
TEST(Codec, EventRoundTrips) { EXPECT_EQ(RoundTrip(SampleEvent()), SampleEvent()); }
TEST(Codec, EngineMetaRoundTrips) { EXPECT_EQ(RoundTrip(SampleMeta()), SampleMeta()); }

TEST(Codec, ExtremeScalarsRoundTrip) {
  Account a = SampleAccount();
  a.id = AccountId(UINT64_MAX);
  a.available = Cents(INT64_MIN);
  a.escrow = Cents(INT64_MAX);
  a.accepts_day = INT32_MIN;
  a.counters.abandoned = UINT32_MAX;
  a.locale = MakeLocale("ZZ", "999");
  EXPECT_EQ(RoundTrip(a), a);
}

TEST(Codec, EveryStorableTokenAnswerRoundTrips) {
  std::vector<Result> results = StorableResults();
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(i);
    TokenRecord token = SampleToken(results[i]);
    EXPECT_EQ(RoundTrip(token), token);
  }
}

TEST(Codec, StorableAnswersCoverEveryUnionAlternative) {
  // Each alternative of TokenResult (but NONE) is exercised by StorableResults().
  std::vector<bool> seen(static_cast<size_t>(schema::TokenResult::MAX) + 1);
  for (const Result& r : StorableResults()) {
    fb::FlatBufferBuilder fbb;
    std::span<const uint8_t> bytes = Encode(fbb, SampleToken(r));
    seen[static_cast<size_t>(fb::GetRoot<schema::StoredToken>(bytes.data())->result_type())] = true;
  }
  for (size_t t = 1; t < seen.size(); ++t) EXPECT_TRUE(seen[t]) << "alternative " << t;
}

TEST(Codec, DecodeReplacesWhatTheRecordHeld) {
  HitType used = SampleHitType();
  used.requirements.resize(7);
  used.excluded_types.resize(9);
  used.title = "something much longer than the sample's title";
  HitType bare;
  bare.id = HitTypeId(3);
  fb::FlatBufferBuilder fbb;
  std::span<const uint8_t> bytes = Encode(fbb, bare);
  ASSERT_TRUE(Decode(bytes, used));
  EXPECT_EQ(used, bare);

  TokenRecord token = SampleToken(Result{SampleSubmitAndAcceptNext()});
  bytes = Encode(fbb, SampleToken(Result{SubmitAndAcceptNextResult{SampleAssignmentView(), {}}}));
  ASSERT_TRUE(Decode(bytes, token));
  EXPECT_FALSE(token.result.get<SubmitAndAcceptNextResult>().next.has_value());
}

// A record written before any field but its key existed: every other field must decode
// to the C++ default, which is what a reader of an older record sees for fields
// appended since.
template <typename Record, typename BuildFn>
Record DecodeBuilt(BuildFn build) {
  fb::FlatBufferBuilder fbb;
  fbb.Finish(build(fbb));
  Record out;
  EXPECT_TRUE(Decode(std::span<const uint8_t>(fbb.GetBufferPointer(), fbb.GetSize()), out));
  return out;
}

TEST(Codec, FieldsMissingFromOlderRecordsTakeTheCppDefaults) {
  Account account;
  account.id = AccountId(5);
  EXPECT_EQ(DecodeBuilt<Account>([](auto& fbb) { return schema::CreateAccount(fbb, 5); }), account);
  QualType qual_type;
  qual_type.id = QualTypeId(5);
  EXPECT_EQ(DecodeBuilt<QualType>([](auto& fbb) { return schema::CreateQualType(fbb, 5); }),
            qual_type);
  QualGrant grant;
  grant.worker = AccountId(5);
  grant.type = QualTypeId(6);
  EXPECT_EQ(DecodeBuilt<QualGrant>([](auto& fbb) { return schema::CreateQualGrant(fbb, 5, 6); }),
            grant);
  QualRequest request;
  request.id = QualRequestId(5);
  EXPECT_EQ(DecodeBuilt<QualRequest>([](auto& fbb) { return schema::CreateQualRequest(fbb, 5); }),
            request);
  HitType hit_type;
  hit_type.id = HitTypeId(5);
  EXPECT_EQ(DecodeBuilt<HitType>([](auto& fbb) { return schema::CreateHitType(fbb, 5); }),
            hit_type);
  Hit hit;
  hit.id = HitId(5);
  EXPECT_EQ(DecodeBuilt<Hit>([](auto& fbb) { return schema::CreateHit(fbb, 5); }), hit);
  Assignment assignment;
  assignment.id = AssignmentId(5);
  EXPECT_EQ(DecodeBuilt<Assignment>([](auto& fbb) { return schema::CreateAssignment(fbb, 5); }),
            assignment);
  WorkerBlock block;
  block.requester = AccountId(5);
  block.worker = AccountId(6);
  EXPECT_EQ(
      DecodeBuilt<WorkerBlock>([](auto& fbb) { return schema::CreateWorkerBlock(fbb, 5, 6); }),
      block);
  Event event;
  event.seq = 5;
  EXPECT_EQ(DecodeBuilt<Event>([](auto& fbb) { return schema::CreateEvent(fbb, 5); }), event);
  EXPECT_EQ(DecodeBuilt<EngineMeta>([](auto& fbb) { return schema::CreateEngineMeta(fbb); }),
            EngineMeta{});
}

TEST(Codec, RequirementFieldsMissingFromOlderRecordsTakeTheCppDefaults) {
  HitType decoded = DecodeBuilt<HitType>([](fb::FlatBufferBuilder& fbb) {
    auto requirements =
        fbb.CreateVector(std::vector{schema::CreateQualificationRequirement(fbb, 9)});
    schema::HitTypeBuilder b(fbb);
    b.add_id(5);
    b.add_requirements(requirements);
    return b.Finish();
  });
  QualificationRequirement expected;
  expected.type = QualTypeId(9);
  ASSERT_EQ(decoded.requirements.size(), 1u);
  EXPECT_EQ(decoded.requirements[0], expected);
}

TEST(Codec, MisalignedBytesDecode) {
  // LMDB hands out values on 2-byte boundaries; Decode must not read them misaligned.
  for (const EncodedSample& sample : AllSamples()) {
    for (size_t shift = 1; shift < 8; ++shift) {
      SCOPED_TRACE(sample.kind + " shifted by " + std::to_string(shift));
      std::vector<uint8_t> buffer(sample.bytes.size() + 8);
      std::memcpy(buffer.data() + shift, sample.bytes.data(), sample.bytes.size());
      EXPECT_TRUE(sample.decode(std::span(buffer.data() + shift, sample.bytes.size())));
    }
  }
}

TEST(Codec, LargeMisalignedRecordDecodesEqual) {
  HitType big = SampleHitType();
  big.description.assign(2000, 'd');  // past the on-stack copy
  fb::FlatBufferBuilder fbb;
  std::span<const uint8_t> bytes = Encode(fbb, big);
  ASSERT_GT(bytes.size(), 512u);
  std::vector<uint8_t> buffer(bytes.size() + 8);
  std::memcpy(buffer.data() + 3, bytes.data(), bytes.size());
  HitType out;
  ASSERT_TRUE(Decode(std::span(buffer.data() + 3, bytes.size()), out));
  EXPECT_EQ(out, big);
}

// Counts the builder's trips to the heap.
class CountingAllocator : public fb::DefaultAllocator {
 public:
  uint8_t* allocate(size_t size) override {
    ++allocations;
    return DefaultAllocator::allocate(size);
  }
  int allocations = 0;
};

TEST(Codec, HotRecordsEncodeWithoutAllocatingAfterWarmUp) {
  CountingAllocator allocator;
  fb::FlatBufferBuilder fbb(64, &allocator);
  Hit hit = SampleHit();
  Assignment assignment = SampleAssignment();
  Account account = SampleAccount();
  Event event = SampleEvent();
  auto encode_all = [&] {
    (void)Encode(fbb, hit);
    (void)Encode(fbb, assignment);
    (void)Encode(fbb, account);
    (void)Encode(fbb, event);
    (void)Encode(fbb, SampleMeta());
  };
  encode_all();
  const int warm = allocator.allocations;
  EXPECT_GT(warm, 0);  // the counter sees the builder's allocations
  for (int i = 0; i < 100; ++i) {
    hit.free = static_cast<uint32_t>(i);
    event.seq += 1;
    encode_all();
  }
  EXPECT_EQ(allocator.allocations, warm);
}

TEST(CodecDeathTest, TokenWithAnAnswerNoMutationGivesAborts) {
  fb::FlatBufferBuilder fbb;
  EXPECT_DEATH((void)Encode(fbb, SampleToken(Result{Stats{}})), "mutation");
  EXPECT_DEATH((void)Encode(fbb, SampleToken(Result{TickResult{}})), "mutation");
  EXPECT_DEATH((void)Encode(fbb, SampleToken(Fail(ErrorCode::kNotFound, "hit_id"))), "mutation");
}

}  // namespace
}  // namespace hitd::store
