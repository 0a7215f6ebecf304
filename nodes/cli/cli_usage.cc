#include "nodes/cli/cli_usage.h"

#include "cli/command_line.h"

namespace opsroom::nodes::cli {

namespace {

constexpr const char* kDescription =
    "Talks to an opsroom hub as a national node, e.g. ME-BP (Montenegro border police): publishes\n"
    "alerts, checks, hit decisions, operations and sitreps through a durable outbox, and tails the\n"
    "room's committed events. Global options go before or after the COMMAND; every COMMAND takes\n"
    "--help. Without --key the link is plain text: only a hub started with --insecure answers.";

constexpr const char* kFooter =
    "TIME: now, ms since 1970, an ISO 8601 time with its zone (2026-11-18T10:30:00Z, 2026-11-18T10:30Z,\n"
    "  2026-11-18T11:30:00+01:00), or relative to now: -15m, +2h, +1d, +1h30m, +PT2H.\n"
    "\n"
    "the outbox: alert, send, check, decide, operation, sitrep, flush and status take --outbox DIR\n"
    "  (default ./var/node-<ID>), the node's durable outbox (RocksDB). Each message is written there,\n"
    "  synced, before it is sent; everything pending is then delivered in node_seq order and the\n"
    "  command waits up to --timeout for the acks.\n"
    "\n"
    "exit codes: 0 ok, 1 refused or failed, 2 wrong usage, 3 hub unreachable (tail, simulate, status),\n"
    "  4 queued: written to the outbox but not yet acknowledged; the next alert, send or\n"
    "  `opsroom-node flush` delivers it";

constexpr const char* kVerbFooter =
    "The global options (--id, --key, --hub-key, --hub, --timeout, ...) go before or after the COMMAND:\n"
    "see `opsroom-node --help`.\n\n";

// Flags that several verbs share.
const FlagHelp kOutbox{"outbox", "DIR", "the node's durable outbox (default ./var/node-<ID>)"};
const std::vector<FlagHelp> kHandling = {
    {"distribution", "CODE", "public, limited or restricted (handling code)"},
    {"recipients", "LIST", "who may see a limited or restricted message: AL,RS,EUROPOL,..."},
    {"reliability", "A|B|C|X", "the source's reliability"},
    {"credibility", "1-4", "the information's credibility"},
};

std::vector<FlagHelp> With(std::vector<FlagHelp> flags, bool handling, bool outbox) {
  if (handling) flags.insert(flags.end(), kHandling.begin(), kHandling.end());
  if (outbox) flags.push_back(kOutbox);
  return flags;
}

std::vector<VerbHelp> MakeVerbs() {
  std::vector<VerbHelp> verbs;
  verbs.push_back({"alert", CommandKind::kAlert, true,
                   "publish one alert through the outbox; prints its hub sequence once acknowledged",
                   With({{"title", "TEXT", "the alert's title (required)"},
                         {"lat", "DEG", "latitude; --lat and --lon and/or --place are required"},
                         {"lon", "DEG", "longitude"},
                         {"place", "CODE", "a place of data/places.tsv (or --places-file), e.g. BCP-ME-AL-SUKOBIN"},
                         {"severity", "LEVEL", "routine, priority, urgent or flash"},
                         {"crime-area", "NAME", "e.g. migrant-smuggling"},
                         {"body", "TEXT", "the alert's text"},
                         {"observed", "TIME", "when it was seen (default now)"},
                         {"expires", "TIME", "when it stops being relevant"},
                         {"operation", "CODE", "the joint operation it belongs to"},
                         {"ref", "SYSTEM:REF",
                          "a reference, repeatable; SIS, InterpolNotice, InterpolDiffusion, Siena, National, Other"},
                         {"alert-id", "ID", "default <NODE>:A<node_seq>"}},
                        true, true)});
  verbs.push_back(
      {"send", CommandKind::kSend, true,
       "publish many messages through the outbox; prints \"<line> ok hub_seq=N\", \"<line> ok hub_seq=N "
       "duplicate\", \"<line> queued node_seq=N\" or \"<line> error <Reason> (<code>): text\" per input line, "
       "in order, as the hub answers; progress on stderr if a terminal",
       With({{"json", "FILE|-",
              "Envelopes, one JSON line each (docs/protocol.md section 12); origin, country, node_seq, "
              "message_id and sent_at_ms are filled in when absent"},
             {"csv", "FILE|-",
              "one message per spreadsheet row; the header row names the columns (docs/import.md)"},
             {"kind", "alert|watchlist", "what the --csv rows are"}},
            false, true)});
  verbs.push_back(
      {"check", CommandKind::kCheck, true,
       "publish one Check (docs/protocol.md section 14): who or what was seen, where, when; a VIN, IMO or "
       "container number with a wrong check digit is refused here (exit 1)",
       With({{"person", "NAME", "a person's name, any script (at least one of person, plate, vin, imo, "
                                "container, phone)"},
             {"dob", "YYYY[-MM[-DD]]", "the person's date of birth"},
             {"nationality", "CC", "the person's nationality"},
             {"document", "NUMBER", "the person's travel document"},
             {"plate", "TEXT", "a vehicle's registration plate"},
             {"vin", "VIN", "a vehicle identification number"},
             {"imo", "IMO", "a ship's IMO number"},
             {"container", "ISO6346", "a container number"},
             {"phone", "NUMBER", "a phone number"},
             {"place", "CODE", "where (--place and/or --lat --lon are required)"},
             {"lat", "DEG", "latitude"},
             {"lon", "DEG", "longitude"},
             {"unit", "TEXT", "the unit that checked"},
             {"checked", "TIME", "when (default now)"},
             {"check-id", "ID", "default <NODE>:C<node_seq>"}},
            true, true)});
  verbs.push_back({"decide", CommandKind::kDecide, true,
                   "confirm or reject a hit (the entry's owner or the room); a rejected pair is not raised again; "
                   "Restricted to this node's participant unless --distribution/--recipients say otherwise",
                   With({{"hit", "H<SEQ>", "the hit (required)"},
                         {"verdict", "confirm|reject", "the decision (required)"},
                         {"actor", "NAME", "who decided"},
                         {"comment", "TEXT", "why"}},
                        true, true)});
  verbs.push_back(
      {"operation", CommandKind::kOperation, true,
       "create a joint operation, or replace it with a new version (give every field again)",
       With({{"code", "CODE", "required; the room names it <NODE>:CODE"},
             {"name", "TEXT", "the operation's name"},
             {"lead", "CODE", "the leading participant (default: this node's)"},
             {"participants", "LIST", "AL,HR,EUROPOL,..."},
             {"crime-areas", "LIST", "NAME,NAME"},
             {"places", "LIST", "places of data/places.tsv (or --places-file): CODE,CODE"},
             {"starts", "TIME", "start"},
             {"ends", "TIME", "end"},
             {"phase", "PHASE", "planned, briefing, active, debriefing or closed (default planned)"},
             {"report-every", "DURATION", "a sitrep due from each participant, e.g. 4h (default none)"},
             {"area", "POLYGON", "the operation's polygon, \"LAT,LON;LAT,LON;LAT,LON\" (at least 3 points)"}},
            true, true)});
  verbs.push_back(
      {"sitrep", CommandKind::kSitRep, true,
       "one situation report for this node's own participant (never another's); the same --from and --to "
       "again is a correction: it replaces that period's figures",
       With({{"operation", "CODE", "required; <NODE>:CODE for another node's operation"},
             {"from", "TIME", "the period's start (required)"},
             {"to", "TIME", "the period's end (default now)"},
             {"persons", "N", "persons arrested"},
             {"vehicles", "N", "vehicles seized"},
             {"migrants", "N", "migrants found"},
             {"facilitators", "N", "facilitators arrested"},
             {"victims", "N", "victims identified"},
             {"other-arrests", "N", "other arrests"},
             {"refusals", "N", "refusals of entry"},
             {"seizure", "COMMODITY:QUANTITY:UNIT", "repeatable, e.g. cannabis:112.5:kg"},
             {"remarks", "TEXT", "free text"}},
            true, true)});
  verbs.push_back(
      {"tail", CommandKind::kTail, false, "print committed events as JSON lines",
       {{"from", "SEQ", "start at this hub sequence (default: live only)"},
        {"count", "N", "stop after N events"},
        {"show", "hits", "only the hits this node receives, one line each (hit id, copy, entry, score, action, "
                         "answer-by, what was seen where, why)"},
        {"save-heads", "FILE",
         "append each new signed audit head (JSON line) for `opsroom-hub audit --verify --heads FILE`; a "
         "refused head is said on stderr (and kept in FILE as \"refused ...\" when signed); FILE's last head is "
         "held to at start"},
        {"audit-key", "FILE|HEX", "the hub's audit.pub (default: the key of the first head seen)"}}});
  verbs.push_back(
      {"simulate", CommandKind::kSimulate, false,
       "realistic traffic from the simulated national nodes and partners (AL-BP BA-BP HR-BP XK-BP ME-BP MK-BP "
       "RS-BP ME-CU AL-CU HR-CU EUROPOL-EMSC FRONTEX-JOC)",
       {{"rate", "MSGS_PER_S", "default 20; 0: as fast as acks allow"},
        {"count", "N", "exit 0 once N are acknowledged"},
        {"seed", "N", "default 1"},
        {"duration", "DURATION", "SECONDS, or 30s, 5m, 1h, 1h30m, PT1H"},
        {"keys", "DIR", "with --hub-key: CurveZMQ, each agency with its own DIR/<NODE_ID>.key"},
        {"outbox", "DIR", "each agency's durable outbox, DIR/<NODE_ID> (default ./var/simulate); what a run leaves "
                          "goes first in the next"}}});
  verbs.push_back({"status", CommandKind::kStatus, true,
                   "the outbox (pending, oldest, last ack), even with the hub down; then what the hub knows of "
                   "this node (last node_seq, hub sequence, its node table row) when reachable",
                   {kOutbox}});
  verbs.push_back({"flush", CommandKind::kFlush, true,
                   "deliver everything pending in the outbox, in order; exit 0 once it is empty", {kOutbox}});
  return verbs;
}

}  // namespace

const std::vector<VerbHelp>& Verbs() {
  static const std::vector<VerbHelp> k = MakeVerbs();
  return k;
}

const std::vector<FlagHelp>& GlobalFlags() {
  static const std::vector<FlagHelp> k = {
      {"id", "NODE", "node id <PARTICIPANT>-<AGENCY>, e.g. ME-BP, RS-CU, EUROPOL-EMSC (default with --key: the "
                     "key file's name, ME-BP.key: ME-BP)"},
      {"country", "CODE", "participant code (default: the id's prefix, ME for ME-BP)"},
      {"hub", "ENDPOINT[,ENDPOINT...]",
       "the hub's ROUTER (default tcp://127.0.0.1:7700); a cluster: every hub, comma-separated "
       "(tcp://a:7700,tcp://b:7700,tcp://c:7700)"},
      {"fanout", "ENDPOINT", "the hub's PUB (default: the hub's port + 1)"},
      {"timeout", "MS", "how long to wait for the hub (default 5000)"},
      {"key", "FILE", "this node's secret key (opsroom-keys new --name NODE makes NODE.key): CurveZMQ"},
      {"hub-key", "FILE|z85:KEY", "the hub's public key (its hub.pub, e.g. var/hub/keys/hub.pub); needed with --key"},
      {"role", "ROLE", "national, partner, console or planner, as registered for the key (default: from the "
                       "participant: ME national, EUROPOL partner, OPSROOM console)"},
      {"places-file", "FILE", "the room's places, the format of data/places.tsv (default: the copy built in); "
                              "a bad file is refused naming its line (exit 1)"},
      {"participants-file", "FILE", "the room's participants, the format of data/participants.tsv (default: the "
                                    "copy built in)"},
  };
  return k;
}

std::unique_ptr<CLI::App> BuildApp() {
  auto app = std::make_unique<CLI::App>(kDescription);
  opsroom::cli::Prepare(*app, "opsroom-node");
  app->footer(kFooter);
  for (const FlagHelp& flag : GlobalFlags()) {
    opsroom::cli::AddValue(*app, std::string("--") + flag.name, flag.value, flag.text)->group("Global options");
  }
  for (const VerbHelp& verb : Verbs()) {
    CLI::App* sub = app->add_subcommand(verb.name, verb.summary);
    sub->group("Commands");
    sub->fallthrough();  // the global options after the verb too
    sub->footer(std::string(kVerbFooter) + kFooter);
    for (const FlagHelp& flag : verb.flags) {
      opsroom::cli::AddValue(*sub, std::string("--") + flag.name, flag.value, flag.text);
    }
  }
  app->add_subcommand("help", "print this help")->group("Commands");
  app->require_subcommand(0, 1);
  return app;
}

}  // namespace opsroom::nodes::cli
