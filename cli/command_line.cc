#include "cli/command_line.h"

#include <algorithm>

#include "cli/project_version.h"
#include "wire/protocol_constants.h"

namespace opsroom::cli {

namespace {

// Every (sub)command: extras are collected, not thrown, so that Parse can say
// which flag or word was not expected and what was.
void AllowExtrasEverywhere(CLI::App& app) {
  app.allow_extras();
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) AllowExtrasEverywhere(*sub);
}

const CLI::App& Deepest(const CLI::App& app) {
  auto selected = app.get_subcommands();
  return selected.empty() ? app : Deepest(*selected.front());
}

// "opsroom-node alert": the words that select `app`.
std::string FullName(const CLI::App& app) {
  return app.get_parent() == nullptr ? app.get_name() : FullName(*app.get_parent()) + " " + app.get_name();
}

// What is wrong with the first word CLI11 left over.
std::string ExplainExtra(const CLI::App& root, const CLI::App& at, const std::string& extra) {
  std::string flag = extra.substr(0, extra.find('='));
  bool is_flag = flag.size() > 1 && flag[0] == '-';
  bool at_root = &at == &root;
  if (is_flag) {
    const std::vector<std::string> names = FlagNames(at);
    if (!at_root && std::find(names.begin(), names.end(), flag) != names.end()) {
      // The verb's own flag, written before the verb (CLI11 reads it there as the program's).
      return flag + " belongs to '" + at.get_name() + "': write it after the command, '" + FullName(at) + " " + flag +
             " ...'";
    }
    std::string where = at_root ? "" : " for '" + at.get_name() + "'";
    return "unknown flag " + flag + where + DidYouMean(flag, names) + "; see '" + FullName(at) + " --help'";
  }
  if (at_root && !root.get_subcommands([](const CLI::App*) { return true; }).empty()) {
    return "unknown command '" + extra + "'" + DidYouMean(extra, VerbNames(root)) + "; expected one of: " +
           CLI::detail::join(VerbNames(root), ", ");
  }
  return "unexpected argument '" + extra + "'";
}

// CLI11's own messages, in the project's words where it has them.
std::string ExplainError(const CLI::ParseError& error) {
  std::string text = error.what();
  if (error.get_name() == "ArgumentMismatch" && text.find("missing") != std::string::npos) {
    return text.substr(0, text.find(':')) + " needs a value";
  }
  return text;
}

int EditDistance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string VersionLine(const std::string& program) {
  return program + " " + kProjectVersion + " (protocol " + std::to_string(wire::kProtocolVersion) + ")";
}

void Prepare(CLI::App& app, const std::string& program) {
  app.name(program);
  auto formatter = std::make_shared<CLI::Formatter>();
  formatter->label("Usage", "usage");
  formatter->label("SUBCOMMAND", "COMMAND");
  formatter->label("SUBCOMMANDS", "COMMANDS");
  formatter->label("Subcommands", "Commands");
  formatter->column_width(34);
  app.formatter(formatter);
  app.set_help_all_flag("--help-all", "Print the help of every command and exit");
  app.set_version_flag("--version", VersionLine(program), "Print the version (and the protocol's) and exit");
}

CLI::Option* AddValue(CLI::App& app, const std::string& name, const std::string& value_name,
                      const std::string& description) {
  return app.add_option(name, description)
      ->type_name(value_name)
      ->type_size(1)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

std::vector<std::string> Values(const CLI::App& app, const std::string& name) {
  const CLI::Option* option = app.get_option_no_throw(name);
  return option == nullptr ? std::vector<std::string>{} : option->results();
}

std::string UsageOf(const CLI::App& app) { return app.help(); }

Parsed Parse(CLI::App& app, const std::vector<std::string>& args) {
  AllowExtrasEverywhere(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  Parsed parsed;
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return {ParseOutcome::kPrinted, app.help(), ""};
  } catch (const CLI::CallForAllHelp&) {
    return {ParseOutcome::kPrinted, app.help("", CLI::AppFormatMode::All), ""};
  } catch (const CLI::CallForVersion& version) {
    return {ParseOutcome::kPrinted, std::string(version.what()) + "\n", ""};
  } catch (const CLI::ParseError& error) {
    // A typo usually causes the error ("--nmae x" leaves --name missing): name the typo first.
    std::vector<std::string> extras = app.remaining(true);
    if (!extras.empty()) return {ParseOutcome::kUsage, UsageOf(app), ExplainExtra(app, Deepest(app), extras.front())};
    return {ParseOutcome::kUsage, UsageOf(app), ExplainError(error)};
  }
  const CLI::App& deepest = Deepest(app);
  std::vector<std::string> extras = app.remaining(true);
  if (!extras.empty()) return {ParseOutcome::kUsage, UsageOf(app), ExplainExtra(app, deepest, extras.front())};
  return parsed;
}

std::vector<std::string> FlagNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* at = &app; at != nullptr; at = at->get_parent()) {
    for (const CLI::Option* option : at->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

std::vector<std::string> VerbNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

std::string DidYouMean(const std::string& typo, const std::vector<std::string>& known) {
  std::string closest = Closest(typo, known);
  return closest.empty() ? "" : " (did you mean " + closest + "?)";
}

std::string Closest(const std::string& typo, const std::vector<std::string>& known) {
  std::string best;
  int best_distance = 3;
  for (const std::string& name : known) {
    int distance = EditDistance(typo, name);
    bool prefix = typo.size() >= 4 && name.rfind(typo, 0) == 0;
    if (prefix) distance = std::min(distance, 1);
    if (distance < best_distance) best = name, best_distance = distance;
  }
  return best;
}

}  // namespace opsroom::cli
