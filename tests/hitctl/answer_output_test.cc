// Answers printed from the schema: JSON with snake_case names and cents, text for
// people with dollars and UTC times; errors and their exit statuses.
#include "ops/hitctl/answer_output.h"

#include <gtest/gtest.h>

#include "ops/hitctl/global_options.h"

namespace hitd::ctl {
namespace {

net::Answer Reply(engine::Reply reply) { return engine::Result{std::move(reply)}; }

TEST(AnswerOutput, JsonUsesTheSchemasNamesAndCents) {
  const Node node = AnswerNode(
      Reply(engine::AccountBalance{engine::Cents(123), engine::Cents(40), engine::Cents(0)}), {});
  EXPECT_EQ(ToJson(node), R"({"available_cents":123,"escrow_cents":40,"withdrawn_cents":0})");
}

TEST(AnswerOutput, TextAlignsKeysAndShowsDollars) {
  const Node node = AnswerNode(
      Reply(engine::AccountBalance{engine::Cents(123), engine::Cents(40), engine::Cents(0)}), {});
  EXPECT_EQ(ToText(node), "available: $1.23\nescrow:    $0.40\nwithdrawn: $0.00\n");
}

TEST(AnswerOutput, NestedValuesAreIndentedWithTimesInUtc) {
  engine::AssignmentView view;
  view.assignment.id = engine::AssignmentId(7);
  view.assignment.hit = engine::HitId(3);
  view.assignment.status = engine::AssignmentStatus::kSubmitted;
  view.assignment.accepted = engine::TimeMs(1'769'860'800'000);
  view.reward = engine::Cents(5);
  const Node node = AnswerNode(Reply(view), {});
  const std::string text = ToText(node);
  EXPECT_NE(text.find("assignment:\n  id:"), std::string::npos) << text;
  EXPECT_NE(text.find("  status:        Submitted\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  accepted:      2026-01-31T12:00:00.000Z\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  submitted:     -\n"), std::string::npos) << text;
  EXPECT_NE(text.find("reward:       $0.05\n"), std::string::npos) << text;
  const std::string json = ToJson(node);
  EXPECT_NE(json.find(R"("status":"Submitted")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("accepted_ms":1769860800000)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("reward_cents":5)"), std::string::npos) << json;
}

TEST(AnswerOutput, ListsOfTablesAreItemsAndAttachmentsFollow) {
  engine::HitsCreated created{{engine::HitId(4), engine::HitId(5)}, engine::HitTypeId(2)};
  EXPECT_EQ(ToJson(AnswerNode(Reply(created), {})), R"({"hit_ids":[4,5],"type_id":2})");
  EXPECT_EQ(ToText(AnswerNode(Reply(created), {})), "hit_ids: 4, 5\ntype_id: 2\n");

  engine::AssignmentList list;
  list.assignments.resize(2);
  list.assignments[1].assignment.id = engine::AssignmentId(9);
  const net::Attachment answer{engine::PayloadKind::kAnswer, 9, 0, "yes"};
  const Node node = AnswerNode(Reply(list), std::span(&answer, 1));
  const std::string text = ToText(node);
  EXPECT_NE(text.find("assignments:\n  - assignment:\n"), std::string::npos) << text;
  EXPECT_NE(ToJson(node).find(R"("attachments":[{"kind":"answer","id":9,"data":"yes"}])"),
            std::string::npos);
}

// Every reply the engine can answer a wire request with prints in both forms.
template <size_t I = 0>
void PrintEveryReply() {
  if constexpr (I < std::variant_size_v<engine::Reply>) {
    using T = std::variant_alternative_t<I, engine::Reply>;
    if constexpr (!std::is_same_v<T, engine::TickResult> && !std::is_same_v<T, engine::Error>) {
      const Node node = AnswerNode(Reply(T{}), {});
      EXPECT_EQ(node.kind, Node::Kind::kObject) << I;
      EXPECT_EQ(ToJson(node).front(), '{') << I;
      EXPECT_FALSE(ToText(node).empty()) << I;
    }
    PrintEveryReply<I + 1>();
  }
}

TEST(AnswerOutput, EveryReplyPrints) { PrintEveryReply(); }

TEST(AnswerOutput, EmptyRepliesSayOk) {
  EXPECT_EQ(ToText(AnswerNode(Reply(engine::Empty{}), {})), "OK\n");
  EXPECT_EQ(ToJson(AnswerNode(Reply(engine::Empty{}), {})), "{}");
}

TEST(AnswerOutput, DaemonRepliesPrintToo) {
  const Node node = AnswerNode(net::DaemonReply{net::BackupDone{"/b", 4096}}, {});
  EXPECT_EQ(ToJson(node), R"({"dir":"/b","bytes":4096})");
}

TEST(AnswerOutput, EventsPrintAsOneLine) {
  engine::Event e;
  e.seq = 12;
  e.type = engine::EventType::kAssignmentApproved;
  e.hit = engine::HitId(3);
  e.amount = engine::Cents(25);
  const Node node = EventNode(e);
  EXPECT_EQ(ToLine(node), "seq=12 type=AssignmentApproved hit_id=3 amount=$0.25");
  EXPECT_EQ(ToJson(node).substr(0, 34), R"({"seq":12,"type":"AssignmentApprov)");
}

TEST(AnswerOutput, ErrorsNameCodeAndField) {
  const CliError e = ErrorOf({engine::ErrorCode::kNotFound, "hit_id"}, "no such HIT");
  EXPECT_EQ(ErrorText(e), "hitctl: NOT_FOUND (hit_id): no such HIT\n");
  EXPECT_EQ(ErrorJson(e),
            R"({"error":{"code":"NOT_FOUND","field":"hit_id","message":"no such HIT"}})");
  EXPECT_EQ(ErrorText({"USAGE", "", "bad"}), "hitctl: USAGE: bad\n");
}

TEST(AnswerOutput, EachErrorCodeHasItsOwnExitStatus) {
  EXPECT_EQ(ExitCodeOf("INVALID_ARGUMENT"), 1);
  EXPECT_EQ(ExitCodeOf("NOT_FOUND"), 2);
  EXPECT_EQ(ExitCodeOf("INSUFFICIENT_FUNDS"), 7);
  EXPECT_EQ(ExitCodeOf("NO_WORK_AVAILABLE"), 8);
  EXPECT_EQ(ExitCodeOf("UNAVAILABLE"), 12);
  EXPECT_EQ(ExitCodeOf("TOKEN_CONFLICT"), 14);
  EXPECT_EQ(ExitCodeOf("USAGE"), 64);
  EXPECT_EQ(ExitCodeOf("UNBALANCED"), 65);
  EXPECT_EQ(ExitCodeOf("LOCAL_FILE"), 66);
}

TEST(GlobalOptions, FlagsOverrideTheEnvironmentAnywhereOnTheLine) {
  GlobalOptions g;
  CliError e;
  const std::vector<std::string> argv = {"--server", "h:1", "get-hit", "--hit-id", "3", "--json"};
  ASSERT_TRUE(ParseGlobalOptions(argv, "env:2", "/env.cred", &g, &e));
  EXPECT_EQ(g.server, "h:1");
  EXPECT_EQ(g.credentials, "/env.cred");
  EXPECT_TRUE(g.json);
  EXPECT_EQ(g.operation, "get-hit");
  EXPECT_EQ(g.args, (std::vector<std::string>{"--hit-id", "3"}));
}

TEST(GlobalOptions, ServersAreHostAndPort) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(SplitHostPort("[::1]:7400", &host, &port));
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 7400);
  EXPECT_FALSE(SplitHostPort("localhost", &host, &port));
  EXPECT_FALSE(SplitHostPort("h:99999", &host, &port));
  GlobalOptions g;
  CliError e;
  EXPECT_FALSE(
      ParseGlobalOptions(std::vector<std::string>{"--server=nope", "get-stats"}, "", "", &g, &e));
  EXPECT_EQ(e.code, "USAGE");
}

}  // namespace
}  // namespace hitd::ctl
