// Requests the daemon must refuse, each with its code and the field at fault: enums out
// of range, strings and vectors over their limits, text that is not UTF-8, required
// tables missing, bad tokens, unknown operations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/limits.h"
#include "net/protocol/request_codec.h"
#include "tests/net/request_helpers.h"
#include "tests/net/samples.h"

namespace hitd::net {
namespace {

using engine::ErrorCode;
using testing::Sample;
using testing::Tag;
namespace limits = engine::limits;
namespace fb = flatbuffers;

// Decodes an encoded (or hand-built) frame's request.
engine::Error Decode(std::span<const uint8_t> bytes) {
  const RequestFrame frame(bytes);
  EXPECT_NE(frame.request(), nullptr) << "the frame itself must verify";
  if (frame.request() == nullptr) return engine::Error{ErrorCode::kMalformed, "frame"};
  Operation op;
  return DecodeRequest(*frame.request(), &op);
}

engine::Error Decode(const engine::Command& command, const std::string& token = {}) {
  fb::FlatBufferBuilder fbb;
  return Decode(EncodeRequest(fbb, 1, command, token));
}

void ExpectRefused(engine::Error error, ErrorCode code, std::string_view field) {
  EXPECT_EQ(error.code, code) << "field " << error.field;
  EXPECT_EQ(error.field, field);
}

void ExpectInvalid(engine::Error error, std::string_view field) {
  ExpectRefused(error, ErrorCode::kInvalidArgument, field);
}

TEST(RequestRefusal, EnumOutOfRangeNamesItsField) {
  auto account = Sample(Tag<engine::CreateAccount>{});
  account.role = static_cast<engine::Role>(4);
  ExpectInvalid(Decode(account), "role");
  account.role = static_cast<engine::Role>(0);
  ExpectInvalid(Decode(account), "role");

  auto hit = Sample(Tag<engine::CreateHit>{});
  hit.type.requirements[0].comparator = static_cast<engine::Comparator>(11);
  ExpectInvalid(Decode(hit), "requirements.comparator");

  auto list = Sample(Tag<engine::ListMyAssignments>{});
  list.statuses.push_back(static_cast<engine::AssignmentStatus>(7));
  ExpectInvalid(Decode(list), "assignment_statuses");

  auto withdraw = Sample(Tag<engine::Withdraw>{});
  withdraw.method = static_cast<engine::WithdrawMethod>(3);
  ExpectInvalid(Decode(withdraw), "method");
}

TEST(RequestRefusal, StringOverItsLimitNamesItsField) {
  auto hit = Sample(Tag<engine::CreateHit>{});
  hit.hit.question = std::string(limits::kQuestionMax, 'q');
  EXPECT_EQ(Decode(hit).code, ErrorCode::kOk) << "exactly the limit is fine";
  hit.hit.question.push_back('q');
  ExpectInvalid(Decode(hit), "question");

  auto submit = Sample(Tag<engine::SubmitAssignment>{});
  submit.answer = std::string(limits::kAnswerMax + 1, 'a');
  ExpectInvalid(Decode(submit), "answer");

  auto block = Sample(Tag<engine::CreateWorkerBlock>{});
  block.reason = std::string(limits::kReasonMax + 1, 'r');
  ExpectInvalid(Decode(block), "reason");

  auto hits = Sample(Tag<engine::CreateHits>{});
  hits.hits[1].requester_annotation = std::string(limits::kAnnotationMax + 1, 'n');
  ExpectInvalid(Decode(hits), "hits.requester_annotation");
}

// Titles are limited in characters, which the engine counts: the codec lets through 128
// characters of 4 bytes each, and stops only what no title of 128 characters can be.
TEST(RequestRefusal, CharacterLimitsAllowFourBytesACharacter) {
  const std::string four_bytes = "\xf0\x9f\x98\x80";  // U+1F600
  auto type = Sample(Tag<engine::CreateHitType>{});
  type.type.title.clear();
  for (size_t i = 0; i < limits::kTitleMax; ++i) type.type.title += four_bytes;
  EXPECT_EQ(Decode(type).code, ErrorCode::kOk);
  type.type.title += "x";
  ExpectInvalid(Decode(type), "title");
}

TEST(RequestRefusal, TextThatIsNotUtf8NamesItsField) {
  auto type = Sample(Tag<engine::CreateHitType>{});
  for (const char* bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe2\x9c"}) {
    type.type.title = bad;
    ExpectInvalid(Decode(type), "title");
  }
  auto notify = Sample(Tag<engine::NotifyWorkers>{});
  notify.message = "caf\xe9";  // Latin-1, not UTF-8
  ExpectInvalid(Decode(notify), "message_text");
}

TEST(RequestRefusal, VectorOverItsLimitNamesItsField) {
  auto notify = Sample(Tag<engine::NotifyWorkers>{});
  notify.workers.assign(limits::kNotifyWorkersMax + 1, engine::AccountId(3));
  ExpectInvalid(Decode(notify), "worker_ids");

  auto hits = Sample(Tag<engine::CreateHits>{});
  hits.hits.assign(limits::kCreateHitsBatchMax + 1, testing::SampleHitSpec(0));
  ExpectInvalid(Decode(hits), "hits");

  auto type = Sample(Tag<engine::CreateHitType>{});
  type.type.requirements.assign(limits::kRequirementsMax + 1, type.type.requirements[0]);
  ExpectInvalid(Decode(type), "requirements");

  auto qual = Sample(Tag<engine::RequestQualification>{});
  qual.answers.assign(limits::kAnswerKeyQuestionsMax + 1, qual.answers[0]);
  ExpectInvalid(Decode(qual), "answers");
}

TEST(RequestRefusal, MissingRequiredTableNamesIt) {
  ExpectInvalid(Decode(EmptyBodyFrame(schema::RequestBody::CreateHITType)), "hit_type");
  ExpectInvalid(Decode(EmptyBodyFrame(schema::RequestBody::CreateHITWithHITType)), "hit");
  // CreateHIT with its type but no HIT.
  const auto no_hit =
      HandBuiltRequest(schema::RequestBody::CreateHIT, [](fb::FlatBufferBuilder& f) {
        auto spec = schema::CreateHitTypeSpec(f);
        return schema::CreateCreateHITRequest(f, spec, 0).Union();
      });
  ExpectInvalid(Decode(no_hit), "hit");
}

TEST(RequestRefusal, MissingOrUnknownBody) {
  const auto none = HandBuiltRequest(schema::RequestBody::NONE,
                                     [](fb::FlatBufferBuilder&) { return fb::Offset<void>(0); });
  ExpectInvalid(Decode(none), "body");
  // A member a newer client might send: FlatBuffers lets it through verification.
  const auto unknown =
      static_cast<schema::RequestBody>(static_cast<int>(schema::RequestBody::MAX) + 1);
  ExpectRefused(Decode(EmptyBodyFrame(unknown)), ErrorCode::kUnsupported, "body");
}

TEST(RequestRefusal, RequestIdZero) {
  fb::FlatBufferBuilder fbb;
  ExpectInvalid(Decode(EncodeRequest(fbb, 0, engine::Command(engine::GetStats{}))), "id");
}

TEST(RequestRefusal, TokenOverItsLimit) {
  const engine::Command command = Sample(Tag<engine::GetStats>{});
  EXPECT_EQ(Decode(command, std::string(limits::kRequestTokenMax, 't')).code, ErrorCode::kOk);
  ExpectInvalid(Decode(command, std::string(limits::kRequestTokenMax + 1, 't')), "token");
}

TEST(RequestRefusal, LocaleWithBitsBeyondItsFiveBytes) {
  const auto bad =
      HandBuiltRequest(schema::RequestBody::CreateAccount, [](fb::FlatBufferBuilder& f) {
        schema::CreateAccountRequestBuilder b(f);
        b.add_locale(uint64_t{1} << 40 | 'U' | 'S' << 8);
        return b.Finish().Union();
      });
  ExpectInvalid(Decode(bad), "locale");
}

TEST(RequestRefusal, SecretHashLongerThanAHash) {
  auto account = Sample(Tag<engine::CreateAccount>{});
  account.secret_hash = std::string(33, 'k');
  ExpectInvalid(Decode(account), "secret_hash");
}

TEST(RequestRefusal, NoRetryTogetherWithARetryDelay) {
  const auto both =
      HandBuiltRequest(schema::RequestBody::UpdateQualificationType, [](fb::FlatBufferBuilder& f) {
        schema::UpdateQualificationTypeRequestBuilder b(f);
        b.add_qualification_type_id(1);
        b.add_retry_delay_ms(1000);
        b.add_no_retry(true);
        return b.Finish().Union();
      });
  ExpectInvalid(Decode(both), "no_retry");
}

TEST(RequestRefusal, NextTokenThatIsNoPageToken) {
  auto list = Sample(Tag<engine::ListWorkerBlocks>{});
  list.page.next_token = std::string(65, '9');
  ExpectInvalid(Decode(list), "next_token");
}

}  // namespace
}  // namespace hitd::net
