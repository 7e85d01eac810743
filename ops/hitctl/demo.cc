// hitctl demo: a whole marketplace played against a running daemon, as its admin, with
// the books checked at the end (`hitctl demo --help`). The accounts it makes have a
// unique suffix, so the demo runs any number of times against one daemon; their secrets
// live only in memory.
#include <chrono>
#include <cstdio>
#include <memory>

#include "ops/hitctl/books.h"
#include "ops/hitctl/commands.h"

namespace hitd::ctl {
namespace {

using engine::Cents;
using engine::ErrorCode;
using engine::TimeMs;

constexpr int64_t kDepositCents = 2'000;
constexpr int64_t kRewardCents = 25;

struct Actor {
  std::string name;
  engine::AccountId id;
  std::unique_ptr<client::BlockingClient> client;
};

class Demo {
 public:
  Demo(const GlobalOptions& global, client::Options admin)
      : global_(global), base_(std::move(admin)) {}

  int Run();

 private:
  void Step(const std::string& text) {
    steps_.items.push_back(Node::Str(text));
    if (!global_.json) std::printf("%2zu. %s\n", steps_.items.size(), text.c_str());
    std::fflush(stdout);
  }
  // Runs `command` as `actor`; false (with failure_ set) unless it answers `expected`.
  bool Call(Actor& actor, const engine::Command& command, client::Answer* out,
            ErrorCode expected = ErrorCode::kOk) {
    *out = actor.client->Call(command);
    if (out->error().code == expected) return true;
    failure_ = ErrorOf(
        out->error(),
        actor.name + ": " + (out->ok() ? "succeeded where it should not have" : out->message));
    return false;
  }
  bool NewAccount(engine::Role role, const std::string& name, Actor* out);
  bool Marketplace();
  bool Books();
  int Finish();

