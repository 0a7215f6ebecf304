// What every opsroom command line shares, on top of CLI11: the look of the
// help ("usage: ..."), --help on every verb, --version, one value per
// occurrence of an option, and errors that name what was expected. Pure.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace opsroom::cli {

// "opsroom-node 0.1.0 (protocol 1)": what --version prints (help2man reads it too).
std::string VersionLine(const std::string& program);

// Gives `app` the project's help style, --help, --help-all (every verb's help,
// for the man page) and --version. Call before adding subcommands, which inherit it.
void Prepare(CLI::App& app, const std::string& program);

// An option taking one value per occurrence (`--x y` or `--x=y`); it may be
// repeated and every value is kept in order (option->results()).
CLI::Option* AddValue(CLI::App& app, const std::string& name, const std::string& value_name,
                      const std::string& description);

// The values given for `name` on the (sub)command, in order; empty when absent.
std::vector<std::string> Values(const CLI::App& app, const std::string& name);

enum class ParseOutcome {
  kRun,      // parsed: run the (sub)command
  kPrinted,  // --help or --version: print `text` on stdout, exit 0
  kUsage     // wrong usage: print `error` and `text` (the usage) on stderr, exit 2
};

struct Parsed {
  ParseOutcome outcome = ParseOutcome::kRun;
  std::string text;
  std::string error;
};

// Parses `args` (without argv[0]). Unknown flags, stray words and unknown verbs
// become errors naming what was expected ("unknown flag --titel for 'alert'
// (did you mean --title?)"); `text` is then the usage of the verb concerned.
Parsed Parse(CLI::App& app, const std::vector<std::string>& args);

// The usage of the deepest (sub)command that was selected, else of `app`.
std::string UsageOf(const CLI::App& app);

// The long flags ("--title") the (sub)command and its parents accept, and its
// verbs: the names a typo is compared with.
std::vector<std::string> FlagNames(const CLI::App& app);
std::vector<std::string> VerbNames(const CLI::App& app);
// " (did you mean --title?)", or "" when nothing is close.
std::string DidYouMean(const std::string& typo, const std::vector<std::string>& known);

// The known name closest to `typo` (edit distance at most 2, or a prefix), or "".
std::string Closest(const std::string& typo, const std::vector<std::string>& known);

}  // namespace opsroom::cli
