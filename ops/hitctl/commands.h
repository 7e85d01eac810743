// hitctl's commands, the parts that talk to a daemon (hitd_client's BlockingClient):
// the generic call of any operation (run_operation.cc), the secret-making operations
// (account_ops.cc), the streams (subscriptions.cc) and the demo (demo.cc). main.cc reads
// the command line and picks one.
//
// Each returns the process's exit status (answer_output.h) after printing its output.
// Single-threaded, except that subscription handlers print from the client's thread.
#pragma once

#include <string>
#include <utility>  // before Asio (client.h): Boost 1.74 needs std::exchange

#include "net/client/client.h"
#include "ops/hitctl/answer_output.h"
#include "ops/hitctl/global_options.h"
#include "ops/hitctl/request_options.h"
#include "ops/hitctl/wire_schema.h"

namespace hitd::ctl {

// Prints an error (stderr; with --json also as JSON on stdout) and returns its status.
int Fail(const GlobalOptions& global, const CliError& error);
// Prints a successful node (text or JSON) and returns 0.
int Print(const GlobalOptions& global, const Node& node);
// Prints an answer: its reply (with `amend` applied) or its error.
int PrintAnswer(const GlobalOptions& global, const client::Answer& answer,
                const std::function<void(Node*)>& amend = {});

// The client's options: the credentials file (required) and the server.
bool ClientOptionsOf(const GlobalOptions& global, client::Options* out, CliError* error);
// Connects; false with *error (UNAVAILABLE, UNAUTHENTICATED, ...).
bool ConnectClient(client::BlockingClient& client, const client::Options& options,
                   net::Welcome* welcome, CliError* error);

int RunOperation(const GlobalOptions& global, const WireOperation& op);

// create-account and rotate-secret: draws a secret unless --secret-hash is given, and
// adds --secret-hash to the arguments. Returns the secret (empty when not drawn).
std::string DrawSecret(const WireOperation& op, std::vector<std::string>* args);
// After a successful create-account or rotate-secret: adds the secret to the output and
// writes --save-credentials. False with *error when the file cannot be written.
bool FinishSecret(const WireOperation& op, const client::Options& options,
                  const net::Operation& operation, const client::Answer& answer,
                  const std::string& secret_hex, const ParsedArgs& args, Node* node,
                  CliError* error);

int RunSubscription(const GlobalOptions& global, const client::Options& options,
                    const net::DaemonCommand& command, const ParsedArgs& args);

int RunDemo(const GlobalOptions& global);

}  // namespace hitd::ctl
