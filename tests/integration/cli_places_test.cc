// opsroom-node given the room's catalogue files (--places-file,
// --participants-file): a crossing the file adds can be reported at, a code
// the participants file adds is known to the node (a hub without the file
// still refuses it), and a bad file is refused
// naming its line (exit 1) before anything is sent.
#include <fstream>

#include "tests/integration/cli_node_fixture.h"
#include "tests/support/places_files.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::kNewCrossing;

// The hub's own place check is the hub's (hub_config_file_test); here the node's check is under test.
void WithoutHubPlaceCheck(hub::HubConfig& config) { config.check_places = false; }

TEST_F(CliNode, APlacesFileAddsACrossingTheNodeCanReportAt) {
  HubFixture hub(WithoutHubPlaceCheck);
  ASSERT_TRUE(hub.started());
  const std::vector<std::string> alert = {
      "alert",        "--title",          "Van with 9 migrants at the new crossing", "--place", kNewCrossing,
      "--crime-area", "migrant-smuggling"};
  NodeRun built_in = Node(AsNode(hub, "ME-BP", alert));
  EXPECT_EQ(built_in.exit_code, 1) << built_in.out << built_in.err;
  EXPECT_NE(built_in.err.find("UnknownPlace (207)"), std::string::npos) << built_in.err;

  std::ofstream(dir_ / "places.tsv") << opsroom::testing::PlacesWithNewCrossing();
  std::vector<std::string> with_file = {"--places-file", (dir_ / "places.tsv").string()};
  with_file.insert(with_file.end(), alert.begin(), alert.end());
  NodeRun run = Node(AsNode(hub, "ME-BP", with_file));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("hub_seq=1 ", 0), 0u) << run.out;
}

TEST_F(CliNode, ABadPlacesFileIsRefusedNamingItsLine) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  const std::string bad = (dir_ / "bad.tsv").string();
  std::ofstream(bad) << opsroom::testing::PlacesWithABadLine();
  NodeRun run = Node(AsNode(hub, "ME-BP", {"alert", "--title", "x", "--place", kNewCrossing, "--places-file", bad}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "opsroom-node: " + bad + " line " + std::to_string(opsroom::testing::BadPlacesLine()) +
                         ": unknown kind 'harbour' (expected crossing, port, airport or area)\n");
  EXPECT_TRUE(run.out.empty());
  NodeRun simulate = Node({"--places-file", bad, "simulate", "--count", "1", "--outbox", (dir_ / "sim").string()});
  EXPECT_EQ(simulate.exit_code, 1) << "the simulated nodes refuse it too: " << simulate.err;
}

TEST_F(CliNode, AParticipantsFileAddsAParticipant) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  const std::vector<std::string> status = {"--id", "MARRI-RC", "status", "--outbox", (dir_ / "outbox").string()};
  NodeRun built_in = Node(status);
  EXPECT_EQ(built_in.exit_code, 2);
  EXPECT_NE(built_in.err.find("'MARRI' (from --id MARRI-RC) is not a participant code"), std::string::npos)
      << built_in.err;

  std::ofstream(dir_ / "participants.tsv")
      << opsroom::testing::ReadFileText(std::string(OPSROOM_DATA_DIR) + "/participants.tsv")
      << "MARRI\tpartner\tMigration, Asylum, Refugees Regional Initiative\n";
  std::vector<std::string> with_file = {
      "--participants-file", (dir_ / "participants.tsv").string(), "--hub", hub.router_endpoint(), "--fanout",
      hub.pub_endpoint()};
  with_file.insert(with_file.end(), status.begin(), status.end());
  NodeRun run = Node(with_file);
  EXPECT_NE(run.exit_code, 2) << run.err;
  EXPECT_EQ(run.err.find("(from --id MARRI-RC)"), std::string::npos) << "known to the node now: " << run.err;
  EXPECT_NE(run.out.find("outbox"), std::string::npos) << run.out << run.err;
  // The hub was not given the file: it is the one to refuse the code now.
  EXPECT_NE(run.err.find("UnknownParticipant (208)"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace opsroom::nodes
