// Responses: every reply and every error round-trips, the schema's ResponseBody and the
// C++ replies map one to one, and responses no daemon would send are refused.
#include "net/protocol/response_codec.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "engine/store/codec_internal.h"
#include "net/protocol/frame.h"
#include "tests/net/field_walk.h"
#include "tests/net/samples.h"

namespace hitd::net {
namespace {

using engine::ErrorCode;
using testing::SampleAt;
using testing::Unset;
namespace fb = flatbuffers;

constexpr size_t kReplies = std::variant_size_v<engine::Reply>;

bool OnWire(const engine::Reply& r) {
  return !std::holds_alternative<engine::Error>(r) &&
         !std::holds_alternative<engine::TickResult>(r);
}

// An aligned, verified copy of a server frame holding a Response.
class ResponseFrame {
 public:
  explicit ResponseFrame(std::span<const uint8_t> bytes) {
    const schema::ServerFrame* frame = VerifyServerFrame(buffer_.Assign(bytes));
    if (frame != nullptr) response_ = frame->body_as_Response();
  }
  ResponseFrame(const ResponseFrame&) = delete;
  ResponseFrame& operator=(const ResponseFrame&) = delete;
  const schema::Response* response() const { return response_; }

 private:
  FrameBuffer buffer_;
  const schema::Response* response_ = nullptr;
};

// Every reply but Error and TickResult has a ResponseBody member, every DaemonReply too.
static_assert(kReplies - 2 + std::variant_size_v<DaemonReply> ==
              static_cast<size_t>(schema::ResponseBody::MAX));

TEST(ResponseCodec, EveryReplyRoundTrips) {
  fb::FlatBufferBuilder fbb;
  std::set<schema::ResponseBody> seen;
  for (size_t i = 0; i < kReplies; ++i) {
    const engine::Result sent{SampleAt<engine::Reply>(i)};
    if (!OnWire(sent.reply)) continue;
    const std::vector<std::string> unset = Unset(sent.reply);
    EXPECT_TRUE(unset.empty()) << "reply " << i << " sample leaves unset: " << unset[0];

    const ResponseFrame frame(EncodeResponse(fbb, 500 + i, sent));
    ASSERT_NE(frame.response(), nullptr) << "reply " << i;
    EXPECT_EQ(frame.response()->id(), 500 + i);
    EXPECT_EQ(frame.response()->error(), nullptr);
    seen.insert(frame.response()->body_type());
    engine::Result received;
    const engine::Error error = DecodeResponse(*frame.response(), &received);
    ASSERT_EQ(error.code, ErrorCode::kOk) << "reply " << i << ": " << error.field;
    EXPECT_EQ(received, sent) << "reply " << i;
  }
  EXPECT_EQ(seen.size(), kReplies - 2) << "two replies share a ResponseBody member";
}

TEST(ResponseCodec, EveryDaemonReplyRoundTrips) {
  fb::FlatBufferBuilder fbb;
  for (size_t i = 0; i < std::variant_size_v<DaemonReply>; ++i) {
    const DaemonReply sent = SampleAt<DaemonReply>(i);
    EXPECT_TRUE(Unset(sent).empty()) << "daemon reply " << i;
    const ResponseFrame frame(EncodeResponse(fbb, 9, sent));
    ASSERT_NE(frame.response(), nullptr);
    Answer received;
    ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
    ASSERT_TRUE(std::holds_alternative<DaemonReply>(received));
    EXPECT_EQ(std::get<DaemonReply>(received), sent);
    // A client that expects only engine results is told, not misled.
    engine::Result result;
    EXPECT_EQ(DecodeResponse(*frame.response(), &result).code, ErrorCode::kUnsupported);
  }
}

TEST(ResponseCodec, EveryErrorCodeRoundTripsWithItsFieldAndMessage) {
  fb::FlatBufferBuilder fbb;
  for (int code = 1; code <= static_cast<int>(ErrorCode::kTokenConflict); ++code) {
    const engine::Result sent = engine::Fail(static_cast<ErrorCode>(code), "reward_cents");
    const ResponseFrame frame(EncodeResponse(fbb, 3, sent, "reward must be at least 1 cent"));
    ASSERT_NE(frame.response(), nullptr);
    EXPECT_EQ(frame.response()->error()->message()->str(), "reward must be at least 1 cent");
    engine::Result received;
    ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
    EXPECT_EQ(received, sent) << "code " << code;
  }
  // No field at all.
  const ResponseFrame frame(EncodeResponse(fbb, 4, engine::Fail(ErrorCode::kNoWorkAvailable)));
  engine::Result received;
  ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received.error(), (engine::Error{ErrorCode::kNoWorkAvailable, ""}));
}

TEST(ResponseCodec, DecodedErrorFieldOutlivesItsFrame) {
  engine::Result received;
  {
    fb::FlatBufferBuilder fbb;
    const std::string field = "requirements.comparator";
    const ResponseFrame frame(
        EncodeResponse(fbb, 1, engine::Fail(ErrorCode::kInvalidArgument, field)));
    ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
  }
  EXPECT_EQ(received.error().field, "requirements.comparator");
}

TEST(ResponseCodec, UnknownErrorCodeFromANewerDaemonStaysAnError) {
  fb::FlatBufferBuilder fbb;
  auto e = schema::CreateError(fbb, static_cast<schema::ErrorCode>(200));
  const ResponseFrame frame(FinishServerFrame(fbb, schema::ServerBody::Response,
                                              schema::CreateResponse(fbb, 1, e).Union()));
  engine::Result received;
  ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
  EXPECT_FALSE(received.ok());
  EXPECT_EQ(static_cast<int>(received.error().code), 200);
}

// Hand-built responses that break the grammar.
std::vector<uint8_t> Response(fb::FlatBufferBuilder& fbb, fb::Offset<schema::Error> error,
                              schema::ResponseBody type, fb::Offset<void> body) {
  auto r = schema::CreateResponse(fbb, 1, error, type, body);
  auto frame = FinishServerFrame(fbb, schema::ServerBody::Response, r.Union());
  return std::vector<uint8_t>(frame.begin(), frame.end());
}

engine::Error DecodeBytes(const std::vector<uint8_t>& bytes) {
  const ResponseFrame frame(bytes);
  EXPECT_NE(frame.response(), nullptr);
  Answer answer;
  return DecodeResponse(*frame.response(), &answer);
}

TEST(ResponseCodec, RefusesWhatNoDaemonSends) {
  {  // an error and a body
    fb::FlatBufferBuilder fbb;
    auto e = schema::CreateError(fbb, schema::ErrorCode::NotFound);
    auto body = schema::CreateEmpty(fbb).Union();
    EXPECT_EQ(DecodeBytes(Response(fbb, e, schema::ResponseBody::Empty, body)),
              (engine::Error{ErrorCode::kMalformed, "body"}));
  }
  {  // neither
    fb::FlatBufferBuilder fbb;
    EXPECT_EQ(DecodeBytes(Response(fbb, 0, schema::ResponseBody::NONE, 0)),
              (engine::Error{ErrorCode::kMalformed, "body"}));
  }
  {  // an error whose code says Ok
    fb::FlatBufferBuilder fbb;
    auto e = schema::CreateError(fbb, schema::ErrorCode::Ok);
    EXPECT_EQ(DecodeBytes(Response(fbb, e, schema::ResponseBody::NONE, 0)),
              (engine::Error{ErrorCode::kMalformed, "error"}));
  }
  {  // a member this build does not know
    fb::FlatBufferBuilder fbb;
    auto body = schema::CreateEmpty(fbb).Union();
    const auto unknown =
        static_cast<schema::ResponseBody>(static_cast<int>(schema::ResponseBody::MAX) + 1);
    EXPECT_EQ(DecodeBytes(Response(fbb, 0, unknown, body)),
              (engine::Error{ErrorCode::kUnsupported, "body"}));
  }
  {  // a value this build cannot represent: a HIT status out of range
    fb::FlatBufferBuilder fbb;
    auto hit = store::codec::Build(fbb, testing::SampleHit());
    auto type = store::codec::Build(fbb, testing::SampleHitType());
    auto view = schema::CreateHitView(fbb, hit, static_cast<schema::HitStatus>(9), 0, 0, 0, type);
    EXPECT_EQ(DecodeBytes(Response(fbb, 0, schema::ResponseBody::HitView, view.Union())),
              (engine::Error{ErrorCode::kMalformed, "body"}));
  }
}

TEST(ResponseCodec, AttachmentsRoundTripInOrder) {
  fb::FlatBufferBuilder fbb;
  const engine::Result sent{SampleAt<engine::Reply>(1)};
  ASSERT_TRUE(sent.ok());
  const std::vector<Attachment> attachments = {
      {engine::PayloadKind::kQuestion, 7, 0, "<p>Is this a cat?</p>"},
      {engine::PayloadKind::kAnswer, 9, 2, std::string("yes\0no", 6)},
  };
  const ResponseFrame frame(EncodeResponse(fbb, 12, sent, attachments));
  ASSERT_NE(frame.response(), nullptr);
  engine::Result received;
  ASSERT_EQ(DecodeResponse(*frame.response(), &received).code, ErrorCode::kOk);
  EXPECT_EQ(received, sent);
  std::vector<Attachment> got;
  ASSERT_EQ(DecodeAttachments(*frame.response(), &got).code, ErrorCode::kOk);
  EXPECT_EQ(got, attachments);

  // None: an empty list, and the plain encoder sends none either.
  const ResponseFrame plain(EncodeResponse(fbb, 13, sent));
  got.push_back({});
  ASSERT_EQ(DecodeAttachments(*plain.response(), &got).code, ErrorCode::kOk);
  EXPECT_TRUE(got.empty());
}

TEST(ResponseCodec, RefusesAnAttachmentOfUnknownKindOrWithoutData) {
  for (const bool no_data : {false, true}) {
    fb::FlatBufferBuilder fbb;
    auto body = schema::CreateEmpty(fbb).Union();
    auto data = no_data ? 0 : fbb.CreateString("x");
    const uint8_t kind = no_data ? 1 : 200;
    std::vector<fb::Offset<schema::Attachment>> items = {
        schema::CreateAttachment(fbb, kind, 1, 0, data)};
    auto list = fbb.CreateVector(items);
    auto response = schema::CreateResponse(fbb, 5, 0, schema::ResponseBody::Empty, body, list);
    const ResponseFrame frame(
        FinishServerFrame(fbb, schema::ServerBody::Response, response.Union()));
    ASSERT_NE(frame.response(), nullptr);
    std::vector<Attachment> got;
    EXPECT_EQ(DecodeAttachments(*frame.response(), &got),
              (engine::Error{ErrorCode::kMalformed, "attachments"}));
    EXPECT_TRUE(got.empty());
  }
}

TEST(ResponseCodec, InternedFieldNamesAreBounded) {
  EXPECT_EQ(InternFieldName(""), "");
  EXPECT_EQ(InternFieldName(std::string(65, 'f')), "(unknown)");
  const std::string_view a = InternFieldName("hit_id");
  EXPECT_EQ(a.data(), InternFieldName(std::string("hit_id")).data()) << "one copy per name";
}

TEST(ResponseCodecDeathTest, BugsAreAssertions) {
  fb::FlatBufferBuilder fbb;
  EXPECT_DEATH(EncodeResponse(fbb, 1, engine::Result{engine::TickResult{}}), "Tick");
  EXPECT_DEATH(EncodeResponse(fbb, 1, engine::Result{engine::Error{}}), "kOk");
  EXPECT_DEATH(
      EncodeResponse(fbb, 1, engine::Fail(ErrorCode::kNotFound), std::span<const Attachment>{}),
      "ok");
}

}  // namespace
}  // namespace hitd::net
