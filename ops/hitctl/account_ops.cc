// create-account and rotate-secret: the secret is drawn here, on the client; only its
// SHA-256 crosses the wire. The secret is printed once and, with --save-credentials,
// written to a credentials file (mode 0600) for the account.
#include "ops/hitctl/commands.h"

namespace hitd::ctl {
namespace {

bool MakesSecret(const WireOperation& op) {
  return op.body == schema::RequestBody::CreateAccount ||
         op.body == schema::RequestBody::RotateSecret;
}

bool Given(const std::vector<std::string>& args, std::string_view flag) {
  for (const std::string& a : args) {
    if (a == flag || a.starts_with(std::string(flag) + "=")) return true;
  }
  return false;
}

}  // namespace

std::string DrawSecret(const WireOperation& op, std::vector<std::string>* args) {
  if (!MakesSecret(op) || Given(*args, "--secret-hash")) return "";
  const client::Secret secret = client::NewSecret();
  const client::SecretHash hash = client::HashSecret(secret);
  args->push_back("--secret-hash");
  args->push_back(client::ToHex(hash));
  return client::ToHex(secret);
}

bool FinishSecret(const WireOperation& op, const client::Options& options,
                  const net::Operation& operation, const client::Answer& answer,
                  const std::string& secret_hex, const ParsedArgs& args, Node* node,
                  CliError* error) {
  if (!MakesSecret(op) || secret_hex.empty()) return true;
  client::Credentials creds;
  creds.server = options.host + ":" + std::to_string(options.port);
  if (options.host.find(':') != std::string::npos) {
    creds.server = "[" + options.host + "]:" + std::to_string(options.port);
  }
  client::FromHex(secret_hex, creds.secret);
  const auto& command = std::get<engine::Command>(operation);
  if (const auto* create = std::get_if<engine::CreateAccount>(&command)) {
    const auto& view = answer.reply<engine::AccountView>();
    creds.account_id = view.account.id;
    creds.account_name = create->name;
  } else {
    creds.account_id = std::get<engine::RotateSecret>(command).account;
    if (creds.account_id == options.credentials.account_id) {
      creds.account_name = options.credentials.account_name;
    }
  }
  node->Add("secret", Node::Str(secret_hex));
  const auto file = args.extras.find("save-credentials");
  if (file == args.extras.end()) return true;
  std::string why;
  if (!client::SaveCredentials(file->second, creds, &why)) {
    *error = {"LOCAL_FILE", "", why};
    return false;
  }
  node->Add("credentials_file", Node::Str(file->second));
  return true;
}

}  // namespace hitd::ctl
