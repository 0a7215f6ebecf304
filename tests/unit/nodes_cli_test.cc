// opsroom-node's command line: parsing, flag values, the alert, operation and sitrep built from flags.
#include <gtest/gtest.h>

#include "nodes/cli/cli_args.h"
#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"

namespace opsroom::nodes::cli {
namespace {

constexpr int64_t kNow = 1'795'000'000'000;

CliOptions Parse(const std::vector<std::string>& args) {
  ParsedArgs parsed = ParseArgs(args);
  EXPECT_TRUE(parsed.options.has_value()) << parsed.error;
  return parsed.options.value_or(CliOptions{});
}

std::string ParseError(const std::vector<std::string>& args) {
  ParsedArgs parsed = ParseArgs(args);
  EXPECT_FALSE(parsed.options.has_value());
  return parsed.error;
}

TEST(NodesCliArgs, GlobalFlagsBeforeOrAfterTheCommand) {
  CliOptions a = Parse({"--id", "ME-BP", "--hub", "tcp://10.0.0.1:7700", "status"});
  CliOptions b = Parse({"status", "--id=ME-BP", "--hub=tcp://10.0.0.1:7700"});
  EXPECT_EQ(a.command, CommandKind::kStatus);
  EXPECT_EQ(b.command, CommandKind::kStatus);
  EXPECT_EQ(a.node_id, b.node_id);
  EXPECT_EQ(a.hub, b.hub);
  EXPECT_EQ(a.country, "ME");  // from the id's prefix
}

TEST(NodesCliArgs, CountryFromPrefixOrFlag) {
  EXPECT_EQ(Parse({"--id", "EUROPOL-EMSC", "status"}).country, "EUROPOL");
  EXPECT_EQ(Parse({"--id", "XK-BP", "--country", "XK", "status"}).country, "XK");
  EXPECT_NE(ParseError({"--id", "ZZ-BP", "status"}).find("not a participant"), std::string::npos);
}

TEST(NodesCliArgs, WrongUsageSaysWhatWasExpected) {
  EXPECT_NE(ParseError({}).find("COMMAND is required"), std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "launch"}).find("unknown command 'launch'"), std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "alert", "--colour", "red"}).find("unknown flag --colour"), std::string::npos);
  EXPECT_NE(ParseError({"alert", "--title", "x"}).find("--key FILE (a registered node's key; it names the node) is required"),
            std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "alert", "--title"}).find("--title needs a value"), std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "--timeout", "soon", "status"}).find("--timeout"), std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "status", "extra"}).find("unexpected argument"), std::string::npos);
}

TEST(NodesCliArgs, TailAndSimulateNeedNoId) {
  EXPECT_EQ(Parse({"tail", "--from", "5"}).Get("from"), "5");
  EXPECT_EQ(Parse({"simulate", "--rate", "5", "--count", "10"}).Get("count"), "10");
}

TEST(NodesCliArgs, TheOutboxCommandsTakeOutboxAndDefaultPerNode) {
  CliOptions flush = Parse({"--id", "ME-BP", "flush"});
  EXPECT_EQ(flush.command, CommandKind::kFlush);
  EXPECT_EQ(OutboxDirFor(flush), "./var/node-ME-BP");
  for (const char* command : {"alert", "send", "status", "flush"}) {
    EXPECT_EQ(OutboxDirFor(Parse({"--id", "ME-BP", command, "--outbox", "/srv/outbox"})), "/srv/outbox") << command;
  }
  EXPECT_NE(ParseError({"--id", "ME-BP", "tail", "--outbox", "x"}).find("unknown flag --outbox for 'tail'"),
            std::string::npos);
  EXPECT_NE(std::string(UsageText()).find("4 queued"), std::string::npos);
}

TEST(NodesCliArgs, HelpIsNotAnError) {
  EXPECT_EQ(Parse({"--help"}).command, CommandKind::kHelp);
  EXPECT_NE(std::string(UsageText()).find("exit codes"), std::string::npos);
}

