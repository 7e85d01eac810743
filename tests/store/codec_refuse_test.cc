// The record codec refuses what is not a valid record of the kind asked for: truncated
// bytes, garbage, flipped bits (without crashing, which ASan checks), enum and union
// values this build does not know, a zero key, a bad locale, a missing required table,
// and more tables than the verifier allows.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/limits.h"
#include "engine/store/codec.h"
#include "schemas/records_generated.h"
#include "tests/store/codec_samples.h"

namespace hitd::store {
namespace {

using namespace hitd::store::testing;  // NOLINT: the samples
namespace fb = flatbuffers;

template <typename BuildFn>
std::vector<uint8_t> Built(BuildFn build) {
  fb::FlatBufferBuilder fbb;
  fbb.Finish(build(fbb));
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

template <typename Record>
bool Decodes(const std::vector<uint8_t>& bytes) {
  Record out;
  return Decode(bytes, out);
}

TEST(CodecRefuse, EveryTruncationIsRefused) {
  for (const EncodedSample& sample : AllSamples()) {
    ASSERT_TRUE(sample.decode(sample.bytes)) << sample.kind;
    for (size_t n = 0; n < sample.bytes.size(); ++n) {
      EXPECT_FALSE(sample.decode(std::span(sample.bytes.data(), n)))
          << sample.kind << " cut to " << n << " of " << sample.bytes.size() << " bytes";
    }
  }
}

TEST(CodecRefuse, GarbageIsRefused) {
  std::mt19937_64 rng(20240601);
  const std::vector<EncodedSample> samples = AllSamples();
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> bytes(rng() % 300);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    // Half the rounds get a root offset that lands inside the buffer, to reach past the
    // first check into the table and vtable checks.
    if (round % 2 == 0 && bytes.size() >= 8) {
      const uint32_t root = 4 + static_cast<uint32_t>(rng() % (bytes.size() - 4)) / 4 * 4;
      std::memcpy(bytes.data(), &root, sizeof root);
    }
    for (const EncodedSample& sample : samples) {
      EXPECT_FALSE(sample.decode(bytes)) << sample.kind << " round " << round;
    }
  }
}

TEST(CodecRefuse, FlippedBitsNeverCrashAndBadOffsetsAreRefused) {
  for (const EncodedSample& sample : AllSamples()) {
    std::vector<uint8_t> bytes = sample.bytes;
    for (size_t bit = 0; bit < bytes.size() * 8; ++bit) {
      bytes[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
      const bool decoded = sample.decode(bytes);  // may pass: a flipped value is a value
      // Bits 16-31 of the root offset point it far past the end of the record.
      if (bit >= 16 && bit < 32) {
        EXPECT_FALSE(decoded) << sample.kind << " bit " << bit;
      }
      bytes[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    }
    EXPECT_EQ(bytes, sample.bytes);
  }
}

TEST(CodecRefuse, OutOfRangeEnumsAreRefused) {
  auto account = [](uint8_t role, uint8_t status) {
    return Built([&](fb::FlatBufferBuilder& fbb) {
      return schema::CreateAccount(fbb, 1, static_cast<schema::Role>(role),
                                   static_cast<schema::AccountStatus>(status));
    });
  };
  EXPECT_TRUE(Decodes<Account>(account(1, 2)));  // the control: in range
  EXPECT_FALSE(Decodes<Account>(account(0, 1)));
  EXPECT_FALSE(Decodes<Account>(account(4, 1)));
  EXPECT_FALSE(Decodes<Account>(account(1, 3)));
  EXPECT_FALSE(Decodes<Account>(account(255, 1)));

  auto assignment = [](uint8_t status) {
    return Built([&](fb::FlatBufferBuilder& fbb) {
      return schema::CreateAssignment(fbb, 1, 2, 3, static_cast<schema::AssignmentStatus>(status));
    });
  };
  EXPECT_TRUE(Decodes<Assignment>(assignment(6)));
  EXPECT_FALSE(Decodes<Assignment>(assignment(7)));

  auto event = [](uint8_t type) {
    return Built([&](fb::FlatBufferBuilder& fbb) {
      return schema::CreateEvent(fbb, 1, static_cast<schema::EventType>(type));
    });
  };
  EXPECT_TRUE(Decodes<Event>(event(16)));
  EXPECT_FALSE(Decodes<Event>(event(17)));

  EXPECT_FALSE(Decodes<QualGrant>(Built([](fb::FlatBufferBuilder& fbb) {
    return schema::CreateQualGrant(fbb, 1, 2, 0, 0, static_cast<schema::GrantStatus>(3));
  })));
  EXPECT_FALSE(Decodes<QualRequest>(Built([](fb::FlatBufferBuilder& fbb) {
    return schema::CreateQualRequest(fbb, 1, 2, 3, static_cast<schema::QualRequestStatus>(4));
  })));
  EXPECT_FALSE(Decodes<QualType>(Built([](fb::FlatBufferBuilder& fbb) {
    schema::QualTypeBuilder b(fbb);
    b.add_id(1);
    b.add_status(static_cast<schema::QualTypeStatus>(4));
    return b.Finish();
  })));
}

// A HitType whose one requirement has the given comparator and guard, and order.
std::vector<uint8_t> HitTypeWith(uint8_t comparator, uint8_t guard, uint8_t order) {
  return Built([&](fb::FlatBufferBuilder& fbb) {
    auto requirement =
        schema::CreateQualificationRequirement(fbb, 9, static_cast<schema::Comparator>(comparator),
                                               0, 0, static_cast<schema::ActionsGuarded>(guard));
    auto requirements = fbb.CreateVector(std::vector{requirement});
    schema::HitTypeBuilder b(fbb);
    b.add_id(1);
    b.add_requirements(requirements);
    b.add_order(static_cast<schema::AssignmentOrder>(order));
    return b.Finish();
  });
}

TEST(CodecRefuse, OutOfRangeEnumsInsideAHitTypeAreRefused) {
  EXPECT_TRUE(Decodes<HitType>(HitTypeWith(10, 3, 4)));
  EXPECT_FALSE(Decodes<HitType>(HitTypeWith(11, 3, 4)));
  EXPECT_FALSE(Decodes<HitType>(HitTypeWith(10, 4, 4)));
  EXPECT_FALSE(Decodes<HitType>(HitTypeWith(10, 3, 5)));
}

// A token whose answer is the table `build` makes, as union alternative `type`.
template <typename BuildFn>
std::vector<uint8_t> TokenWith(uint8_t type, BuildFn build, const char* token = "t") {
  return Built([&](fb::FlatBufferBuilder& fbb) {
    auto result = build(fbb);
    return schema::CreateStoredToken(fbb, 7, fbb.CreateString(token), 1, 2,
                                     static_cast<schema::TokenResult>(type), result);
  });
}

fb::Offset<void> EmptyTable(fb::FlatBufferBuilder& fbb) { return schema::CreateEmpty(fbb).Union(); }

TEST(CodecRefuse, UnknownOrMissingTokenAnswersAreRefused) {
  EXPECT_TRUE(Decodes<TokenRecord>(TokenWith(1, EmptyTable)));  // the control: Empty
  EXPECT_FALSE(Decodes<TokenRecord>(TokenWith(0, EmptyTable)));
  EXPECT_FALSE(Decodes<TokenRecord>(TokenWith(15, EmptyTable)));  // a newer writer's
  EXPECT_FALSE(Decodes<TokenRecord>(
      TokenWith(1, [](fb::FlatBufferBuilder&) { return fb::Offset<void>(); })));
}

TEST(CodecRefuse, UnknownErrorCodeInANotifyAnswerIsRefused) {
  auto notify = [](uint8_t code) {
    return TokenWith(
        static_cast<uint8_t>(schema::TokenResult::NotifyResult), [&](fb::FlatBufferBuilder& fbb) {
          auto failure = schema::CreateNotifyFailure(fbb, 8, static_cast<schema::ErrorCode>(code));
          return schema::CreateNotifyResult(fbb, fbb.CreateVector(std::vector{failure})).Union();
        });
  };
  EXPECT_TRUE(Decodes<TokenRecord>(notify(14)));
  EXPECT_FALSE(Decodes<TokenRecord>(notify(15)));
}

// A table with no fields, as whatever type it is used for. Generated Finish() asserts
// (in debug builds) that required fields are set, so the tests that leave them out end
// their tables by hand, as a careless or corrupt writer would.
fb::Offset<void> BareTable(fb::FlatBufferBuilder& fbb) {
  return fb::Offset<void>(fbb.EndTable(fbb.StartTable()));
}

TEST(CodecRefuse, MissingRequiredTablesAreRefused) {
  // The controls: the same alternatives with what they require.
  EXPECT_TRUE(Decodes<TokenRecord>(TokenWith(
      static_cast<uint8_t>(schema::TokenResult::AccountView), [](fb::FlatBufferBuilder& fbb) {
        return schema::CreateAccountView(fbb, schema::CreateAccount(fbb, 3)).Union();
      })));
  EXPECT_FALSE(Decodes<TokenRecord>(
      TokenWith(static_cast<uint8_t>(schema::TokenResult::AccountView), BareTable)));
  EXPECT_FALSE(Decodes<TokenRecord>(
      TokenWith(static_cast<uint8_t>(schema::TokenResult::SubmitAndAcceptNextResult), BareTable)));
  EXPECT_FALSE(Decodes<TokenRecord>(
      TokenWith(static_cast<uint8_t>(schema::TokenResult::QualTypeView), BareTable)));
  EXPECT_FALSE(Decodes<TokenRecord>(
      TokenWith(static_cast<uint8_t>(schema::TokenResult::QualRequestResult), BareTable)));
  EXPECT_FALSE(Decodes<TokenRecord>(Built([](fb::FlatBufferBuilder& fbb) {
    auto result = schema::CreateEmpty(fbb).Union();
    schema::StoredTokenBuilder b(fbb);  // no token
    b.add_account_id(7);
    b.add_result_type(schema::TokenResult::Empty);
    b.add_result(result);
    return fb::Offset<schema::StoredToken>(fbb.EndTable(b.start_));
  })));
}

TEST(CodecRefuse, ZeroKeysAndEmptyTokensAreRefused) {
  fb::FlatBufferBuilder fbb;
  auto refused = [&](const auto& record) {
    std::span<const uint8_t> bytes = Encode(fbb, record);
    std::remove_cvref_t<decltype(record)> out;
    return !Decode(bytes, out);
  };
  Account account = SampleAccount();
  account.id = AccountId();
  EXPECT_TRUE(refused(account));
  Hit hit = SampleHit();
  hit.id = HitId();
  EXPECT_TRUE(refused(hit));
  Assignment assignment = SampleAssignment();
  assignment.id = AssignmentId();
  EXPECT_TRUE(refused(assignment));
  QualGrant grant = SampleGrant();
  grant.type = QualTypeId();
  EXPECT_TRUE(refused(grant));
  WorkerBlock block = SampleBlock();
  block.worker = AccountId();
  EXPECT_TRUE(refused(block));
  Event event = SampleEvent();
  event.seq = 0;
  EXPECT_TRUE(refused(event));
  TokenRecord token = SampleToken(Result{Empty{}});
  token.account = AccountId();
  EXPECT_TRUE(refused(token));
  EXPECT_FALSE(Decodes<TokenRecord>(TokenWith(1, EmptyTable, "")));
}

TEST(CodecRefuse, LocalesWithBitsPastFiveBytesAreRefused) {
  auto account = [](uint64_t locale) {
    return Built([&](fb::FlatBufferBuilder& fbb) {
      schema::AccountBuilder b(fbb);
      b.add_id(1);
      b.add_locale(locale);
      return b.Finish();
    });
  };
  EXPECT_TRUE(Decodes<Account>(account((uint64_t{1} << 40) - 1)));
  EXPECT_FALSE(Decodes<Account>(account(uint64_t{1} << 40)));
  EXPECT_FALSE(Decodes<Account>(account(uint64_t{1} << 63)));
}

TEST(CodecRefuse, MisalignedEightByteVectorsAreRefused) {
  // The verifier checks a vector's 4-byte length word only. Point excluded_types at a
  // vector of uints and vary what precedes it until its elements land 4 bytes off an
  // 8-byte boundary: Decode must refuse rather than load them misaligned.
  int misaligned = 0;
  for (size_t filler = 60; filler < 70; ++filler) {
    std::vector<uint8_t> bytes = Built([&](fb::FlatBufferBuilder& fbb) {
      fbb.CreateString(std::string(filler, 'x'));  // room for the vector's 16 bytes
      auto ids = fbb.CreateVector(std::vector<uint32_t>{42, 0});
      schema::HitTypeBuilder b(fbb);
      b.add_id(1);
      b.add_excluded_types(fb::Offset<fb::Vector<uint64_t>>(ids.o));
      return b.Finish();
    });
    const uint8_t* data = fb::GetRoot<schema::HitType>(bytes.data())->excluded_types()->Data();
    if ((data - bytes.data()) % 8 == 0) continue;
    ++misaligned;
    EXPECT_FALSE(Decodes<HitType>(bytes)) << "filler " << filler;
  }
  EXPECT_GT(misaligned, 0);
}

TEST(CodecRefuse, MoreTablesThanTheVerifierAllowsAreRefused) {
  auto notify = [](size_t failures) {
    NotifyResult result;
    result.failures.assign(failures, NotifyFailure{AccountId(8), ErrorCode::kNotFound});
    return SampleToken(Result{result});
  };
  fb::FlatBufferBuilder fbb;
  TokenRecord out;
  EXPECT_TRUE(Decode(Encode(fbb, notify(limits::kNotifyWorkersMax)), out));
  EXPECT_FALSE(Decode(Encode(fbb, notify(2000)), out));
}

}  // namespace
}  // namespace hitd::store
