// opsroom-node operation and sitrep against a real hub (issue 14): a partner
// creates a joint operation from flags (rhythm included), a second Albanian
// agency reports and corrects a period as Albania, a sitrep naming Croatia is
// refused, and wrong arguments say what was expected.
#include <regex>
#include <sstream>

#include "hub/tools/dump_stats.h"
#include "tests/integration/cli_node_fixture.h"

namespace opsroom::nodes {
namespace {

// How often `pattern` occurs in the hub's log (its JSON dump).
int CountInLog(const HubFixture& hub, const std::string& pattern) {
  std::ostringstream dump;
  EXPECT_TRUE(hub::DumpLog(hub.data_dir(), dump).ok);
  std::string text = dump.str();
  std::regex re(pattern);
  return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

TEST_F(CliNode, OperationAndSitrepsFromFlags) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  NodeRun op = Node(AsNode(hub, "EUROPOL-EMSC",
                           {"operation", "--code", "JAD-WB-2026", "--name", "Joint Action Days Western Balkans",
                            "--participants", "AL,HR,EUROPOL", "--crime-areas", "migrant-smuggling,firearms",
                            "--places", "BCP-AL-GR-KAKAVIA,BCP-HR-RS-BAJAKOVO", "--starts", "-1d", "--ends", "+2d",
                            "--phase", "active", "--report-every", "4h"}));
  ASSERT_EQ(op.exit_code, 0) << op.err;
  EXPECT_EQ(op.out, "hub_seq=1 node_seq=1 operation=EUROPOL-EMSC:JAD-WB-2026\n");
  EXPECT_EQ(CountInLog(hub, R"("report_every_minutes":\s*240)"), 1);
  EXPECT_EQ(CountInLog(hub, R"("lead":\s*"EUROPOL")"), 1) << "the lead defaults to the sender's participant";

  auto sitrep = [&](const std::string& persons) {
    return Node(AsNode(hub, "AL-SP",
                       {"sitrep", "--operation", "EUROPOL-EMSC:JAD-WB-2026", "--from", "2026-11-18T06:00:00Z", "--to",
                        "2026-11-18T12:00:00Z", "--persons", persons, "--vehicles", "612", "--seizure",
                        "cannabis:112.5:kg", "--seizure", "cigarettes:40000:pieces"}));
  };
  NodeRun first = sitrep("1840");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "hub_seq=2 node_seq=1 sitrep=EUROPOL-EMSC:JAD-WB-2026 country=AL\n");
  NodeRun correction = sitrep("1800");
  EXPECT_EQ(correction.exit_code, 0) << correction.err;
  EXPECT_EQ(CountInLog(hub, R"("reporting_country":\s*"AL")"), 2);
  EXPECT_EQ(CountInLog(hub, R"("persons_checked":\s*1800)"), 1);

  // The CLI has no way to name another country; a hand-made line that does is refused.
  std::string as_hr = R"({"payload_type": "SitRep", "payload": {"operation_code": "EUROPOL-EMSC:JAD-WB-2026", )"
                      R"("reporting_country": "HR", "persons_checked": 99999, "period_start_ms": )" +
                      std::to_string(WallNowMs() - 3'600'000) + R"(, "period_end_ms": )" +
                      std::to_string(WallNowMs() - 60'000) + "}}\n";
  NodeRun forged = Node(AsNode(hub, "AL-SP", {"send", "--json", "-"}), as_hr);
  EXPECT_EQ(forged.exit_code, 1);
  EXPECT_NE(forged.out.find("error OriginMismatch (302): sitrep.reporting_country HR"), std::string::npos)
      << forged.out << forged.err;
  EXPECT_EQ(CountInLog(hub, R"("reporting_country":\s*"HR")"), 0);
  NodeRun flag =
      Node(AsNode(hub, "AL-SP", {"sitrep", "--operation", "X", "--from", "-1h", "--reporting-country", "HR"}));
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("unknown flag --reporting-country for 'sitrep'"), std::string::npos) << flag.err;
}

TEST_F(CliNode, OperationAndSitrepSayWhatWasExpected) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"operation", "--name", "No code"}, "--code CODE is required"},
      {{"operation", "--code", "X", "--participants", "AL,XX"}, "'XX' is not a participant code"},
      {{"operation", "--code", "X", "--phase", "ongoing"}, "--phase 'ongoing': expected "},
      {{"operation", "--code", "X", "--crime-areas", "piracy"}, "--crime-areas: 'piracy': expected a comma list"},
      {{"operation", "--code", "X", "--report-every", "90s"}, "expected whole minutes up to a week"},
      {{"operation", "--code", "X", "--starts", "tomorrow"}, "--starts 'tomorrow': expected ms since 1970"},
      {{"sitrep", "--from", "-1h"}, "--operation CODE is required"},
      {{"sitrep", "--operation", "X"}, "--from TIME (the period's start) is required"},
      {{"sitrep", "--operation", "X", "--from", "-1h", "--persons", "many"}, "--persons 'many': expected a whole"},
      {{"sitrep", "--operation", "X", "--from", "-1h", "--seizure", "cannabis:lots"}, "expected COMMODITY:QUANTITY"},
      {{"sitrep", "--operation", "X", "--from", "-1h", "--to", "-2h"}, "--to is before --from"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"--id", "AL-SP"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    NodeRun run = Node(args);
    EXPECT_EQ(run.exit_code, 2) << c.expected;
    EXPECT_NE(run.err.find(c.expected), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("usage: opsroom-node"), std::string::npos);
  }
}

}  // namespace
}  // namespace opsroom::nodes
