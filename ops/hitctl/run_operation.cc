// The generic call: any operation's options -> a command decoded as the daemon decodes
// it -> BlockingClient -> the answer, printed from the schema.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "ops/hitctl/commands.h"
#include "ops/hitctl/option_help.h"

namespace hitd::ctl {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

CliError WithOptionHint(const WireOperation& op, CliError error) {
  if (error.code != "INVALID_ARGUMENT" || error.field.empty()) return error;
  const std::string options = OptionsForField(*op.table, error.field);
  if (!options.empty()) error.message += (error.message.empty() ? "" : " ") + ("[" + options + "]");
  return error;
}

}  // namespace

int Fail(const GlobalOptions& global, const CliError& error) {
  std::fputs(ErrorText(error).c_str(), stderr);
  if (global.json) std::printf("%s\n", ErrorJson(error).c_str());
  return ExitCodeOf(error.code);
}

int Print(const GlobalOptions& global, const Node& node) {
  const std::string text = global.json ? ToJson(node) + "\n" : ToText(node);
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  return 0;
}

int PrintAnswer(const GlobalOptions& global, const client::Answer& answer,
                const std::function<void(Node*)>& amend) {
  if (!answer.ok()) return Fail(global, ErrorOf(answer.error(), answer.message));
  Node node = AnswerNode(answer.answer, answer.attachments);
  if (amend) amend(&node);
  return Print(global, node);
}

bool ClientOptionsOf(const GlobalOptions& global, client::Options* out, CliError* error) {
  if (global.credentials.empty()) {
    *error = {"USAGE", "", "no credentials: give --credentials FILE or set HITD_CREDENTIALS"};
    return false;
  }
  std::string why;
  if (!client::LoadCredentials(global.credentials, &out->credentials, &why)) {
    *error = {"LOCAL_FILE", "", why};
    return false;
  }
  std::string server = global.server;
  if (server.empty()) server = out->credentials.server;
  if (server.empty()) server = std::string(kDefaultServer);
  if (!SplitHostPort(server, &out->host, &out->port)) {
    *error = {"USAGE", "", "server " + server + ": not HOST:PORT"};
    return false;
  }
  out->client_name = "hitctl";
  return true;
}

bool ConnectClient(client::BlockingClient& client, const client::Options& options,
                   net::Welcome* welcome, CliError* error) {
  const engine::Error e = client.Connect(welcome);
  if (e.code == engine::ErrorCode::kOk) return true;
  *error =
      ErrorOf(e, "connecting to " + options.host + ":" + std::to_string(options.port) + " as " +
                     (options.credentials.account_name.empty()
                          ? "account " + std::to_string(options.credentials.account_id.value)
                          : options.credentials.account_name));
  return false;
}

int RunOperation(const GlobalOptions& global, const WireOperation& op) {
  std::vector<std::string> args = global.args;
  const std::string secret_hex = DrawSecret(op, &args);
  ParsedArgs parsed;
  CliError error;
  const std::vector<ExtraOption> extras = ExtraOptionsOf(op.name);
  if (!ParseOperationArgs(*op.table, args, extras, PositionalOf(op.name), NowMs(), &parsed,
                          &error)) {
    if (error.code == "USAGE") error.message += " (hitctl " + std::string(op.name) + " --help)";
    return Fail(global, error);
  }
  std::string token = parsed.extras.count("token") ? parsed.extras["token"] : "";
  if (parsed.extras.count("unique-request-token")) token = parsed.extras["unique-request-token"];
  net::Operation operation;
  if (!BuildOperation(op, parsed.body_json, token, &operation, &error)) {
    return Fail(global, WithOptionHint(op, error));
  }

  if (const auto save = parsed.extras.find("save-credentials"); save != parsed.extras.end()) {
    // Before the account exists: a file that cannot be written must not cost an account.
    const std::filesystem::path dir = std::filesystem::path(save->second).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir.empty() ? "." : dir, ec)) {
      return Fail(global, {"LOCAL_FILE", "", save->second + ": no such directory"});
    }
  }
  client::Options options;
  if (!ClientOptionsOf(global, &options, &error)) return Fail(global, error);
  const bool is_subscription = op.body == schema::RequestBody::SubscribeEvents ||
                               op.body == schema::RequestBody::SubscribeWork;
  options.reconnect = is_subscription;  // a stream resumes; a single call reports the drop
  if (is_subscription) {
    return RunSubscription(global, options, std::get<net::DaemonCommand>(operation), parsed);
  }
  client::BlockingClient client(options);
  if (!ConnectClient(client, options, nullptr, &error)) return Fail(global, error);
  const client::Answer answer =
      std::visit([&](const auto& command) { return client.Call(command, token); }, operation);
  if (!answer.ok())
    return Fail(global, WithOptionHint(op, ErrorOf(answer.error(), answer.message)));
  Node node = AnswerNode(answer.answer, answer.attachments);
  if (!FinishSecret(op, options, operation, answer, secret_hex, parsed, &node, &error)) {
    Print(global, node);  // the account exists: its secret must not be lost
    return Fail(global, error);
  }
  if (node.Find("secret") != nullptr && node.Find("credentials_file") == nullptr) {
    std::fputs(
        "hitctl: the secret is shown only this once: keep it, or pass --save-credentials "
        "FILE next time\n",
        stderr);
  }
  return Print(global, node);
}

}  // namespace hitd::ctl
