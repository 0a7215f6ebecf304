// The real opsroom-node binary against a real hub: what an operator or a
// script sees (output lines and exit codes).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "nodes/client/zmq_link.h"
#include "tests/integration/cli_node_fixture.h"
#include "tests/integration/hub_data_copy.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::HubFixture;

TEST_F(CliNode, AlertPrintsItsHubSequence) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  NodeRun first = Node(AsNode(hub, "ME-BP",
                              {"alert", "--severity", "flash", "--crime-area", "migrant-smuggling", "--title",
                               "Van with 14 migrants hidden behind pallets, heading for Sukobin", "--lat", "42.03",
                               "--lon", "19.41", "--place", "BCP-AL-ME-MURIQAN"}));
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "hub_seq=1 node_seq=1 alert_id=ME-BP:A1\n");
  NodeRun second = Node(AsNode(hub, "AL-BP",
                               {"alert", "--title", "Cigarettes in a truck at Kakavijë", "--place", "BCP-AL-GR-KAKAVIA",
                                "--crime-area", "ExciseGoods"}));
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "hub_seq=2 node_seq=1 alert_id=AL-BP:A1\n");
}

TEST_F(CliNode, AlertRefusedPrintsTheReasonAndExits1) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  NodeRun run = Node(AsNode(hub, "ME-BP", {"alert", "--title", "Somewhere", "--place", "BCP-NOWHERE"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("UnknownPlace (207)"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

TEST_F(CliNode, SendJsonPrintsOneResultPerLine) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::string now = std::to_string(WallNowMs() - 60'000);
  std::string input =
      R"({"payload_type": "Alert", "payload": {"alert_id": "ME-BP:A-7", "title": "Container with cigarettes at Bar", "place_code": "PORT-ME-BAR", "observed_at_ms": )" +
      now + "}}\n" +
      R"({"payload_type": "Alert", "payload": {"alert_id": "ME-BP:A-8", "title": "Nowhere", "place_code": "BCP-NOWHERE", "observed_at_ms": )" +
      now + "}}\n" + "this is not JSON\n";
  std::ofstream(dir_ / "lines.jsonl") << input;
  NodeRun from_file = Node(AsNode(hub, "ME-BP", {"send", "--json", (dir_ / "lines.jsonl").string()}));
  EXPECT_EQ(from_file.exit_code, 1);
  auto lines = Lines(from_file.out);
  ASSERT_EQ(lines.size(), 3u) << from_file.out << from_file.err;
  EXPECT_EQ(lines[0], "1 ok hub_seq=1");
  EXPECT_EQ(lines[1].rfind("2 error UnknownPlace (207): ", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("3 error Malformed (100): JSON", 0), 0u) << lines[2];

  // The same first line again from stdin: the hub holds that report already,
  // so it is acknowledged as a duplicate of its version, not stored again.
  NodeRun from_stdin = Node(AsNode(hub, "ME-BP", {"send", "--json", "-"}), Lines(input)[0] + "\n");
  EXPECT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  EXPECT_EQ(from_stdin.out, "1 ok hub_seq=1 duplicate\n");
  // Changed, it is a new version.
  std::string changed = Lines(input)[0];
  changed.replace(changed.find("Container"), 9, "Crate");
  NodeRun new_version = Node(AsNode(hub, "ME-BP", {"send", "--json", "-"}), changed + "\n");
  EXPECT_EQ(new_version.out, "1 ok hub_seq=2\n") << new_version.err;
}

TEST_F(CliNode, WrongUsageExits2WithTheUsage) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--id", "ME-BP", "alert", "--colour", "red"},
                                               {"--id", "ME-BP"},
                                               {"launch"},
                                               {"--id", "ME-BP", "alert", "--title", "no place"},
                                               {"--id", "ME-BP", "send"}}) {
    NodeRun run = Node(args);
    EXPECT_EQ(run.exit_code, 2) << args.back();
    EXPECT_NE(run.err.find("usage: opsroom-node"), std::string::npos) << run.err;
  }
}

TEST_F(CliNode, HelpOnAVerbVersionAndATypoAsAScriptSeesThem) {
  NodeRun help = Node({"--id", "ME-BP", "check", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("usage: opsroom-node check"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--container ISO6346"), std::string::npos) << help.out;
  EXPECT_EQ(help.err, "");
  NodeRun version = Node({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("opsroom-node ", 0), 0u) << version.out;
  NodeRun typo = Node({"--id=ME-BP", "alert", "--title=x", "--plcae=BCP-ME-AL-SUKOBIN"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown flag --plcae for 'alert' (did you mean --place?)"), std::string::npos) << typo.err;
  EXPECT_NE(typo.err.find("usage: opsroom-node alert"), std::string::npos) << typo.err;
  EXPECT_EQ(typo.out, "");
}

TEST_F(CliNode, UnreachableHubExits3WithinTheBoundedWait) {
  std::string endpoint;
  {
    zmq::context_t context;
    zmq::socket_t probe(context, zmq::socket_type::router);
    probe.bind("tcp://127.0.0.1:*");
    endpoint = probe.get(zmq::sockopt::last_endpoint);
  }  // closed: nothing listens there now
  for (const char* command : {"status", "tail"}) {
    NodeRun run = Node({"--id", "ME-BP", "--hub", endpoint, "--timeout", "1000", command});
    EXPECT_EQ(run.exit_code, 3) << command << ": " << run.err;
    EXPECT_NE(run.err.find("unreachable"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(endpoint), std::string::npos) << run.err;
    EXPECT_LT(run.elapsed_ms, 10'000) << command;
  }
}

TEST_F(CliNode, TailPrintsEventsAsJsonLines) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(
        Node(AsNode(hub, "RS-BP", {"alert", "--title", "Group of migrants near Horgoš", "--place", "BCP-HU-RS-HORGOS"}))
            .exit_code,
        0);
  }
  NodeRun run =
      Node({"--hub", hub.router_endpoint(), "--fanout", hub.pub_endpoint(), "tail", "--from", "2", "--count", "2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  auto lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  EXPECT_NE(lines[0].find("\"hub_seq\": 2"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("\"hub_seq\": 3"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("\"origin\": \"RS-BP\""), std::string::npos) << lines[1];
}

TEST_F(CliNode, SimulateExits0OnceAllAreAcknowledged) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  NodeRun run = Node(AsNode(hub, "OPSROOM-SIM", {"simulate", "--count", "300", "--rate", "0", "--seed", "4"}), "", 60);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("all 300 acknowledged"), std::string::npos) << run.out;
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), 300);
}

TEST_F(CliNode, StatusShowsWhatTheHubHoldsOfTheNode) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  ASSERT_EQ(Node(AsNode(hub, "HR-BP", {"alert", "--title", "Stolen car at Bajakovo", "--place", "BCP-HR-RS-BAJAKOVO"}))
                .exit_code,
            0);
  NodeRun run = Node(AsNode(hub, "HR-BP", {"status"}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("last node_seq held by the hub: 1 (next message: 2)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("hub sequence: 1"), std::string::npos) << run.out;
}

TEST_F(CliNode, AlertsWithTheHubDownAreQueuedAndDeliveredInOrderByTheNextAlert) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  hub.Stop();
  for (int i = 1; i <= 2; ++i) {
    NodeRun queued = Node(
        AsNode(hub, "ME-BP", {"--timeout", "1000", "alert", "--title", "Boat near Bar", "--place", "PORT-ME-BAR"}));
    EXPECT_EQ(queued.exit_code, 4) << queued.err;
    EXPECT_EQ(queued.out, "queued node_seq=" + std::to_string(i) + " alert_id=ME-BP:A" + std::to_string(i) + "\n");
    EXPECT_NE(queued.err.find("opsroom-node flush"), std::string::npos) << queued.err;
  }
  NodeRun down = Node(AsNode(hub, "ME-BP", {"--timeout", "1000", "status"}));
  EXPECT_EQ(down.exit_code, 3) << down.err;
  EXPECT_NE(down.out.find("pending: 2, oldest node_seq 1"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("last ack: none yet"), std::string::npos) << down.out;

  ASSERT_TRUE(hub.Restart());
  NodeRun third = Node(AsNode(hub, "ME-BP", {"alert", "--title", "Third boat", "--place", "PORT-ME-BAR"}));
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(third.out, "hub_seq=3 node_seq=3 alert_id=ME-BP:A3\n");
  EXPECT_NE(third.err.find("earlier node_seq 1: hub_seq=1"), std::string::npos) << third.err;
  EXPECT_NE(third.err.find("earlier node_seq 2: hub_seq=2"), std::string::npos) << third.err;
  NodeRun up = Node(AsNode(hub, "ME-BP", {"status"}));
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("pending: 0"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("last ack: node_seq 3 hub_seq 3, "), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("last node_seq held by the hub: 3"), std::string::npos) << up.out;
}

TEST_F(CliNode, FlushDeliversWhatSendQueuedWhileTheHubWasDown) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  hub.Stop();
  std::string line =
      R"({"payload_type": "Alert", "payload": {"alert_id": "ME-BP:Q-1", "title": "Queued", "place_code": "PORT-ME-BAR", "observed_at_ms": )" +
      std::to_string(WallNowMs() - 60'000) + "}}\n";
  std::string other = line;  // another report (the same one again would be a held copy)
  other.replace(other.find("Q-1"), 3, "Q-2");
  NodeRun queued =
      Node(AsNode(hub, "ME-BP", {"--timeout", "1000", "send", "--json", "-"}), line + "not JSON\n" + other);
  EXPECT_EQ(queued.exit_code, 1) << "a malformed line is a failure even when others are queued";
  auto lines = Lines(queued.out);
  ASSERT_EQ(lines.size(), 3u) << queued.out;
  EXPECT_EQ(lines[0], "1 queued node_seq=1");
  EXPECT_EQ(lines[1].rfind("2 error Malformed (100)", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "3 queued node_seq=2");
  NodeRun still_down = Node(AsNode(hub, "ME-BP", {"--timeout", "1000", "flush"}));
  EXPECT_EQ(still_down.exit_code, 4) << still_down.err;

  ASSERT_TRUE(hub.Restart());
  NodeRun flushed = Node(AsNode(hub, "ME-BP", {"flush"}));
  EXPECT_EQ(flushed.exit_code, 0) << flushed.err;
  EXPECT_EQ(flushed.out.rfind("delivered 2 of 2, 0 pending; last ack node_seq 2 hub_seq 2", 0), 0u) << flushed.out;
  NodeRun again = Node(AsNode(hub, "ME-BP", {"flush"}));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.rfind("delivered 0 of 0, 0 pending", 0), 0u) << again.out;
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), 2);
}

TEST_F(CliNode, StatusAndTheNextAlertRaiseReportsAHubLostInARestore) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  auto alert = [&] {
    return Node(AsNode(hub, "ME-BP", {"alert", "--title", "Boat near Bar", "--place", "PORT-ME-BAR"}));
  };
  for (int i = 0; i < 2; ++i) ASSERT_EQ(alert().exit_code, 0);
  hub.Stop();
  testing::CopyHubData(hub.data_dir(), dir_ / "hub-copy");  // the backup: node_seq 1..2
  ASSERT_TRUE(hub.Restart());
  for (int i = 0; i < 2; ++i) ASSERT_EQ(alert().exit_code, 0);  // node_seq 3..4, acknowledged
  hub.Stop();
  testing::RestoreHubData(dir_ / "hub-copy", hub.data_dir());
  ASSERT_TRUE(hub.RestartAfterRestore());

  NodeRun seen = Node(AsNode(hub, "ME-BP", {"status"}));
  EXPECT_EQ(seen.exit_code, 0) << seen.err;
  EXPECT_NE(seen.out.find("HUB LOSS: the hub holds node_seq up to 2 but acknowledged up to 4"), std::string::npos)
      << seen.out;
  NodeRun next = alert();
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_EQ(next.out, "hub_seq=3 node_seq=5 alert_id=ME-BP:A5\n");
  EXPECT_NE(next.err.find("WARNING"), std::string::npos) << next.err;
  EXPECT_NE(next.err.find("lost 2 acknowledged report(s) after a restore: node_seq 3..4"), std::string::npos)
      << next.err;
  NodeRun recorded = Node(AsNode(hub, "ME-BP", {"status"}));
  EXPECT_NE(recorded.out.find("HUB LOSS: the hub lost 2 acknowledged report(s)"), std::string::npos) << recorded.out;
}

TEST_F(CliNode, CheckRaisesAHitThatTailShowsAndTheOwnerRejects) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  std::string entry =
      R"({"payload_type": "WatchlistEntry", "payload": {"entry_id": "RS-BP:W-1", "revision": 1, "kind": "Person",)"
      R"( "name_original": "Шћепановић Марко", "date_of_birth": "1984-03-02", "reason": "smuggling organiser",)"
      R"( "action": "Arrest"}})";
  NodeRun sent = Node(AsNode(hub, "RS-BP", {"send", "--json", "-"}), entry + "\n");
  ASSERT_EQ(sent.exit_code, 0) << sent.out << sent.err;
  NodeRun check = Node(AsNode(hub, "HR-BP",
                              {"check", "--person", "Marko Šćepanović", "--dob", "1984-03-02", "--place",
                               "BCP-HR-RS-BAJAKOVO", "--plate", "ZG 1234-AB", "--unit", "lane 3"}));
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out, "hub_seq=2 node_seq=1 check_id=HR-BP:C1\n");

  NodeRun tail = Node({"--hub", hub.router_endpoint(), "--fanout", hub.pub_endpoint(), "tail", "--from", "1", "--count",
                       "1", "--show", "hits"});
  EXPECT_EQ(tail.exit_code, 0) << tail.err;
  auto lines = Lines(tail.out);
  ASSERT_EQ(lines.size(), 1u) << tail.out;
  EXPECT_EQ(lines[0].rfind("HIT H3 Full hub_seq=3 entry=RS-BP:W-1 rev=1 score=", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("action=Arrest"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("'Marko Šćepanović'"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find(" why=tokens:Agreed"), std::string::npos) << lines[0];

  NodeRun not_mine = Node(AsNode(hub, "ME-BP", {"decide", "--hit", "H3", "--verdict", "reject"}));
  EXPECT_EQ(not_mine.exit_code, 1);
  EXPECT_NE(not_mine.err.find("NotOwner (305)"), std::string::npos) << not_mine.err;
  NodeRun reject = Node(AsNode(hub, "RS-BP", {"decide", "--hit", "H3", "--verdict", "reject", "--actor", "SIRENE RS"}));
  EXPECT_EQ(reject.exit_code, 0) << reject.err;
  EXPECT_EQ(reject.out, "hub_seq=4 node_seq=2 hit_id=H3 verdict=reject\n");
  NodeRun again = Node(AsNode(
      hub, "HR-BP", {"check", "--person", "Scepanovic Marko", "--dob", "1984-03-02", "--place", "BCP-HR-RS-BAJAKOVO"}));
  EXPECT_EQ(again.out, "hub_seq=5 node_seq=2 check_id=HR-BP:C2\n") << "no hit: the pair was rejected";
}

TEST_F(CliNode, CheckWithAWrongCheckDigitIsRefusedAtTheNode) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  for (const std::vector<std::string>& what : {std::vector<std::string>{"--container", "CSQU3054384"},
                                               {"--vin", "1M8GDM9AYKP042788"},
                                               {"--imo", "IMO 9074728"}}) {
    std::vector<std::string> args = {"check", "--place", "PORT-ME-BAR"};
    args.insert(args.end(), what.begin(), what.end());
    NodeRun run = Node(AsNode(hub, "ME-CU", args));
    EXPECT_EQ(run.exit_code, 1) << what[1];
    EXPECT_NE(run.err.find("refused before sending: CheckDigit (211)"), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
  NodeRun good = Node(AsNode(hub, "ME-CU", {"check", "--place", "PORT-ME-BAR", "--container", "CSQU 305438 3"}));
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_EQ(good.out, "hub_seq=1 node_seq=1 check_id=ME-CU:C1\n") << "nothing refused reached the hub";
  NodeRun usage = Node(AsNode(hub, "ME-CU", {"check", "--place", "PORT-ME-BAR"}));
  EXPECT_EQ(usage.exit_code, 2);
  // send --json takes Check lines (the JSON form, docs/protocol.md section 12).
  std::string line = R"({"payload_type": "Check", "payload": {"check_id": "ME-CU:BAR:1", "checked_at_ms": )" +
                     std::to_string(WallNowMs() - 60'000) +
                     R"(, "place_code": "PORT-ME-BAR", "subjects": [{"kind": "Vessel", "imo": "IMO 9074729"}]}})";
  NodeRun sent = Node(AsNode(hub, "ME-CU", {"send", "--json", "-"}), line + "\n");
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_EQ(sent.out, "1 ok hub_seq=2\n");
}

}  // namespace
}  // namespace opsroom::nodes
