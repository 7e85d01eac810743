// hitctl's options -> JSON -> Request -> the daemon's decoder: money in dollars,
// durations in seconds, nested JSON, enums, flags, and the errors each refusal gives.
#include "ops/hitctl/request_options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "net/protocol/operation_names.h"
#include "ops/hitctl/answer_output.h"
#include "ops/hitctl/option_help.h"

namespace hitd::ctl {
namespace {

constexpr int64_t kNow = 1'769'860'800'000;  // 2026-01-31T12:00:00Z

// Parses `args` for `operation` and decodes the request; fails the test on an error.
engine::Command Decode(std::string_view operation, std::vector<std::string> args) {
  const WireOperation* op = WireSchema::Get().FindOperation(operation);
  EXPECT_NE(op, nullptr) << operation;
  ParsedArgs parsed;
  CliError error;
  net::Operation out;
  const bool ok = ParseOperationArgs(*op->table, args, ExtraOptionsOf(operation),
                                     PositionalOf(operation), kNow, &parsed, &error) &&
                  BuildOperation(*op, parsed.body_json, "", &out, &error);
  EXPECT_TRUE(ok) << error.code << " (" << error.field << "): " << error.message;
  if (!ok || !std::holds_alternative<engine::Command>(out)) return engine::GetStats{};
  return std::get<engine::Command>(out);
}

CliError Refusal(std::string_view operation, std::vector<std::string> args,
                 std::string_view token = "") {
  const WireOperation* op = WireSchema::Get().FindOperation(operation);
  ParsedArgs parsed;
  CliError error;
  net::Operation out;
  const bool ok = ParseOperationArgs(*op->table, args, ExtraOptionsOf(operation),
                                     PositionalOf(operation), kNow, &parsed, &error) &&
                  BuildOperation(*op, parsed.body_json, token, &out, &error);
  EXPECT_FALSE(ok);
  return error;
}

TEST(RequestOptions, CreateHitTakesDollarsAndSecondsAsMTurkDoes) {
  const auto cmd = std::get<engine::CreateHit>(
      Decode("create-hit", {"--title", "Tag it", "--description", "Tags", "--reward", "0.05",
                            "--assignment-duration-in-seconds", "600", "--max-assignments", "3",
                            "--lifetime-in-seconds", "3600", "--question", "<p>q</p>"}));
  EXPECT_EQ(cmd.type.title, "Tag it");
  EXPECT_EQ(cmd.type.reward, engine::Cents(5));
  EXPECT_EQ(cmd.type.assignment_duration, engine::TimeMs(600'000));
  EXPECT_FALSE(cmd.type.auto_approval_delay.has_value());
  EXPECT_EQ(cmd.hit.max_assignments, 3u);
  EXPECT_EQ(cmd.hit.lifetime, engine::TimeMs(3'600'000));
  EXPECT_EQ(cmd.hit.question, "<p>q</p>");
}

TEST(RequestOptions, RawCentsAndMillisecondsAreAcceptedToo) {
  const auto cmd = std::get<engine::CreateHit>(Decode(
      "create-hit",
      {"--reward-cents", "7", "--lifetime-ms", "40000", "--auto-approval-delay-in-seconds", "0"}));
  EXPECT_EQ(cmd.type.reward, engine::Cents(7));
  EXPECT_EQ(cmd.hit.lifetime, engine::TimeMs(40'000));
  EXPECT_EQ(cmd.type.auto_approval_delay, engine::TimeMs(0));
}

TEST(RequestOptions, NestedValuesTakeJson) {
  const auto cmd = std::get<engine::CreateHit>(
      Decode("create-hit", {"--question", "q", "--qualification-requirements",
                            R"([{"type_id": 12, "comparator": "GreaterThanOrEqualTo",
                         "integer_values": [90], "guard": "DiscoverPreviewAndAccept"}])"}));
  ASSERT_EQ(cmd.type.requirements.size(), 1u);
  EXPECT_EQ(cmd.type.requirements[0].type, engine::QualTypeId(12));
  EXPECT_EQ(cmd.type.requirements[0].comparator, engine::Comparator::kGreaterThanOrEqualTo);
  EXPECT_EQ(cmd.type.requirements[0].integer_values, std::vector<int32_t>{90});
  EXPECT_EQ(cmd.type.requirements[0].guard, engine::ActionsGuarded::kDiscoverPreviewAndAccept);

  const auto many = std::get<engine::CreateHits>(
      Decode("create-hits", {"--hit-type-id", "4", "--hits",
                             R"([{"max_assignments": 2, "lifetime_ms": 60000, "question": "a"},
                          {"lifetime_ms": 60000, "question": "b"}])"}));
  ASSERT_EQ(many.hits.size(), 2u);
  EXPECT_EQ(many.hits[0].max_assignments, 2u);
  EXPECT_EQ(many.hits[1].max_assignments, 1u);
  EXPECT_EQ(many.hits[1].question, "b");
}

TEST(RequestOptions, AWholeTableAndOneOfItsFieldsConflict) {
  const CliError e = Refusal("create-hit", {"--hit", R"({"question": "q"})", "--priority", "3"});
  EXPECT_EQ(e.code, "USAGE");
  EXPECT_EQ(ExitCodeOf(e.code), kExitUsage);
}

TEST(RequestOptions, FilterFieldsAreOptionsOfTheirOwn) {
  const auto cmd = std::get<engine::AcceptNext>(
      Decode("accept-next", {"--min-reward", "$0.10", "--keyword", "cats", "--hit-type-id", "9"}));
  EXPECT_EQ(cmd.filter.min_reward, engine::Cents(10));
  EXPECT_EQ(cmd.filter.keyword, "cats");
  EXPECT_EQ(cmd.filter.type, engine::HitTypeId(9));
}

TEST(RequestOptions, EnumsIgnoreCaseAndDashes) {
  const auto list = std::get<engine::ListHits>(Decode("list-hits", {"--status", "reviewable"}));
  EXPECT_EQ(list.status, engine::HitStatus::kReviewable);
  const auto mine = std::get<engine::ListMyAssignments>(
      Decode("list-my-assignments", {"--assignment-statuses", "submitted,Approved"}));
  EXPECT_EQ(mine.statuses, (std::vector{engine::AssignmentStatus::kSubmitted,
                                        engine::AssignmentStatus::kApproved}));
  const auto type = std::get<engine::CreateHitType>(
      Decode("create-hit-type", {"--assignment-order", "breadth-first"}));
  EXPECT_EQ(type.type.order, engine::AssignmentOrder::kBreadthFirst);
}

TEST(RequestOptions, BoolsAreFlags) {
  const auto on = std::get<engine::ApproveAssignment>(
      Decode("approve-assignment", {"--assignment-id", "4", "--override-rejection"}));
  EXPECT_EQ(on.assignment, engine::AssignmentId(4));
  EXPECT_TRUE(on.override_rejection);
  const auto off = std::get<engine::ApproveAssignment>(
      Decode("approve-assignment", {"--assignment-id=4", "--override-rejection=false"}));
  EXPECT_FALSE(off.override_rejection);
}

TEST(RequestOptions, LocalesTimesAndIds) {
  const auto account = std::get<engine::CreateAccount>(
      Decode("create-account", {"--role", "requester", "--name", "r1", "--locale", "us-ca"}));
  EXPECT_EQ(account.role, engine::Role::kRequester);
  EXPECT_EQ(std::string(account.locale.country, 2), "US");
  EXPECT_EQ(std::string(account.locale.subdivision, 2), "CA");
  const auto expire = std::get<engine::UpdateExpirationForHit>(Decode(
      "update-expiration-for-hit", {"--hit-id", "3", "--expire-at", "2026-01-31T12:00:00Z"}));
  EXPECT_EQ(expire.expire_at, engine::TimeMs(kNow));
  const auto later = std::get<engine::UpdateExpirationForHit>(
      Decode("update-expiration-for-hit", {"--hit-id", "3", "--expire-at", "+90"}));
  EXPECT_EQ(later.expire_at, engine::TimeMs(kNow + 90'000));
}

TEST(RequestOptions, BackupTakesItsDirectoryAsAnArgument) {
  const WireOperation* op = WireSchema::Get().FindOperation("backup");
  ParsedArgs parsed;
  CliError error;
  net::Operation out;
  ASSERT_TRUE(ParseOperationArgs(*op->table, std::vector<std::string>{"/var/backups/h1"}, {},
                                 PositionalOf("backup"), kNow, &parsed, &error));
  ASSERT_TRUE(BuildOperation(*op, parsed.body_json, "", &out, &error)) << error.message;
  EXPECT_EQ(std::get<net::Backup>(std::get<net::DaemonCommand>(out)).dir, "/var/backups/h1");
}

TEST(RequestOptions, BadValuesNameTheirField) {
  const CliError money = Refusal("create-hit", {"--reward", "0.055"});
  EXPECT_EQ(money.code, "INVALID_ARGUMENT");
  EXPECT_EQ(money.field, "reward_cents");
  EXPECT_EQ(ExitCodeOf(money.code), 1);
  const CliError id = Refusal("get-hit", {"--hit-id", "-4"});
  EXPECT_EQ(id.field, "hit_id");
  const CliError status = Refusal("list-hits", {"--status", "Done"});
  EXPECT_EQ(status.field, "status");
  EXPECT_NE(status.message.find("Reviewable"), std::string::npos);
}

TEST(RequestOptions, CommandLineMistakesAreUsageErrors) {
  EXPECT_EQ(Refusal("get-hit", {"--hit", "3"}).code, "USAGE");
  EXPECT_EQ(Refusal("get-hit", {"--hit-id"}).code, "USAGE");
  EXPECT_EQ(Refusal("get-hit", {"3"}).code, "USAGE");
  EXPECT_EQ(Refusal("get-hit", {"--hit-id", "3", "--hit-id", "4"}).code, "USAGE");
}

TEST(RequestOptions, AnErrorsFieldLeadsToItsOptions) {
  const flatbuffers::StructDef& table = *WireSchema::Get().FindOperation("create-hit")->table;
  EXPECT_EQ(OptionsForField(table, "reward_cents"), "--reward, --reward-cents");
  EXPECT_EQ(OptionsForField(table, "requirements.comparator"),
            "--requirements, --qualification-requirements");
  EXPECT_NE(OptionsForField(table, "hit").find("--max-assignments"), std::string::npos);
  EXPECT_EQ(OptionsForField(table, "token"), "");
}

TEST(RequestOptions, TheDaemonsDecoderJudgesBeforeSending) {
  const CliError e = Refusal("get-hit", {"--hit-id", "3"}, std::string(65, 't'));
  EXPECT_EQ(e.code, "INVALID_ARGUMENT");
  EXPECT_EQ(e.field, "token");
}

TEST(RequestOptions, EveryOperationAndEveryFieldIsInTheHelp) {
  EXPECT_EQ(WireSchema::Get().operations().size(), net::OperationNames().size());
  const std::string top = TopHelp();
  for (const WireOperation& op : WireSchema::Get().operations()) {
    EXPECT_NE(top.find("  " + std::string(op.name) + " "), std::string::npos) << op.name;
    const std::string help = OperationHelp(op);
    for (const flatbuffers::FieldDef* f : op.table->fields.vec) {
      if (f->value.type.base_type == flatbuffers::BASE_TYPE_UTYPE) continue;
      EXPECT_NE(help.find(f->name + " ("), std::string::npos) << op.name << " " << f->name;
    }
  }
}

TEST(Units, DollarsSecondsLocalesAndTimes) {
  int64_t v = 0;
  EXPECT_TRUE(ParseDollars("1.2", &v));
  EXPECT_EQ(v, 120);
  EXPECT_TRUE(ParseDollars("$0.05", &v));
  EXPECT_EQ(v, 5);
  EXPECT_TRUE(ParseDollars("3", &v));
  EXPECT_EQ(v, 300);
  EXPECT_FALSE(ParseDollars("1.", &v));
  EXPECT_FALSE(ParseDollars("abc", &v));
  EXPECT_FALSE(ParseDollars("0.001", &v));
  EXPECT_TRUE(ParseSeconds("1.5", &v));
  EXPECT_EQ(v, 1500);
  EXPECT_EQ(FormatDollars(123), "$1.23");
  EXPECT_EQ(FormatDollars(-5), "-$0.05");
  uint64_t packed = 0;
  ASSERT_TRUE(ParseLocale("US-NY", &packed));
  EXPECT_EQ(FormatLocale(packed), "US-NY");
  EXPECT_FALSE(ParseLocale("U", &packed));
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTime(kNow + 5), "2026-01-31T12:00:00.005Z");
  EXPECT_TRUE(ParseTime("1769860800", 0, &v));
  EXPECT_EQ(v, kNow);
  EXPECT_TRUE(ParseTime("now", 42, &v));
  EXPECT_EQ(v, 42);
}

}  // namespace
}  // namespace hitd::ctl
