#include "nodes/cli/cli_args.h"

#include "cli/command_line.h"
#include "nodes/cli/cli_usage.h"
#include "nodes/client/hub_endpoints.h"
#include "wire/participants.h"

namespace opsroom::nodes::cli {

namespace {

std::optional<int> ParseTimeout(const std::string& text) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) return {};
  int value = std::stoi(text);
  return value > 0 ? std::optional<int>(value) : std::nullopt;
}

std::optional<std::string> ApplyGlobal(CliOptions& options, const std::string& name, const std::string& value) {
  if (name == "id") options.node_id = value;
  if (name == "country") options.country = value;
  if (name == "hub") {
    std::string error;
    auto hubs = ParseHubList(value, &error);
    if (!hubs) return "--hub: " + error;
    options.hub = hubs->front();
    options.other_hubs.assign(hubs->begin() + 1, hubs->end());
  }
  if (name == "fanout") options.fanout = value;
  if (name == "key") options.key_file = value;
  if (name == "hub-key") options.hub_key = value;
  if (name == "places-file") options.catalogues.places = value;
  if (name == "participants-file") options.catalogues.participants = value;
  if (name == "role") {
    if (value != "national" && value != "partner" && value != "console" && value != "planner") {
      return "--role wants national, partner, console or planner, got '" + value + "'";
    }
    options.role = value;
  }
  if (name == "timeout") {
    auto timeout = ParseTimeout(value);
    if (!timeout) return "--timeout wants milliseconds > 0, got '" + value + "'";
    options.timeout_ms = *timeout;
  }
  return std::nullopt;
}

// --key and --hub-key come together; simulate has one key per agency (--keys DIR).
std::optional<std::string> CheckKeys(CliOptions& options) {
  if (options.command == CommandKind::kSimulate) {
    options.keys_dir = options.Get("keys");
    if (!options.key_file.empty())
      return std::string("simulate takes --keys DIR (one <NODE_ID>.key per agency), not --key");
    if (options.keys_dir.empty() != options.hub_key.empty())
      return std::string("simulate: --keys DIR and --hub-key go together");
    return std::nullopt;
  }
  if (options.key_file.empty() != options.hub_key.empty()) {
    return std::string(
        "--key FILE and --hub-key FILE|z85:KEY go together (the node's secret key and the hub's public key)");
  }
  return std::nullopt;
}

std::optional<std::string> CheckIdentity(CliOptions& options, bool needs_id) {
  if (options.node_id.empty()) {
    // With --key the id comes from the key file's name, once LoadKeys has read it.
    if (needs_id && options.key_file.empty()) {
      return std::string(
          "--key FILE (a registered node's key; it names the node) is required, or --id NODE for a hub run "
          "with --insecure (e.g. --key keys/ME-BP.key)");
    }
    return std::nullopt;
  }
  if (options.country.empty()) options.country = options.node_id.substr(0, options.node_id.find('-'));
  if (!wire::IsKnownParticipant(options.country)) {
    return "'" + options.country + "' (from --id " + options.node_id +
           ") is not a participant code; give --country (AL BA HR XK ME MK RS EUROPOL FRONTEX ... OPSROOM)";
  }
  return std::nullopt;
}

}  // namespace

std::string CliOptions::Get(const std::string& name, const std::string& fallback) const {
  auto it = flags.find(name);
  return it == flags.end() || it->second.empty() ? fallback : it->second.back();
}

ParsedArgs ParseArgs(const std::vector<std::string>& args) {
  std::unique_ptr<CLI::App> app = BuildApp();
  opsroom::cli::Parsed parsed = opsroom::cli::Parse(*app, args);
  CliOptions options;
  if (parsed.outcome == opsroom::cli::ParseOutcome::kPrinted) return {options, "", "", parsed.text};
  if (parsed.outcome == opsroom::cli::ParseOutcome::kUsage) return {std::nullopt, parsed.error, parsed.text, ""};
  std::vector<CLI::App*> chosen = app->get_subcommands();
  if (chosen.empty()) {
    return {std::nullopt,
            "a COMMAND is required (alert, send, check, decide, operation, sitrep, tail, simulate, status, flush)",
            app->help(), ""};
  }
  const CLI::App& verb = *chosen.front();
  if (verb.get_name() == "help") return {options, "", "", app->help()};
  const VerbHelp* spec = nullptr;
  for (const VerbHelp& v : Verbs()) {
    if (verb.get_name() == v.name) spec = &v;
  }
  options.command = spec->kind;
  for (const FlagHelp& flag : GlobalFlags()) {
    for (const std::string& value : opsroom::cli::Values(*app, std::string("--") + flag.name)) {
      if (auto bad = ApplyGlobal(options, flag.name, value)) return {std::nullopt, *bad, verb.help(), ""};
    }
  }
  for (const FlagHelp& flag : spec->flags) {
    std::vector<std::string> values = opsroom::cli::Values(verb, std::string("--") + flag.name);
    if (!values.empty()) options.flags[flag.name] = values;
  }
  if (!options.fanout.empty() && !options.other_hubs.empty()) {
    return {std::nullopt,
            "--fanout names one hub's PUB; with a list of hubs in --hub each one's fan-out is its port + 1: leave "
            "--fanout out",
            verb.help(), ""};
  }
  if (auto bad = CheckKeys(options)) return {std::nullopt, *bad, verb.help(), ""};
  // Before the participant checks: a participants file may add a code.
  if (std::string refused = wire::UseCatalogueFiles(options.catalogues); !refused.empty()) {
    return {std::nullopt, refused, "", "", kExitFailed};
  }
  if (auto bad = CheckIdentity(options, spec->needs_id)) return {std::nullopt, *bad, verb.help(), ""};
  return {options, "", "", ""};
}

std::string LoadKeys(CliOptions* options) {
  if (options->key_file.empty()) return "";
  auto keys = wire::LoadClientKeys(options->key_file, options->hub_key);
  if (!keys) return keys.rejection().text;
  options->curve = keys.value();
  if (!options->node_id.empty()) return "";
  options->node_id = wire::NodeIdOfKeyFile(options->key_file);
  if (auto bad = CheckIdentity(*options, true))
    return *bad + " (the node id comes from --key's file name; or give --id)";
  return "";
}

std::string UsageText() { return BuildApp()->help(); }

}  // namespace opsroom::nodes::cli
