// opsroom-node given every hub of a cluster (docs/protocol.md section 17):
// `--hub A,B` reaches the leader past a follower's NotLeader and past a dead
// hub (alert through the outbox, status through a plain session), and a
// malformed list is a usage error naming the element.
#include "tests/integration/cli_node_fixture.h"
#include "tests/integration/cluster_client_fixture.h"
#include "tests/support/free_port.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::LeaderAndFollower;

class CliCluster : public CliNode {
 protected:
  NodeRun Alert(const std::string& hubs) {
    return Node({"--id", "ME-BP", "--hub", hubs, "--timeout", "20000", "alert", "--title", "Truck at Muriqan",
                 "--place", "BCP-AL-ME-MURIQAN", "--outbox", (dir_ / "outbox").string()},
                "", 60);
  }
};

TEST_F(CliCluster, AnAlertReachesTheLeaderPastAFollower) {
  LeaderAndFollower hubs;
  ASSERT_TRUE(hubs.started());
  NodeRun run = Alert(hubs.follower.router_endpoint() + "," + hubs.leader.router_endpoint());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "hub_seq=1 node_seq=1 alert_id=ME-BP:A1\n");
  EXPECT_EQ(hubs.leader.stats().Get(hub::Counter::kStored), 1);
  EXPECT_EQ(hubs.follower.stats().Get(hub::Counter::kStored), 0);
  EXPECT_GE(hubs.follower.stats().RefusedFor(wire::RejectReason::NotLeader), 1);
}

TEST_F(CliCluster, AnAlertReachesTheNextHubPastADeadOne) {
  HubFixture live;
  ASSERT_TRUE(live.started());
  uint16_t unused = opsroom::testing::FreePortPair();  // nothing listens there
  ASSERT_NE(unused, 0);
  NodeRun run = Alert("tcp://127.0.0.1:" + std::to_string(unused) + "," + live.router_endpoint());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "hub_seq=1 node_seq=1 alert_id=ME-BP:A1\n");
}

// status uses a plain Publisher: a Hello unanswered for kPeerExpiryMs moves it on.
TEST_F(CliCluster, StatusNamesTheHubThatAnswered) {
  HubFixture live;
  ASSERT_TRUE(live.started());
  uint16_t unused = opsroom::testing::FreePortPair();
  ASSERT_NE(unused, 0);
  std::string hubs = "tcp://127.0.0.1:" + std::to_string(unused) + "," + live.router_endpoint();
  NodeRun run = Node(
      {"--id", "ME-BP", "--hub", hubs, "--timeout", "20000", "status", "--outbox", (dir_ / "outbox").string()}, "", 60);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("at hub test-hub " + live.router_endpoint() + "\n"), std::string::npos) << run.out;
}

TEST_F(CliCluster, AMalformedListIsAUsageErrorNamingTheElement) {
  NodeRun run = Alert("tcp://127.0.0.1:7700,tcp://127.0.0.1");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--hub: element 2 of 2 ('tcp://127.0.0.1'): no port; expected tcp://HOST:PORT"),
            std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace opsroom::nodes
