#include "hub/tools/command_line.h"

#include <string_view>

#include "hub/metrics_server.h"

namespace opsroom::hub {

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  opsroom-hub [--data DIR] [--bind tcp://127.0.0.1:7700] [--sync=full|none] [--hub-id ID]\n"
    "      run the hub: ROUTER (ingest, queries) on the bind endpoint, PUB (fan-out) on its port + 1.\n"
    "      defaults: --data ./var/hub, --bind tcp://127.0.0.1:7700, --sync=full.\n"
    "      --sync=none acknowledges before data reaches the disk (survives a crash, not a power loss).\n"
    "      --keys DIR (default DATA/keys) holds hub.key and registry: CurveZMQ on every socket,\n"
    "      only registered keys admitted; --registry FILE overrides. On first start a missing\n"
    "      hub.key (with hub.pub) and registry are made there; existing keys are never replaced.\n"
    "      --insecure runs plain text without authentication: loopback binds only, for demos.\n"
    "      The data directory must be the hub user's alone (chmod 700 DIR); --allow-shared-data-dir\n"
    "      starts on one that group or others may open, with a warning.\n"
    "      --metrics HOST:PORT serves Prometheus metrics on GET /metrics (default 127.0.0.1:9464;\n"
    "      off: none); scraping writes no audit record (docs/operations.md).\n"
    "      --hit-window-days N matches a new or revised watchlist entry against the Checks of the\n"
    "      last N days (default 7).\n"
    "      --audit-keys DIR (default: --keys DIR when given, else DATA-audit, beside the store)\n"
    "      holds audit.key, the Ed25519 key that signs the audit trail's heads; a DIR inside DATA\n"
    "      is refused unless --allow-audit-key-in-data-dir (whoever copies DATA would hold it).\n"
    "      --accept-audit-history starts although the store's audit chain no longer extends\n"
    "      the last head this hub signed (AUDIT-KEYS/audit.last): once, after a restore from a backup.\n"
    "      --ack-deadline flash=5m,urgent=30m,priority=4h sets the time to acknowledge per severity\n"
    "      (those are the defaults; routine has none; 0 or off: none): an alert still Open then gets an\n"
    "      Escalate action from the hub, and one past its expires_at_ms an Expire action (docs/protocol.md 15).\n"
    "      --answer-deadline 12h sets when a hit's answer is due (Hit.answer_by_ms; default 12h, SIRENE).\n"
    "      --retain-days D removes log events older than D days that current state no longer\n"
    "      refers to (default: keep every event forever; docs/operations.md).\n"
    "  opsroom-hub export --data DIR --format cap|geojson|kml|csv [--out PATH] [--for WHO] [--since T] [--operation C]\n"
    "      alerts, operations and sitreps for other tools, obeying WHO's need-to-know (docs/exports.md).\n"
    "  opsroom-hub report --data DIR --operation CODE --day YYYY-MM-DD --out DIR\n"
    "      one joint operation's day report: HTML, Markdown, CSV, a PNG map (docs/report.md).\n"
    "  opsroom-hub backup --data DIR --to BACKUP_DIR  |  restore --from BACKUP_DIR --data DIR [--force]\n"
    "      consistent backup, hub running or not / restore, hub stopped (docs/operations.md).\n"
    "  opsroom-hub audit --data DIR [--node ID] [--since MS]\n"
    "                    [--verify [--audit-key FILE|HEX] [--keys DIR] [--heads FILE]]\n"
    "      print the audit trail as JSON lines; --verify checks its hash chain and every signed\n"
    "      head the hub kept, and those in FILE (opsroom-node tail --save-heads), against the\n"
    "      audit public key (default: audit.pub in --keys DIR, else DATA-audit); exit 1 if broken or contradicted.\n"
    "  opsroom-hub dump --data DIR\n"
    "      print the log as JSON lines (read-only; works with the hub stopped or running).\n"
    "  opsroom-hub handovers --data DIR\n"
    "      list the shift handovers: time, from whom, the note, open items by kind, and who\n"
    "      acknowledged each when (read-only; works with the hub stopped or running).\n"
    "  opsroom-hub stats [--hub tcp://127.0.0.1:7700] [--key FILE.key --hub-key FILE|z85:KEY] [--id NODE]\n"
    "      ask a running hub for its counters; over CurveZMQ with a key registered as console\n"
    "      (--id defaults to the key file's name: OPSROOM-DUTY.key -> OPSROOM-DUTY).\n"
    "  opsroom-hub --help\n";

// Accepts "--name VALUE" and "--name=VALUE"; advances `i` past what it used.
std::optional<std::string> TakeValue(const std::vector<std::string>& args, std::size_t& i, std::string_view name,
                                     std::string* error) {
  const std::string& arg = args[i];
  if (arg.size() > name.size() && arg.compare(0, name.size(), name) == 0 && arg[name.size()] == '=') {
    return arg.substr(name.size() + 1);
  }
  if (arg != name) return std::nullopt;
  if (i + 1 >= args.size()) {
    *error = std::string(name) + " needs a value";
    return std::nullopt;
  }
  return args[++i];
}

bool ParseRunOption(const std::vector<std::string>& args, std::size_t& i, Command& command, std::string* error) {
  if (auto v = TakeValue(args, i, "--data", error)) return command.config.data_dir = *v, true;
  if (auto v = TakeValue(args, i, "--bind", error)) return command.config.bind = *v, true;
  if (auto v = TakeValue(args, i, "--metrics", error)) return command.config.metrics_bind = *v == "off" ? "" : *v, true;
  if (auto v = TakeValue(args, i, "--hub-id", error)) return command.config.hub_id = *v, true;
  if (auto v = TakeValue(args, i, "--keys", error)) return command.config.keys_dir = *v, true;
  if (auto v = TakeValue(args, i, "--registry", error)) return command.config.registry_path = *v, true;
  if (args[i] == "--insecure") return command.config.insecure = true, true;
  if (args[i] == "--allow-shared-data-dir") return command.config.allow_shared_data_dir = true, true;
  if (auto v = TakeValue(args, i, "--audit-keys", error)) return command.config.audit_keys_dir = *v, true;
  if (args[i] == "--allow-audit-key-in-data-dir") return command.config.allow_audit_key_in_data_dir = true, true;
  if (args[i] == "--accept-audit-history") return command.config.accept_audit_history = true, true;
  if (auto v = TakeValue(args, i, "--retain-days", error)) {
    if (v->empty() || v->size() > 5 || v->find_first_not_of("0123456789") != std::string::npos || std::stoi(*v) == 0) {
      *error = "--retain-days takes a whole number of days from 1 to 99999, not \"" + *v + "\" (default: keep forever)";
      return false;
    }
    return command.config.retain_ms = std::stoll(*v) * 24 * 60 * 60 * 1000, true;
  }
  if (auto v = TakeValue(args, i, "--hit-window-days", error)) {
    if (v->empty() || v->size() > 4 || v->find_first_not_of("0123456789") != std::string::npos) {
      *error = "--hit-window-days takes a whole number of days from 0 to 9999, not \"" + *v + "\" (default 7)";
      return false;
    }
    return command.config.hit_window_ms = std::stoll(*v) * 24 * 60 * 60 * 1000, true;
  }
  if (auto v = TakeValue(args, i, "--ack-deadline", error)) {
    *error = ParseAckDeadlines(*v, command.config.ack_deadline_ms);
    return error->empty();
  }
  if (auto v = TakeValue(args, i, "--answer-deadline", error)) {
    std::optional<int64_t> ms = ParseDuration(*v);
    if (!ms || *ms == 0) {
      *error = "--answer-deadline takes a duration like 12h, 90m or 2d, not \"" + *v + "\" (default 12h)";
      return false;
    }
    return command.config.hit_answer_ms = *ms, true;
  }
  if (auto v = TakeValue(args, i, "--sync", error)) {
    if (*v == "full") return command.config.sync = true, true;
    if (*v == "none") return command.config.sync = false, true;
    *error = "--sync must be full or none, not \"" + *v + "\"";
    return false;
  }
  if (error->empty()) *error = "unknown option \"" + args[i] + "\"";
  return false;
}

constexpr const char* kDefaultMetricsBind = "127.0.0.1:9464";

ParsedCommand Fail(std::string error) { return {std::nullopt, std::move(error)}; }

// A read-only tool whose only option is --data DIR (dump, handovers).
ParsedCommand ParseDataTool(const std::vector<std::string>& args, CommandKind kind) {
  Command command;
  command.kind = kind;
  const std::string& name = args[0];
  std::string error;
  bool have_data = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto v = TakeValue(args, i, "--data", &error);
    if (!v) return Fail(error.empty() ? "unknown option for " + name + ": \"" + args[i] + "\"" : error);
    command.config.data_dir = *v;
    have_data = true;
  }
  if (!have_data) return Fail(name + " needs --data DIR");
  return {command, {}};
}

ParsedCommand ParseStats(const std::vector<std::string>& args) {
  Command command;
  command.kind = CommandKind::kStats;
  StatsClient& stats = command.stats;
  std::string error;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (auto v = TakeValue(args, i, "--hub", &error)) stats.hub_endpoint = *v;
    else if (auto k = TakeValue(args, i, "--key", &error)) stats.key_file = *k;
    else if (auto h = TakeValue(args, i, "--hub-key", &error)) stats.hub_key = *h;
    else if (auto n = TakeValue(args, i, "--id", &error)) stats.node_id = *n;
    else return Fail(error.empty() ? "unknown option for stats: \"" + args[i] + "\"" : error);
  }
  if (stats.key_file.empty() != stats.hub_key.empty())
    return Fail("stats: --key FILE and --hub-key FILE|z85:KEY go together");
  return {command, {}};
}

