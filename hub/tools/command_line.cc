#include "hub/tools/command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>

#include "cli/command_line.h"
#include "hub/tools/config_file.h"
#include "hub/tools/hub_settings.h"
#include "wire/utc_time.h"
#include "wire/version.h"

namespace opsroom::hub {

namespace {

constexpr const char* kDescription =
    "opsroom-hub: the operations room's hub. Without a verb it runs the hub: ROUTER (ingest, queries) on --bind,\n"
    "PUB (fan-out) on its port + 1, CurveZMQ on every socket. Settings come from --config FILE (TOML,\n"
    "deploy/hub.toml), then from the flags, which win. Exit codes: 0 ok, 1 failure (a config file or data\n"
    "file that does not load included), 2 wrong usage (docs/operations.md).";

// What the verbs' options are read into before they become a Command.
struct VerbValues {
  std::string data, hub, key, hub_key, id;                // dump, handovers, stats, audit
  std::string audit_node, audit_key, heads, keys;         // audit
  std::string format, out, for_whom, since, operation;    // export; audit's --since too
  std::string to, from;                                   // backup, restore
  std::string day;                                        // report
};

struct Verbs {
  CLI::App* dump;
  CLI::App* handovers;
  CLI::App* stats;
  CLI::App* audit;
  CLI::App* export_;
  CLI::App* report;
  CLI::App* backup;
  CLI::App* restore;
};

Verbs AddVerbs(CLI::App& app, VerbValues& v) {
  Verbs verbs{};
  verbs.dump = app.add_subcommand("dump", "print the log as JSON lines (read-only; the hub stopped or running)");
  verbs.dump->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.handovers = app.add_subcommand(
      "handovers", "list the shift handovers: time, from whom, the note, open items, who acknowledged each when");
  verbs.handovers->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.stats = app.add_subcommand("stats", "ask a running hub for its counters (over CurveZMQ, a console key)");
  verbs.stats->add_option("--hub", v.hub, "the hub's ROUTER endpoint (default tcp://127.0.0.1:7700)")
      ->type_name("ENDPOINT");
  verbs.stats->add_option("--key", v.key, "a key registered with role console")->type_name("FILE.key");
  verbs.stats->add_option("--hub-key", v.hub_key, "the hub's public key")->type_name("FILE|z85:KEY");
  verbs.stats->add_option("--id", v.id, "the node id (default: the key file's name)")->type_name("NODE");
  verbs.audit = app.add_subcommand("audit", "print the audit trail as JSON lines; --verify checks it");
  verbs.audit->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.audit->add_option("--node", v.audit_node, "only this node's records")->type_name("ID");
  verbs.audit
      ->add_option("--since", v.since,
                   "only records at or after: ms since 1970, an ISO 8601 time, a UTC day or an age (2h)")
      ->type_name("T");
  verbs.audit->add_flag("--verify")->description("check the hash chain and every signed head, exit 1 if broken or contradicted");
  verbs.audit->add_option("--audit-key", v.audit_key, "the audit public key (default: KEYS/audit.pub, else DATA-audit)")
      ->type_name("FILE|HEX");
  verbs.audit->add_option("--keys", v.keys, "where audit.pub is")->type_name("DIR");
  verbs.audit->add_option("--heads", v.heads, "heads saved by opsroom-node tail --save-heads")->type_name("FILE");
  verbs.export_ = app.add_subcommand("export", "alerts, operations and sitreps for other tools (docs/exports.md)");
  verbs.export_->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.export_->add_option("--format", v.format, "cap, geojson, kml or csv")->type_name("FORMAT");
  verbs.export_->add_option("--out", v.out, "file or directory (cap and csv write several files)")->type_name("PATH");
  verbs.export_->add_option("--for", v.for_whom, "whose need-to-know (AL, EUROPOL, OPSROOM/planner...)")
      ->type_name("WHO");
  verbs.export_
      ->add_option("--since", v.since,
                   "an ISO 8601 time (2026-12-07T02:00:00Z, +01:00 offsets), a UTC day "
                   "(2026-12-07) or an age (90s, 30m, 2h, 7d, PT2H)")
      ->type_name("T");
  verbs.export_->add_option("--operation", v.operation, "only this operation")->type_name("CODE");
  verbs.report = app.add_subcommand("report", "one joint operation's day report: HTML, Markdown, CSV, a PNG map (docs/report.md)");
  verbs.report->add_option("--data", v.data, "the hub's data directory (opened read-only)")->type_name("DIR");
  verbs.report->add_option("--operation", v.operation, "the operation's code")->type_name("CODE");
  verbs.report->add_option("--day", v.day, "the UTC day to report (2026-12-07)")->type_name("YYYY-MM-DD");
  verbs.report->add_option("--out", v.out, "the directory to write the report into")->type_name("DIR");
  verbs.backup = app.add_subcommand("backup", "consistent backup, hub running or not (docs/operations.md)");
  verbs.backup->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.backup->add_option("--to", v.to, "where the backup goes")->type_name("BACKUP_DIR");
  verbs.restore = app.add_subcommand("restore", "bring a backup back, hub stopped (docs/operations.md)");
  verbs.restore->add_option("--from", v.from, "the backup")->type_name("BACKUP_DIR");
  verbs.restore->add_option("--data", v.data, "the hub's data directory")->type_name("DIR");
  verbs.restore->add_flag("--force")->description("move a store already there aside (DATA.before-restore-<ms>)");
  return verbs;
}

// The verbs' flags as the tools' own argument lists ("export --data D ...").
std::vector<std::string> ToolArgs(const CLI::App& verb) {
  std::vector<std::string> args = {verb.get_name()};
  for (const CLI::Option* option : verb.get_options()) {
    if (option->count() == 0 || option->get_name() == "--help") continue;
    args.push_back(option->get_name());
    if (option->get_expected_min() > 0) args.push_back(option->as<std::string>());
  }
  return args;
}

ParsedCommand Fail(std::string error, std::string usage) {
  ParsedCommand failed;
  failed.error = std::move(error);
  failed.usage = std::move(usage);
  return failed;
}

ParsedCommand Ok(Command command) {
  ParsedCommand parsed;
  parsed.command = std::move(command);
  parsed.exit_code = 0;
  return parsed;
}

// ms since 1970 as before, or any form wire::ParseSince reads.
int64_t AuditSinceMs(const std::string& text, std::string* error) {
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() <= 15) return std::stoll(text);
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  wire::ParsedTime since = wire::ParseSince(text, now_ms);
  if (!since.ok()) *error = "audit: --since " + since.error + ", or ms since 1970";
  return since.ms;
}

std::optional<Command> VerbCommand(const Verbs& verbs, const VerbValues& v, std::string* error) {
  Command command;
  const CLI::App* verb = nullptr;
  for (const CLI::App* candidate :
       {verbs.dump, verbs.handovers, verbs.stats, verbs.audit, verbs.export_, verbs.report, verbs.backup,
        verbs.restore}) {
    if (candidate->parsed()) verb = candidate;
  }
  if (verb == nullptr) return std::nullopt;
  const std::string name = verb->get_name();
  command.config.data_dir = v.data;
  if (verb == verbs.stats) {
    command.kind = CommandKind::kStats;
    if (!v.hub.empty()) command.stats.hub_endpoint = v.hub;
    command.stats.key_file = v.key;
    command.stats.hub_key = v.hub_key;
    command.stats.node_id = v.id;
    if (v.key.empty() != v.hub_key.empty()) *error = "stats: --key FILE and --hub-key FILE|z85:KEY go together";
    return command;
  }
  if (verb == verbs.export_ || verb == verbs.report || verb == verbs.backup || verb == verbs.restore) {
    command.kind = verb == verbs.export_   ? CommandKind::kExport
                   : verb == verbs.report ? CommandKind::kReport
                                          : CommandKind::kBackup;
    command.tool_args = ToolArgs(*verb);
    return command;  // the tool checks its own combinations
  }
  if (v.data.empty()) *error = name + " needs --data DIR";
  command.kind = verb == verbs.dump ? CommandKind::kDump : verb == verbs.handovers ? CommandKind::kHandovers : CommandKind::kAudit;
  if (verb == verbs.audit) {
    command.audit_node = v.audit_node;
    if (!v.since.empty()) command.audit_since_ms = AuditSinceMs(v.since, error);
    command.audit_check.verify = verbs.audit->get_option("--verify")->count() > 0;
    command.audit_check.audit_key = v.audit_key;
    command.audit_check.heads_file = v.heads;
    command.audit_check.keys_dir = v.keys;
  }
  return command;
}

// Defaults, then the file, then every flag given: the flags win.
ParsedCommand RunCommand(const std::vector<std::string>& values, const std::vector<CLI::Option*>& options,
                         const std::string& config_file, const std::string& usage) {
  Command command;
  ApplyRunDefaults(command);
  command.config_file = config_file;
  if (!config_file.empty()) {
    std::vector<std::string> problems = LoadConfigFile(config_file, command);
    if (!problems.empty()) {
      std::string joined;
      for (const std::string& problem : problems) joined += (joined.empty() ? "" : "\n") + problem;
      ParsedCommand failed = Fail(joined, "");
      failed.exit_code = 1;
      return failed;
    }
  }
  const auto& settings = HubSettings();
  for (std::size_t i = 0; i < settings.size(); ++i) {
    if (options[i]->count() == 0) continue;
    const std::string value = settings[i].type == SettingType::kSwitch ? "true" : values[i];
    std::string error = settings[i].apply(command, value);
    if (error.empty()) continue;
    return Fail(error.rfind("--", 0) == 0 ? error : std::string(settings[i].flag) + " " + error, usage);
  }
  if (std::string error = CheckRunSettings(command); !error.empty()) return Fail(error, usage);
  return Ok(command);
}

std::string ParseErrorText(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) return error.what();
  const auto verbs = app.get_subcommands();
  // Compared with the flags of the verb given, else the hub's flags and verbs.
  std::vector<std::string> known = cli::FlagNames(verbs.empty() ? app : *verbs[0]);
  if (verbs.empty()) {
    std::vector<std::string> verb_names = cli::VerbNames(app);
    known.insert(known.end(), verb_names.begin(), verb_names.end());
  }
  std::string extras;
  for (const std::string& extra : app.remaining(true)) {
    // "--dat=x" is the flag --dat given a value.
    extras += (extras.empty() ? "\"" : " \"") + extra + "\"" + cli::DidYouMean(extra.substr(0, extra.find('=')), known);
  }
  return (verbs.empty() ? std::string("unknown option or argument") : "unknown option for " + verbs[0]->get_name()) +
         ": " + extras;
}

}  // namespace