TEST(NodesCliArgs, EveryVerbTakesHelp) {
  // "--help" is never taken for a flag's value: it prints the verb's own help.
  for (const char* verb :
       {"alert", "send", "check", "decide", "operation", "sitrep", "tail", "simulate", "status", "flush"}) {
    ParsedArgs parsed = ParseArgs({verb, "--help"});
    ASSERT_TRUE(parsed.options.has_value()) << verb << ": " << parsed.error;
    EXPECT_EQ(parsed.options->command, CommandKind::kHelp) << verb;
    EXPECT_NE(parsed.printed.find(std::string("usage: opsroom-node ") + verb), std::string::npos) << parsed.printed;
    EXPECT_NE(parsed.printed.find("exit codes"), std::string::npos) << verb;
  }
  ParsedArgs alert = ParseArgs({"--id", "ME-BP", "alert", "--title", "x", "--help"});
  EXPECT_NE(alert.printed.find("--crime-area NAME"), std::string::npos) << alert.printed;
  EXPECT_EQ(alert.printed.find("--save-heads"), std::string::npos) << "tail's flags are not alert's";
}

TEST(NodesCliArgs, VersionNamesTheProjectAndTheProtocol) {
  ParsedArgs parsed = ParseArgs({"--version"});
  ASSERT_TRUE(parsed.options.has_value());
  EXPECT_EQ(parsed.options->command, CommandKind::kHelp);
  EXPECT_EQ(parsed.printed.rfind("opsroom-node ", 0), 0u) << parsed.printed;
  EXPECT_NE(parsed.printed.find("(protocol 1)"), std::string::npos) << parsed.printed;
}

TEST(NodesCliArgs, EqualsAndSpaceFormsAreTheSame) {
  CliOptions spaced = Parse({"--id", "ME-BP", "alert", "--title", "Van", "--lat", "-42.5", "--ref", "SIS:A",
                             "--ref", "National:B", "--timeout", "900"});
  CliOptions joined =
      Parse({"--id=ME-BP", "alert", "--title=Van", "--lat=-42.5", "--ref=SIS:A", "--ref=National:B", "--timeout=900"});
  EXPECT_EQ(spaced.flags, joined.flags);
  EXPECT_EQ(joined.Get("lat"), "-42.5") << "a negative number is a value, not a flag";
  EXPECT_EQ(joined.flags.at("ref"), (std::vector<std::string>{"SIS:A", "National:B"})) << "repeatable, in order";
  EXPECT_EQ(joined.timeout_ms, 900);
  EXPECT_EQ(Parse({"--id", "ME-BP", "send", "--json", "-"}).Get("json"), "-") << "- is stdin, not a flag";
}

TEST(NodesCliArgs, ATypoSaysWhatWasExpected) {
  EXPECT_NE(ParseError({"--id", "ME-BP", "alert", "--titel", "x"}).find("unknown flag --titel for 'alert' (did you mean --title?)"),
            std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "alret"}).find("unknown command 'alret' (did you mean alert?)"),
            std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "--hubkey", "x", "status"}).find("did you mean --hub-key?"), std::string::npos);
  EXPECT_NE(ParseError({"--keys", "keys", "simulate"}).find("--keys belongs to 'simulate': write it after the command"),
            std::string::npos)
      << ParseError({"--keys", "keys", "simulate"});
  ParsedArgs parsed = ParseArgs({"--id", "ME-BP", "sitrep", "--operaton", "X"});
  EXPECT_NE(parsed.usage.find("usage: opsroom-node sitrep"), std::string::npos) << "the verb's usage: " << parsed.usage;
}

TEST(NodesCliValues, EnumsIgnoreCaseAndDashes) {
  EXPECT_EQ(ParseCrimeArea("migrant-smuggling"), wire::CrimeArea::MigrantSmuggling);
  EXPECT_EQ(ParseCrimeArea("MigrantSmuggling"), wire::CrimeArea::MigrantSmuggling);
  EXPECT_EQ(ParseSeverity("FLASH"), wire::Severity::Flash);
  EXPECT_EQ(ParseDistribution("restricted"), wire::Distribution::Restricted);
  EXPECT_EQ(ParseReliability("b"), wire::SourceReliability::B);
  EXPECT_EQ(ParseCredibility("2"), wire::InfoCredibility::KnownToSource);
  EXPECT_FALSE(ParseSeverity("extreme").has_value());
  EXPECT_FALSE(ParseCredibility("5").has_value());
}

