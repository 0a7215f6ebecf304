#include "nodes/cli/cli_args.h"

#include <set>

#include "wire/participants.h"

namespace opsroom::nodes::cli {

namespace {

const char kUsage[] =
    R"(usage: opsroom-node --id NODE [--hub tcp://HOST:PORT] [options] COMMAND [flags]

Talks to an opsroom hub as national node NODE (e.g. ME-BP: Montenegro border police).

options (before or after COMMAND):
  --id NODE            node id <PARTICIPANT>-<AGENCY>, e.g. ME-BP, RS-CU, EUROPOL-EMSC
  --country CODE       participant code (default: the id's prefix, ME for ME-BP)
  --hub ENDPOINT       the hub's ROUTER (default tcp://127.0.0.1:7700)
  --fanout ENDPOINT    the hub's PUB (default: the hub's port + 1)
  --timeout MS         how long to wait for the hub (default 5000)
  --key FILE           this node's secret key (opsroom-keys new --name NODE makes NODE.key); with it
                       the node talks CurveZMQ and --id defaults to the file's name (ME-BP.key: ME-BP)
  --hub-key FILE       the hub's public key (its hub.pub, e.g. var/hub/keys/hub.pub; z85:KEY gives the
                       key itself); needed with --key
  --role ROLE          national, partner, console or planner, as registered for the key
                       (default: from the participant: ME national, EUROPOL partner, OPSROOM console)
  Without --key the link is plain text: only a hub started with --insecure answers.

commands:
  alert     publish one alert through the outbox; prints its hub sequence once acknowledged
              --title TEXT (required)   --lat DEG --lon DEG and/or --place CODE (required)
              --severity routine|priority|urgent|flash     --crime-area NAME (e.g. migrant-smuggling)
              --body TEXT   --observed TIME (default now)   --expires TIME   --operation CODE
              --ref SYSTEM:REF (repeatable; SIS, InterpolNotice, InterpolDiffusion, Siena, National, Other)
              --distribution public|limited|restricted    --recipients AL,RS,...
              --reliability A|B|C|X   --credibility 1-4   --alert-id ID (default <NODE>:A<node_seq>)
              TIME: ms since 1970, 2026-11-18T10:30:00Z, or relative: -15m, +2h, +1d
  send      --json FILE|-   publish Envelopes through the outbox, one JSON line each (docs/protocol.md
              section 12); origin, country, node_seq, message_id and sent_at_ms are filled in when absent.
            --csv FILE|- --kind alert|watchlist   one message per spreadsheet row; the header row names
              the columns: the alert flags above (title, severity, place, lat, lon...) or the watchlist
              values (entry-id, kind, name, dob, documents...), listed in docs/import.md.
              prints one line per input line, in order, as the hub answers: "<line> ok hub_seq=N",
              "<line> ok hub_seq=N duplicate" (the hub held that report already), "<line> queued
              node_seq=N" or "<line> error <Reason> (<code>): text"; progress on stderr if a terminal
  check     publish one Check (docs/protocol.md section 14): who or what was seen, where, when
              --person NAME (any script) [--dob YYYY[-MM[-DD]]] [--nationality CC] [--document NUMBER]
              --plate TEXT   --vin VIN   --imo IMO   --container ISO6346   --phone NUMBER   (at least one)
              --place CODE and/or --lat DEG --lon DEG (required)   --unit TEXT   --checked TIME (default now)
              --check-id ID (default <NODE>:C<node_seq>)   handling flags as for alert
              a VIN, IMO or container number with a wrong check digit is refused here (exit 1)
  decide    --hit H<SEQ> --verdict confirm|reject [--actor NAME] [--comment TEXT]
              confirm or reject a hit (the entry's owner or the room); a rejected pair is not raised again;
              Restricted to this node's participant unless --distribution/--recipients say otherwise
  operation create a joint operation, or replace it with a new version (give every field again)
              --code CODE (required; the room names it <NODE>:CODE)   --name TEXT   --lead CODE (default:
              this node's participant)   --participants AL,HR,EUROPOL,...   --crime-areas NAME,NAME
              --places CODE,CODE (crossing points of data/places.tsv)   --starts TIME   --ends TIME
              --phase planned|briefing|active|debriefing|closed (default planned)
              --report-every DURATION (a sitrep due from each participant, e.g. 4h; default none)
              handling flags as for alert
  sitrep    one situation report for this node's own participant (never another's)
              --operation CODE (required; <NODE>:CODE for another node's)   --from TIME (required)
              --to TIME (default now)   --persons N --vehicles N --migrants N --facilitators N
              --victims N --other-arrests N --refusals N   --seizure COMMODITY:QUANTITY:UNIT (repeatable,
              e.g. cannabis:112.5:kg)   --remarks TEXT   handling flags as for alert
              the same --from and --to again is a correction: it replaces that period's figures
  tail      print committed events as JSON lines   [--from SEQ] (default: live)   [--count N]
              [--save-heads FILE] append each new signed audit head (JSON line) for
              `opsroom-hub audit --verify --heads FILE`   [--audit-key FILE|HEX] the hub's audit.pub
              (default: the key of the first head seen); a refused head is said on stderr
              (and kept in FILE as "refused ..." when signed); FILE's last head is held to at start
              --show hits: only the hits this node receives, one line each (hit id, copy, entry, score,
              action, answer-by, what was seen where, why)
  simulate  realistic traffic from the simulated national nodes and partners
              [--rate MSGS_PER_S] (default 20; 0: as fast as acks allow)   [--count N]
              [--seed N] (default 1)   [--duration SECONDS] (or 30s, 5m, 1h)
              with --count N: exits 0 once all N are acknowledged
              --keys DIR with --hub-key: CurveZMQ, each agency with its own DIR/<NODE_ID>.key
              (AL-BP BA-BP HR-BP XK-BP ME-BP MK-BP RS-BP ME-CU AL-CU HR-CU EUROPOL-EMSC FRONTEX-JOC)
              [--outbox DIR] (default ./var/simulate): each agency's durable outbox, DIR/<NODE_ID>;
              what a run leaves unacknowledged (Ctrl-C, a kill, the hub away) goes first in the next
  status    the outbox (pending, oldest, last ack), even with the hub down; then what the hub
              knows of this node (last node_seq, hub sequence, its node table row) when reachable
  flush     deliver everything pending in the outbox, in order; exit 0 once it is empty

the outbox: alert, send, check, decide, operation, sitrep, flush and status take --outbox DIR
  (default ./var/node-<ID>), the node's durable outbox (RocksDB). alert, send, operation and sitrep
  write each message there, synced, before sending it, then deliver everything pending in node_seq order and wait up to --timeout for the acks.

exit codes: 0 ok, 1 refused or failed, 2 wrong usage, 3 hub unreachable (tail, simulate, status),
  4 queued: written to the outbox but not yet acknowledged; the next alert, send or
    `opsroom-node flush` delivers it
)";

struct CommandSpec {
  const char* name;
  CommandKind kind;
  std::set<std::string> flags;
  bool needs_id;
};

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> k = {
      {"alert",
       CommandKind::kAlert,
       {"severity", "crime-area", "title", "body", "lat", "lon", "place", "observed", "expires", "operation", "ref",
        "distribution", "recipients", "reliability", "credibility", "alert-id", "outbox"},
       true},
      {"send", CommandKind::kSend, {"json", "csv", "kind", "outbox"}, true},
      {"check",
       CommandKind::kCheck,
       {"person",    "dob",          "nationality", "document",    "plate",       "vin",   "imo",
        "container", "phone",        "place",       "lat",         "lon",         "unit",  "check-id",
        "checked",   "distribution", "recipients",  "reliability", "credibility", "outbox"},
       true},
      {"decide",
       CommandKind::kDecide,
       {"hit", "verdict", "actor", "comment", "distribution", "recipients", "reliability", "credibility", "outbox"},
       true},
      {"operation",
       CommandKind::kOperation,
       {"code", "name", "lead", "participants", "crime-areas", "places", "starts", "ends", "phase", "report-every",
        "distribution", "recipients", "reliability", "credibility", "outbox"},
       true},
      {"sitrep",
       CommandKind::kSitRep,
       {"operation", "from", "to", "persons", "vehicles", "migrants", "facilitators", "victims", "other-arrests",
        "refusals", "seizure", "remarks", "distribution", "recipients", "reliability", "credibility", "outbox"},
       true},
      {"tail", CommandKind::kTail, {"from", "count", "show", "save-heads", "audit-key"}, false},
      {"simulate", CommandKind::kSimulate, {"rate", "count", "seed", "duration", "keys", "outbox"}, false},
      {"status", CommandKind::kStatus, {"outbox"}, true},
      {"flush", CommandKind::kFlush, {"outbox"}, true},
  };
  return k;
}

const std::set<std::string>& GlobalFlags() {
  static const std::set<std::string> k = {"id", "country", "hub", "fanout", "timeout", "key", "hub-key", "role"};
  return k;
}

std::optional<int> ParseTimeout(const std::string& text) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos) return {};
  int value = std::stoi(text);
  return value > 0 ? std::optional<int>(value) : std::nullopt;
}