ParsedCommand ParseCommandLine(const std::vector<std::string>& args) {
  CLI::App app(kDescription, "opsroom-hub");
  app.get_formatter()->label("Usage", "usage");
  app.get_formatter()->column_width(38);
  app.set_version_flag("--version", wire::VersionLine("opsroom-hub"));
  app.require_subcommand(0, 1);
  std::string config_file, check_config;
  app.add_option("--config", config_file, "read settings from this TOML file first (the service: /etc/opsroom/hub.toml)")
      ->type_name("FILE");
  app.add_option("--check-config", check_config, "check a TOML file, name the line of any error, exit 0 or 1")
      ->type_name("FILE");
  const auto& settings = HubSettings();
  std::vector<std::string> values(settings.size());
  std::vector<CLI::Option*> options;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    const Setting& setting = settings[i];
    std::string help = setting.help;
    if (setting.key != nullptr) help += " [" + std::string(setting.key) + "]";
    options.push_back(setting.type == SettingType::kSwitch
                          ? app.add_flag(setting.flag)->description(help)
                          : app.add_option(setting.flag, values[i], help)->type_name(setting.value_name));
    options.back()->group("Run options (hub.toml key in brackets)");
  }
  VerbValues verb_values;
  Verbs verbs = AddVerbs(app, verb_values);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    Command help;
    help.kind = CommandKind::kHelp;
    help.text = app.help();
    return Ok(help);
  } catch (const CLI::CallForVersion& version) {
    Command shown;
    shown.kind = CommandKind::kVersion;
    shown.text = version.what();
    return Ok(shown);
  } catch (const CLI::ParseError& error) {
    return Fail(ParseErrorText(app, error), app.help());
  }
  std::string error;
  if (std::optional<Command> verb = VerbCommand(verbs, verb_values, &error)) {
    if (!error.empty()) return Fail(error, app.help());
    return Ok(*verb);
  }
  if (!check_config.empty()) {
    Command check;
    check.kind = CommandKind::kCheckConfig;
    check.config_file = check_config;
    return Ok(check);
  }
  return RunCommand(values, options, config_file, app.help());
}

std::string UsageText() { return ParseCommandLine({"--help"}).command->text; }

}  // namespace opsroom::hub
