// opsroom-node: parses the command line, runs one command, maps its result to
// the exit code. Everything else lives in the opsroom::nodes library.
#include <atomic>
#include <csignal>
#include <iostream>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/commands.h"

namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom::nodes::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  ParsedArgs parsed = ParseArgs(args);
  CommandIo io{std::cin, std::cout, std::cerr, &g_stop};
  if (!parsed.options) {
    std::cerr << "opsroom-node: " << parsed.error << "\n" << (parsed.usage.empty() ? "" : "\n") << parsed.usage;
    return parsed.exit_code;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  CliOptions options = *parsed.options;
  if (std::string bad = LoadKeys(&options); !bad.empty()) {
    std::cerr << "opsroom-node: " << bad << "\n";
    return kExitFailed;
  }
  switch (options.command) {
    case CommandKind::kAlert: return RunAlert(options, io);
    case CommandKind::kSend: return RunSend(options, io);
    case CommandKind::kTail: return RunTail(options, io);
    case CommandKind::kSimulate: return RunSimulate(options, io);
    case CommandKind::kStatus: return RunStatus(options, io);
    case CommandKind::kFlush: return RunFlush(options, io);
    case CommandKind::kCheck: return RunCheck(options, io);
    case CommandKind::kDecide: return RunDecide(options, io);
    case CommandKind::kOperation: return RunOperation(options, io);
    case CommandKind::kSitRep: return RunSitRep(options, io);
    case CommandKind::kHelp: break;
  }
  std::cout << parsed.printed;  // --help, a verb's --help, --version
  return kExitOk;
}
