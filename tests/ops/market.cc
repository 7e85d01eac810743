#include "tests/ops/market.h"

#include "engine/commands.h"
#include "engine/errors.h"
#include "engine/replies.h"

namespace hitd::ops_test {

namespace {

client::Options OptionsFor(uint16_t port, client::Credentials credentials) {
  client::Options options;
  options.host = "127.0.0.1";
  options.port = port;
  options.credentials = std::move(credentials);
  options.client_name = "ops_tests";
  options.request_timeout_ms = 10'000;
  return options;
}

bool Check(const client::Answer& answer, const std::string& what, std::string* error) {
  if (answer.ok()) return true;
  *error = what + ": " + std::string(engine::ErrorCodeName(answer.error().code)) + " (" +
           std::string(answer.error().field) + ") " + answer.message;
  return false;
}

}  // namespace

std::unique_ptr<client::BlockingClient> ConnectAdmin(const std::filesystem::path& credentials,
                                                     uint16_t port, std::string* error) {
  client::Credentials admin;
  if (!client::LoadCredentials(credentials.string(), &admin, error)) return nullptr;
  auto c = std::make_unique<client::BlockingClient>(OptionsFor(port, admin));
  const engine::Error e = c->Connect();
  if (e.code != engine::ErrorCode::kOk) {
    *error = "connecting as admin: " + std::string(engine::ErrorCodeName(e.code));
    return nullptr;
  }
  return c;
}

bool CreateHits(client::BlockingClient& admin, uint16_t port, int count, std::string* error) {
  client::Credentials requester;
  requester.account_name = "ops-requester";
  requester.secret = client::NewSecret();
  const client::SecretHash hash = client::HashSecret(requester.secret);
  engine::CreateAccount create;
  create.role = engine::Role::kRequester;
  create.name = requester.account_name;
  create.locale.country[0] = 'U';
  create.locale.country[1] = 'S';
  create.secret_hash.assign(hash.begin(), hash.end());
  const client::Answer made = admin.Call(engine::Command(create));
  if (!Check(made, "CreateAccount", error)) return false;
  requester.account_id = made.reply<engine::AccountView>().account.id;
  if (!Check(
          admin.Call(engine::Command(engine::Deposit{requester.account_id, engine::Cents(10'000)})),
          "Deposit", error)) {
    return false;
  }
  client::BlockingClient as_requester(OptionsFor(port, requester));
  engine::CreateHit hit;
  hit.type.title = "Is this a cat?";
  hit.type.description = "Look at the picture and answer yes or no.";
  hit.type.keywords = "ops,test";
  hit.type.reward = engine::Cents(10);
  hit.type.assignment_duration = engine::Seconds(3600);
  hit.hit.max_assignments = 1;
  hit.hit.lifetime = engine::Days(1);
  hit.hit.question = "<p>Is this a cat?</p>";
  for (int i = 0; i < count; ++i) {
    if (!Check(as_requester.Call(engine::Command(hit)), "CreateHit", error)) return false;
  }
  return true;
}

}  // namespace hitd::ops_test
