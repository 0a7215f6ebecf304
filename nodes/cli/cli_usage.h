// opsroom-node's verbs and flags with their help: the one place the usage
// text lives (cli_usage.cc). ParseArgs (cli_args.cc) parses with the CLI11
// app built from it; the man page is generated from the same help. Pure.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "nodes/cli/cli_args.h"

namespace opsroom::nodes::cli {

struct FlagHelp {
  const char* name;   // without "--"
  const char* value;  // the value's name in the help: TEXT, TIME, FILE
  const char* text;
};

struct VerbHelp {
  const char* name;
  CommandKind kind;
  bool needs_id;  // --id (or --key) is required
  const char* summary;
  std::vector<FlagHelp> flags;
};

const std::vector<VerbHelp>& Verbs();
const std::vector<FlagHelp>& GlobalFlags();

// The command line: the global flags on the app (also accepted after the
// verb), one subcommand per verb with its flags, and "help".
std::unique_ptr<CLI::App> BuildApp();

}  // namespace opsroom::nodes::cli