ParsedCommand ParseAudit(const std::vector<std::string>& args) {
  Command command;
  command.kind = CommandKind::kAudit;
  std::string error;
  bool have_data = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--verify") {
      command.audit_check.verify = true;
    } else if (auto k = TakeValue(args, i, "--audit-key", &error)) {
      command.audit_check.audit_key = *k;
    } else if (auto h = TakeValue(args, i, "--heads", &error)) {
      command.audit_check.heads_file = *h;
    } else if (auto d = TakeValue(args, i, "--keys", &error)) {
      command.audit_check.keys_dir = *d;
    } else if (auto v = TakeValue(args, i, "--data", &error)) {
      command.config.data_dir = *v;
      have_data = true;
    } else if (auto n = TakeValue(args, i, "--node", &error)) {
      command.audit_node = *n;
    } else if (auto s = TakeValue(args, i, "--since", &error)) {
      if (s->empty() || s->find_first_not_of("0123456789") != std::string::npos)
        return Fail("--since takes ms since 1970");
      command.audit_since_ms = std::stoll(*s);
    } else {
      return Fail(error.empty() ? "unknown option for audit: \"" + args[i] + "\"" : error);
    }
  }
  if (!have_data) return Fail("audit needs --data DIR");
  return {command, {}};
}

}  // namespace

ParsedCommand ParseCommandLine(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "dump") return ParseDataTool(args, CommandKind::kDump);
  if (!args.empty() && args[0] == "handovers") return ParseDataTool(args, CommandKind::kHandovers);
  if (!args.empty() && args[0] == "stats") return ParseStats(args);
  if (!args.empty() && args[0] == "audit") return ParseAudit(args);
  Command command;
  command.config.metrics_bind = kDefaultMetricsBind;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      command.kind = CommandKind::kHelp;
      return {command, {}};
    }
    std::string error;
    if (!ParseRunOption(args, i, command, &error)) return Fail(error);
  }
  if (!NextPortEndpoint(command.config.bind)) {
    return Fail("--bind needs an endpoint with a port, like tcp://127.0.0.1:7700");
  }
  std::string host;
  int port = 0;
  if (!command.config.metrics_bind.empty() && !SplitHostPort(command.config.metrics_bind, &host, &port)) {
    return Fail("--metrics needs HOST:PORT like 127.0.0.1:9464, or off; not \"" + command.config.metrics_bind + "\"");
  }
  return {command, {}};
}

const char* UsageText() { return kUsage; }

}  // namespace opsroom::hub