// Splits "--name=value" / "--name value" pairs; the first bare word is the command.
bool Tokenize(const std::vector<std::string>& args, std::string* command,
              std::vector<std::pair<std::string, std::string>>* flags, std::string* error) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help" || arg == "help") {
      *command = "help";
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      if (!command->empty()) return *error = "unexpected argument '" + arg + "'", false;
      *command = arg;
      continue;
    }
    std::string name = arg.substr(2);
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      flags->emplace_back(name.substr(0, eq), name.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      flags->emplace_back(name, args[++i]);
    } else {
      return *error = "--" + name + " needs a value", false;
    }
  }
  return true;
}

std::optional<std::string> ApplyGlobal(CliOptions& options, const std::string& name, const std::string& value) {
  if (name == "id") options.node_id = value;
  if (name == "country") options.country = value;
  if (name == "hub") options.hub = value;
  if (name == "fanout") options.fanout = value;
  if (name == "key") options.key_file = value;
  if (name == "hub-key") options.hub_key = value;
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
    if (needs_id && options.key_file.empty()) return std::string("--id NODE is required (e.g. --id ME-BP)");
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
  std::string command;
  std::vector<std::pair<std::string, std::string>> flags;
  std::string error;
  if (!Tokenize(args, &command, &flags, &error)) return {std::nullopt, error};
  CliOptions options;
  if (command == "help") return {options, ""};
  if (command.empty())
    return {std::nullopt,
            "a COMMAND is required (alert, send, check, decide, operation, sitrep, tail, simulate, status, flush)"};
  const CommandSpec* spec = nullptr;
  for (const CommandSpec& c : Commands()) {
    if (command == c.name) spec = &c;
  }
  if (spec == nullptr) return {std::nullopt, "unknown command '" + command + "'"};
  options.command = spec->kind;
  for (const auto& [name, value] : flags) {
    if (GlobalFlags().count(name) != 0) {
      if (auto bad = ApplyGlobal(options, name, value)) return {std::nullopt, *bad};
    } else if (spec->flags.count(name) != 0) {
      options.flags[name].push_back(value);
    } else {
      return {std::nullopt, "unknown flag --" + name + " for '" + command + "'"};
    }
  }
  if (auto bad = CheckKeys(options)) return {std::nullopt, *bad};
  if (auto bad = CheckIdentity(options, spec->needs_id)) return {std::nullopt, *bad};
  return {options, ""};
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

const char* UsageText() { return kUsage; }

}  // namespace opsroom::nodes::cli
