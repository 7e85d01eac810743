// hitctl: the command-line client of hitd (DESIGN.md section 7; `hitctl --help`).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ops/hitctl/commands.h"
#include "ops/hitctl/option_help.h"

int main(int argc, char** argv) {
  using namespace hitd::ctl;
  const std::vector<std::string> args(argv + 1, argv + argc);
  const char* env_server = std::getenv("HITD_SERVER");
  const char* env_credentials = std::getenv("HITD_CREDENTIALS");
  GlobalOptions global;
  CliError error;
  if (!ParseGlobalOptions(args, env_server ? env_server : "",
                          env_credentials ? env_credentials : "", &global, &error)) {
    return Fail(global, error);
  }
  if (global.operation == "help" && !global.args.empty()) {  // hitctl help OPERATION
    global.operation = global.args.front();
    global.args.clear();
    global.help = true;
  }
  if (global.operation.empty() || global.operation == "help") {
    std::fputs(TopHelp().c_str(), global.help || !global.operation.empty() ? stdout : stderr);
    return global.help || !global.operation.empty() ? 0 : kExitUsage;
  }
  if (global.operation == "demo") {
    if (global.help) {
      std::fputs(DemoHelp().c_str(), stdout);
      return 0;
    }
    if (!global.args.empty()) return Fail(global, {"USAGE", "", "demo takes no arguments"});
    return RunDemo(global);
  }
  const WireOperation* op = WireSchema::Get().FindOperation(global.operation);
  if (op == nullptr) {
    return Fail(global,
                {"USAGE", "", "no operation " + global.operation + " (hitctl --help lists them)"});
  }
  if (global.help) {
    std::fputs(OperationHelp(*op).c_str(), stdout);
    return 0;
  }
  return RunOperation(global, *op);
}