  const GlobalOptions& global_;
  client::Options base_;
  Actor admin_;
  Actor requester_;
  Actor workers_[3];
  engine::QualTypeId qual_;
  engine::HitTypeId type_;
  engine::HitId hits_[2];
  CliError failure_;
  Node steps_ = [] {
    Node n;
    n.kind = Node::Kind::kArray;
    return n;
  }();
  Node summary_ = Node::Object();
  bool balanced_ = false;
};

bool Demo::NewAccount(engine::Role role, const std::string& name, Actor* out) {
  const client::Secret secret = client::NewSecret();
  const client::SecretHash hash = client::HashSecret(secret);
  engine::CreateAccount create;
  create.role = role;
  create.name = name;
  create.locale.country[0] = 'U';
  create.locale.country[1] = 'S';
  create.secret_hash.assign(hash.begin(), hash.end());
  client::Answer answer;
  if (!Call(admin_, create, &answer)) return false;
  out->name = name;
  out->id = answer.reply<engine::AccountView>().account.id;
  client::Options options = base_;
  options.credentials = {name, out->id, secret, ""};
  out->client = std::make_unique<client::BlockingClient>(options);
  Step("admin creates " + std::string(role == engine::Role::kRequester ? "requester " : "worker ") +
       name + ": account " + std::to_string(out->id.value));
  return true;
}

bool Demo::Marketplace() {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const client::Secret nonce = client::NewSecret();
  const std::string suffix =
      std::to_string(now % 100'000'000) + "-" + client::ToHex(std::span(nonce).first(2));
  summary_.Add("suffix", Node::Str(suffix));
  if (!NewAccount(engine::Role::kRequester, "demo-requester-" + suffix, &requester_)) return false;
  for (int i = 0; i < 3; ++i) {
    const std::string name = "demo-worker" + std::to_string(i + 1) + "-" + suffix;
    if (!NewAccount(engine::Role::kWorker, name, &workers_[i])) return false;
  }
  client::Answer a;
  if (!Call(admin_, engine::Deposit{requester_.id, Cents(kDepositCents)}, &a)) return false;
  Step("admin deposits " + FormatDollars(kDepositCents) + " into " + requester_.name);

  engine::CreateQualificationType qual;
  qual.spec.name = "Demo arithmetic " + suffix;
  qual.spec.description = "Two questions; 100 points to pass.";
  qual.spec.keywords = "demo";
  qual.spec.test = "q1: What is 2 + 2?\nq2: What colour is a clear daytime sky?";
  qual.spec.answer_key = {{"q1", "4", 50}, {"q2", "blue", 50}};
  qual.spec.test_duration = engine::Seconds(600);
  if (!Call(requester_, qual, &a)) return false;
  qual_ = a.reply<engine::QualTypeCreated>().type;
  Step("requester creates qualification type " + std::to_string(qual_.value) +
       " with a two-question test and its answer key");

  engine::CreateHit hit;
  hit.type.title = "Is this a cat? (demo " + suffix + ")";
  hit.type.description = "Look at the picture and answer yes or no.";
  hit.type.keywords = "demo,image";
  hit.type.reward = Cents(kRewardCents);
  hit.type.assignment_duration = engine::Seconds(3600);
  engine::QualificationRequirement req;
  req.type = qual_;
  req.comparator = engine::Comparator::kGreaterThanOrEqualTo;
  req.integer_values = {100};
  hit.type.requirements = {req};
  hit.hit.max_assignments = 3;
  hit.hit.lifetime = engine::Days(1);
  hit.hit.question = "<p>Is this a cat?</p><img src=\"cat.jpg\">";
  if (!Call(requester_, hit, &a)) return false;
  hits_[0] = a.reply<engine::HitCreated>().hit;
  type_ = a.reply<engine::HitCreated>().type;
  engine::CreateHitWithHitType second{type_, hit.hit};
  second.hit.max_assignments = 2;
  if (!Call(requester_, second, &a)) return false;
  hits_[1] = a.reply<engine::HitCreated>().hit;
  Step("requester creates HITs " + std::to_string(hits_[0].value) + " (3 assignments) and " +
       std::to_string(hits_[1].value) + " (2) of type " + std::to_string(type_.value) +
       ", reward " + FormatDollars(kRewardCents) + ", requiring a score of 100");

  const std::vector<engine::TestAnswer> answers[3] = {
      {{"q1", "4"}, {"q2", "blue"}}, {{"q1", "4"}, {"q2", "blue"}}, {{"q1", "5"}, {"q2", "blue"}}};
  for (int i = 0; i < 3; ++i) {
    if (!Call(workers_[i], engine::RequestQualification{qual_, answers[i]}, &a)) return false;
    const auto& r = a.reply<engine::QualRequestResult>();
    Step(workers_[i].name + " takes the test: score " + std::to_string(r.request.score) +
         ", granted " + (r.granted_value ? std::to_string(*r.granted_value) : "nothing"));
  }

  engine::AcceptNext next;
  next.filter.type = type_;
  if (!Call(workers_[0], next, &a)) return false;
  const engine::AssignmentId first = a.reply<engine::AssignmentView>().assignment.id;
  Step(workers_[0].name + " accepts the next HIT of the group: assignment " +
       std::to_string(first.value));
  if (!Call(workers_[1], engine::Accept{hits_[1]}, &a)) return false;
  const engine::AssignmentId second_id = a.reply<engine::AssignmentView>().assignment.id;
  Step(workers_[1].name + " accepts HIT " + std::to_string(hits_[1].value) + ": assignment " +
       std::to_string(second_id.value));
  if (!Call(workers_[2], next, &a, ErrorCode::kNoWorkAvailable)) return false;
  Step(workers_[2].name + " asks for work: NO_WORK_AVAILABLE (score 50 does not qualify)");

  if (!Call(workers_[0], engine::SubmitAssignment{first, "<answer>yes</answer>"}, &a)) return false;
  if (!Call(workers_[1], engine::SubmitAssignment{second_id, "<answer>no</answer>"}, &a)) {
    return false;
  }
  Step("both workers submit their answers");
  if (!Call(requester_, engine::ApproveAssignment{first, "Thank you!", false}, &a)) return false;
  Step("requester approves assignment " + std::to_string(first.value));
  if (!Call(requester_, engine::RejectAssignment{second_id, "The picture shows a cat."}, &a)) {
    return false;
  }
  Step("requester rejects assignment " + std::to_string(second_id.value));
  return true;
}

// Balances, fees and dashboards; the books must balance.
bool Demo::Books() {
  client::Answer a;
  if (!Call(requester_, engine::GetAccountBalance{}, &a)) return false;
  const auto balance = a.reply<engine::AccountBalance>();
  int64_t fees = 0;
  int64_t escrow = 0;
  for (const engine::HitId hit : hits_) {
    if (!Call(requester_, engine::GetHit{hit}, &a)) return false;
    const auto& view = a.reply<engine::HitView>();
    fees += view.hit.fee.value * view.hit.approved;
    // What the HIT still holds: its open, accepted and submitted slots.
    escrow += (view.hit.reward.value + view.hit.fee.value) *
              (view.hit.free + view.hit.accepted + view.hit.submitted);
  }
  int64_t paid = 0;
  Node workers;
  workers.kind = Node::Kind::kArray;
  for (Actor& w : workers_) {
    if (!Call(w, engine::GetDashboard{}, &a)) return false;
    paid += a.reply<engine::Dashboard>().earned.value;
    Node item = Node::Object();
    item.Add("name", Node::Str(w.name));
    item.Add("account_id", Node::Int(static_cast<int64_t>(w.id.value)));
    item.Add("dashboard", AnswerNode(a.answer, {}));
    workers.items.push_back(std::move(item));
  }
  if (!Call(admin_, engine::GetStats{}, &a)) return false;
  const int64_t imbalance = a.reply<engine::Stats>().imbalance.value;
  const ctl::Books books{kDepositCents, balance.available.value, balance.escrow.value, paid, fees,
                         imbalance};
  std::string why = CheckBooks(books);
  if (paid != kRewardCents) {
    why += (why.empty() ? "" : "; ") + std::string("the approved worker was paid ") +
           FormatDollars(paid) + ", not " + FormatDollars(kRewardCents);
  }
  if (escrow != balance.escrow.value) {
    why += (why.empty() ? "" : "; ") + std::string("escrow ") +
           FormatDollars(balance.escrow.value) + " but the HITs' open slots hold " +
           FormatDollars(escrow);
  }
  balanced_ = why.empty();

  Node& req = summary_.Add("requester", Node::Object());
  req.Add("name", Node::Str(requester_.name));
  req.Add("account_id", Node::Int(static_cast<int64_t>(requester_.id.value)));
  req.Add("available_cents", Node::Int(balance.available.value, Unit::kCents));
  req.Add("escrow_cents", Node::Int(balance.escrow.value, Unit::kCents));
  summary_.Add("deposit_cents", Node::Int(kDepositCents, Unit::kCents));
  summary_.Add("paid_to_workers_cents", Node::Int(paid, Unit::kCents));
  summary_.Add("platform_fees_cents", Node::Int(fees, Unit::kCents));
  summary_.Add("ledger_imbalance_cents", Node::Int(imbalance, Unit::kCents));
  summary_.Add("workers", std::move(workers));
  Node balanced;
  balanced.kind = Node::Kind::kBool;
  balanced.i = balanced_;
  summary_.Add("balanced", balanced);
  if (!balanced_) {
    failure_ = {"UNBALANCED", "", why};
  } else {
    Step("the books balance: deposit " + FormatDollars(kDepositCents) + " = available " +
         FormatDollars(balance.available.value) + " + escrow " +
         FormatDollars(balance.escrow.value) + " + paid to workers " + FormatDollars(paid) +
         " + platform fees " + FormatDollars(fees));
  }
  return balanced_;
}

int Demo::Finish() {
  summary_.Add("steps", steps_);
  if (global_.json) {
    if (!failure_.code.empty()) {
      Node& error = summary_.Add("error", Node::Object());
      error.Add("code", Node::Str(failure_.code));
      error.Add("field", Node::Str(failure_.field));
      error.Add("message", Node::Str(failure_.message));
    }
    std::printf("%s\n", ToJson(summary_).c_str());
  } else if (summary_.Find("balanced") != nullptr) {
    Node shown = summary_;
    shown.members.pop_back();  // the steps are printed already
    std::printf("\n%s", ToText(shown).c_str());
  }
  if (failure_.code.empty()) return 0;
  std::fputs(ErrorText(failure_).c_str(), stderr);
  return ExitCodeOf(failure_.code);
}

int Demo::Run() {
  admin_.name = base_.credentials.account_name.empty() ? "admin" : base_.credentials.account_name;
  admin_.client = std::make_unique<client::BlockingClient>(base_);
  net::Welcome welcome;
  if (!ConnectClient(*admin_.client, base_, &welcome, &failure_)) return Finish();
  if (welcome.role != engine::Role::kAdmin) {
    failure_ = {"PERMISSION_DENIED", "", "the demo needs an admin's credentials"};
    return Finish();
  }
  if (Marketplace()) Books();
  return Finish();
}

}  // namespace

int RunDemo(const GlobalOptions& global) {
  client::Options options;
  CliError error;
  if (!ClientOptionsOf(global, &options, &error)) return Fail(global, error);
  options.reconnect = false;
  Demo demo(global, std::move(options));
  return demo.Run();
}

}  // namespace hitd::ctl