TEST(NodesCliValues, Times) {
  EXPECT_EQ(ParseTime("now", kNow), kNow);
  EXPECT_EQ(ParseTime("-15m", kNow), kNow - 15 * 60'000);
  EXPECT_EQ(ParseTime("+2h", kNow), kNow + 2 * 3'600'000);
  EXPECT_EQ(ParseTime("1795000000123", kNow), 1'795'000'000'123);
  EXPECT_EQ(ParseTime("2026-11-18T10:30:00Z", kNow), 1'794'997'800'000);
  EXPECT_EQ(ParseTime("2026-11-18T10:30Z", kNow), 1'794'997'800'000);
  EXPECT_FALSE(ParseTime("yesterday", kNow).has_value());
  EXPECT_FALSE(ParseTime("2026-11-18T10:30:00", kNow).has_value());  // no zone: ambiguous
  EXPECT_EQ(ParseDurationMs("90"), 90'000);
  EXPECT_EQ(ParseDurationMs("5m"), 300'000);
}

TEST(NodesCliValues, RefsAndLists) {
  auto ref = ParseRef("SIS:ME-2026-118");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->system, wire::RefSystem::SIS);
  EXPECT_EQ(ref->reference, "ME-2026-118");
  EXPECT_FALSE(ParseRef("ME-2026-118").has_value());
  EXPECT_EQ(SplitList("AL, RS,ME,"), (std::vector<std::string>{"AL", "RS", "ME"}));
}

TEST(NodesCliAlert, FlagsBecomeAnAlert) {
  CliOptions options = Parse({"--id",
                              "ME-BP",
                              "alert",
                              "--severity",
                              "flash",
                              "--crime-area",
                              "migrant-smuggling",
                              "--title",
                              "Van with 14 migrants near Sukobin",
                              "--lat",
                              "42.03",
                              "--lon",
                              "19.41",
                              "--place",
                              "BCP-AL-ME-MURIQAN",
                              "--observed",
                              "-10m",
                              "--expires",
                              "+2h",
                              "--ref",
                              "Siena:SIENA-ME-1",
                              "--ref",
                              "SIS:X-2",
                              "--distribution",
                              "restricted",
                              "--recipients",
                              "ME,AL",
                              "--reliability",
                              "B",
                              "--credibility",
                              "2"});
  std::string error;
  auto spec = AlertFromFlags(options, kNow, &error);
  ASSERT_TRUE(spec.has_value()) << error;
  const auto& alert = std::get<AlertSpec>(spec->payload);
  EXPECT_EQ(alert.severity, wire::Severity::Flash);
  EXPECT_EQ(alert.crime_area, wire::CrimeArea::MigrantSmuggling);
  EXPECT_EQ(alert.position, (LatLon{42.03, 19.41}));
  EXPECT_EQ(alert.observed_at_ms, kNow - 600'000);
  EXPECT_EQ(alert.expires_at_ms, kNow + 7'200'000);
  EXPECT_EQ(alert.references.size(), 2u);
  EXPECT_EQ(spec->header.handling.recipients, (std::vector<std::string>{"ME", "AL"}));
  EXPECT_EQ(spec->header.reliability, wire::SourceReliability::B);
  EXPECT_EQ(spec->header.origin, "ME-BP");
  EXPECT_EQ(spec->header.country, "ME");
}

TEST(NodesCliAlert, MissingOrBadValuesAreExplained) {
  std::string error;
  EXPECT_FALSE(AlertFromFlags(Parse({"--id", "ME-BP", "alert", "--lat", "42", "--lon", "19"}), kNow, &error));
  EXPECT_NE(error.find("--title"), std::string::npos);
  EXPECT_FALSE(AlertFromFlags(Parse({"--id", "ME-BP", "alert", "--title", "x"}), kNow, &error));
  EXPECT_NE(error.find("--place"), std::string::npos);
  EXPECT_FALSE(AlertFromFlags(Parse({"--id", "ME-BP", "alert", "--title", "x", "--lat", "42"}), kNow, &error));
  EXPECT_NE(error.find("--lon"), std::string::npos);
  EXPECT_FALSE(AlertFromFlags(Parse({"--id", "ME-BP", "alert", "--title", "x", "--place", "P", "--severity", "big"}),
                              kNow, &error));
  EXPECT_NE(error.find("Routine|Priority|Urgent|Flash"), std::string::npos);
}

TEST(NodesCliArgs, KeyFlagsGoTogetherAndTheIdComesFromTheKeyFile) {
  CliOptions keyed = Parse({"--key", "keys/ME-BP.key", "--hub-key", "var/hub/keys/hub.pub", "alert", "--title", "x"});
  EXPECT_EQ(keyed.key_file, "keys/ME-BP.key");
  EXPECT_EQ(keyed.hub_key, "var/hub/keys/hub.pub");
  EXPECT_TRUE(keyed.node_id.empty()) << "the id is taken from the file once LoadKeys has read it";
  EXPECT_NE(ParseError({"--key", "keys/ME-BP.key", "status"}).find("go together"), std::string::npos);
  EXPECT_NE(ParseError({"--id", "ME-BP", "--hub-key", "hub.pub", "status"}).find("go together"), std::string::npos);
  EXPECT_NE(ParseError({"simulate", "--key", "a.key", "--hub-key", "h.pub"}).find("--keys DIR"), std::string::npos);
  EXPECT_NE(ParseError({"simulate", "--keys", "keys"}).find("go together"), std::string::npos);
  EXPECT_EQ(Parse({"simulate", "--keys", "keys", "--hub-key", "h.pub"}).keys_dir, "keys");
  EXPECT_NE(ParseError({"--id", "ME-BP", "--role", "admin", "status"}).find("--role"), std::string::npos);
}

TEST(NodesCliArgs, RoleFromTheParticipantUnlessGiven) {
  EXPECT_EQ(RoleFor(Parse({"--id", "ME-BP", "status"})), wire::ClientRole::NationalNode);
  EXPECT_EQ(RoleFor(Parse({"--id", "EUROPOL-EMSC", "status"})), wire::ClientRole::PartnerAgency);
  EXPECT_EQ(RoleFor(Parse({"--id", "OPSROOM-DUTY", "status"})), wire::ClientRole::Console);
  EXPECT_EQ(RoleFor(Parse({"--id", "OPSROOM-PLAN", "--role", "planner", "status"})), wire::ClientRole::Planner);
}

TEST(NodesCliArgs, LoadKeysExplainsAMissingFile) {
  CliOptions options = Parse({"--key", "/nonexistent/ME-BP.key", "--hub-key", "/nonexistent/hub.pub", "status"});
  std::string error = LoadKeys(&options);
  EXPECT_NE(error.find("cannot read key file /nonexistent/ME-BP.key"), std::string::npos) << error;
  EXPECT_FALSE(options.curve.enabled());
}

// operation and sitrep (issue 14): a sitrep always reports for the node's own participant.
TEST(NodesCliOperation, EveryFieldFromFlags) {
  std::string error;
  auto spec = OperationFromFlags(Parse({"--id",
                                        "EUROPOL-EMSC",
                                        "operation",
                                        "--code",
                                        "JAD-WB-2026",
                                        "--name",
                                        "JAD",
                                        "--participants",
                                        "AL, HR,EUROPOL",
                                        "--crime-areas",
                                        "firearms,migrant-smuggling",
                                        "--places",
                                        "BCP-AL-GR-KAKAVIA",
                                        "--starts",
                                        "-1h",
                                        "--ends",
                                        "+2d",
                                        "--phase",
                                        "active",
                                        "--report-every",
                                        "4h"}),
                                 kNow, &error);
  ASSERT_TRUE(spec) << error;
  const auto& op = std::get<JointOperationSpec>(spec->payload);
  EXPECT_EQ(op.code, "JAD-WB-2026");
  EXPECT_EQ(op.lead, "EUROPOL") << "the sender's participant by default";
  EXPECT_EQ(op.participants, (std::vector<std::string>{"AL", "HR", "EUROPOL"}));
  EXPECT_EQ(op.crime_areas,
            (std::vector<wire::CrimeArea>{wire::CrimeArea::Firearms, wire::CrimeArea::MigrantSmuggling}));
  EXPECT_EQ(op.place_codes, (std::vector<std::string>{"BCP-AL-GR-KAKAVIA"}));
  EXPECT_EQ(op.starts_at_ms, kNow - 3'600'000);
  EXPECT_EQ(op.ends_at_ms, kNow + 2 * 86'400'000);
  EXPECT_EQ(op.phase, wire::OperationPhase::Active);
  EXPECT_EQ(op.report_every_minutes, 240u);
  EXPECT_EQ(spec->header.origin, "EUROPOL-EMSC");
}

TEST(NodesCliOperation, TheAreaIsAPolygonOfAtLeastThreePoints) {
  std::string error;
  auto spec = OperationFromFlags(
      Parse({"--id", "OPSROOM-PLAN", "operation", "--code", "DRINO", "--area", "40.25,19.95;40.25,20.45; 39.85,20.55"}),
      kNow, &error);
  ASSERT_TRUE(spec) << error;
  const auto& op = std::get<JointOperationSpec>(spec->payload);
  ASSERT_EQ(op.area.size(), 3u);
  EXPECT_DOUBLE_EQ(op.area[2].lat, 39.85);
  EXPECT_DOUBLE_EQ(op.area[2].lon, 20.55);
  EXPECT_FALSE(OperationFromFlags(Parse({"--id", "OPSROOM-PLAN", "operation", "--code", "D", "--area", "40,19;41,20"}), kNow, &error));
  EXPECT_NE(error.find("--area has 2 point(s)"), std::string::npos) << error;
  EXPECT_FALSE(OperationFromFlags(Parse({"--id", "OPSROOM-PLAN", "operation", "--code", "D", "--area", "40,19;41;42,20"}), kNow, &error));
  EXPECT_NE(error.find("'41' is not LAT,LON"), std::string::npos) << error;
  EXPECT_FALSE(OperationFromFlags(Parse({"--id", "OPSROOM-PLAN", "operation", "--code", "D", "--area", "40,19;91,20;42,20"}), kNow, &error));
  EXPECT_NE(error.find("'91,20'"), std::string::npos) << error;
}

TEST(NodesCliOperation, ASitrepReportsForTheNodesOwnCountry) {
  std::string error;
  auto spec = SitRepFromFlags(Parse({"--id", "AL-SP", "sitrep", "--operation", "EUROPOL-EMSC:JAD", "--from", "-6h",
                                     "--persons", "1840", "--refusals", "9", "--seizure", "cannabis:112.5:kg",
                                     "--seizure", "Cigarettes:40000:Pieces", "--remarks", "mixed patrols"}),
                              kNow, &error);
  ASSERT_TRUE(spec) << error;
  const auto& s = std::get<SitRepSpec>(spec->payload);
  EXPECT_EQ(s.reporting_country, "AL");
  EXPECT_EQ(spec->header.country, "AL");
  EXPECT_EQ(s.period_start_ms, kNow - 6 * 3'600'000);
  EXPECT_EQ(s.period_end_ms, kNow) << "the period ends now by default";
  EXPECT_EQ(s.persons_checked, 1840u);
  EXPECT_EQ(s.refusals_of_entry, 9u);
  ASSERT_EQ(s.seizures.size(), 2u);
  EXPECT_EQ(s.seizures[0], (SeizureSpec{wire::Commodity::Cannabis, 112.5, wire::Unit::Kilograms}));
  EXPECT_EQ(s.seizures[1], (SeizureSpec{wire::Commodity::Cigarettes, 40000, wire::Unit::Pieces}));
  EXPECT_EQ(s.remarks, "mixed patrols");
  EXPECT_FALSE(ParseArgs({"--id", "AL-SP", "sitrep", "--reporting-country", "HR"}).options) << "no such flag";
}

}  // namespace
}  // namespace opsroom::nodes::cli
