// docs/protocol.md section 17.2 with real hubs on loopback: a hub that does not
// lead refuses Publish with NotLeader (naming the leader when it knows one)
// and stores nothing; a StoreAndForwardPublisher given every hub follows the
// refusal or passes a dead hub over, and each report is acknowledged once.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/cluster_client_fixture.h"
#include "hub/tools/audit_tool.h"
#include "tests/support/free_port.h"

namespace opsroom::testing {
namespace {

using hub::Counter;

constexpr int kDrainMs = 20'000;

TEST(NotLeader, AFollowerRefusesAPublishNamingTheLeaderAndStagesNothing) {
  LeaderAndFollower hubs;
  ASSERT_TRUE(hubs.started());
  HubFixture& follower = hubs.follower;

  RawClient client(follower.context(), follower.router_endpoint());
  ASSERT_TRUE(client.Hello("ME-BP", "ME"));  // a follower serves Hello
  client.Publish(DistinctAlert(1));
  auto reply = client.Expect(wire::Body::Nack);
  ASSERT_TRUE(reply);
  const wire::Nack* nack = AsFrame(*reply)->body_as_Nack();
  EXPECT_EQ(nack->code(), wire::RejectReason::NotLeader);
  EXPECT_EQ(nack->node_seq(), 1u);
  ASSERT_NE(nack->leader_endpoint(), nullptr);
  EXPECT_EQ(nack->leader_endpoint()->str(), hubs.leader.router_endpoint());

  EXPECT_EQ(follower.stats().RefusedFor(wire::RejectReason::NotLeader), 1);

  // Nothing staged, not even an audit denial (a follower has no batch of its
  // own): once stopped (everything in hand committed), its store says so.
  follower.Stop();
  std::ostringstream trail, errors;
  ASSERT_TRUE(hub::PrintAuditTrail(follower.data_dir(), "", 0, {}, trail, errors).ok) << errors.str();
  EXPECT_EQ(trail.str().find("NotLeader"), std::string::npos) << trail.str();
  EXPECT_EQ(trail.str().find("denial"), std::string::npos) << trail.str();
}

TEST(NotLeader, AFollowerThatKnowsNoLeaderNamesNone) {
  FixedLeadership election("");
  HubFixture follower(FollowerOf(election));
  ASSERT_TRUE(follower.started());
  RawClient client(follower.context(), follower.router_endpoint());
  ASSERT_TRUE(client.Hello("ME-BP", "ME"));
  client.Publish(DistinctAlert(1));
  auto reply = client.Expect(wire::Body::Nack);
  ASSERT_TRUE(reply);
  const wire::Nack* nack = AsFrame(*reply)->body_as_Nack();
  EXPECT_EQ(nack->code(), wire::RejectReason::NotLeader);
  EXPECT_EQ(nack->leader_endpoint(), nullptr);  // absent, as an older hub's Nack
}

class ClusterPublish : public ::testing::Test {
 protected:
  // Submits `count` reports in one outbox write and drains; every one acked once.
  void SubmitAndDrain(nodes::StoreAndForwardPublisher& node, std::size_t count) {
    ASSERT_TRUE(node.SubmitBatch(count, DistinctAlert));
    ASSERT_TRUE(node.Drain(kDrainMs)) << nodes::FormatStatus(node.Status());
    book_.Take(node);
  }

  zmq::context_t context_{1};
  TempDir temp_{"opsroom-cluster-client"};
  std::string outbox_ = temp_.file("outbox");
  OutcomeBook book_;
};

TEST_F(ClusterPublish, TheNodeFollowsNotLeaderToTheLeaderAndNothingIsStoredOnTheFollower) {
  LeaderAndFollower hubs;
  ASSERT_TRUE(hubs.started());
  HubFixture& leader = hubs.leader;
  HubFixture& follower = hubs.follower;

  auto node = OpenNode(context_, {follower.router_endpoint(), leader.router_endpoint()}, outbox_);
  ASSERT_TRUE(node);
  SubmitAndDrain(*node, 60);

  EXPECT_EQ(book_.size(), 60u);
  EXPECT_EQ(book_.duplicates(), 0u);
  EXPECT_EQ(leader.stats().Get(Counter::kStored), 60);
  EXPECT_EQ(follower.stats().Get(Counter::kStored), 0);
  EXPECT_GE(follower.stats().RefusedFor(wire::RejectReason::NotLeader), 1);
  EXPECT_EQ(node->Status().hub_endpoint, leader.router_endpoint());
  EXPECT_EQ(node->Status().refused, 0u);
}

TEST_F(ClusterPublish, ANotLeaderNamingNoLeaderSendsTheNodeToTheNextHub) {
  FixedLeadership election("");
  HubFixture candidate(FollowerOf(election));
  ASSERT_TRUE(candidate.started());
  HubFixture leader;
  ASSERT_TRUE(leader.started());

  auto node = OpenNode(context_, {candidate.router_endpoint(), leader.router_endpoint()}, outbox_);
  ASSERT_TRUE(node);
  SubmitAndDrain(*node, 40);

  EXPECT_EQ(book_.size(), 40u);
  EXPECT_EQ(leader.stats().Get(Counter::kStored), 40);
  EXPECT_EQ(candidate.stats().Get(Counter::kStored), 0);
  EXPECT_GE(candidate.stats().RefusedFor(wire::RejectReason::NotLeader), 1);
}

TEST_F(ClusterPublish, ADeadFirstHubIsPassedOverAndEveryReportIsAckedOnce) {
  HubFixture live;
  ASSERT_TRUE(live.started());
  uint16_t unused = FreePortPair();
  ASSERT_NE(unused, 0);
  std::string dead = "tcp://127.0.0.1:" + std::to_string(unused);

  auto node = OpenNode(context_, {dead, live.router_endpoint()}, outbox_);
  ASSERT_TRUE(node);
  SubmitAndDrain(*node, 50);

  EXPECT_EQ(book_.size(), 50u);
  EXPECT_EQ(book_.duplicates(), 0u);
  EXPECT_EQ(live.stats().Get(Counter::kStored), 50);
  EXPECT_EQ(node->Status().hub_endpoint, live.router_endpoint());
}

// The leader dies mid-stream; the other hub takes over with everything it had
// (here: a copy of its data, standing in for raft's replication). Reports the
// dead hub took but never acknowledged are resent and answered as duplicates:
// each node_seq is acknowledged once and stored once.
TEST_F(ClusterPublish, AHubStoppedMidStreamIsReplacedAndEachReportIsStoredOnce) {
  TakeOverPair hubs;
  ASSERT_TRUE(hubs.first.started());
  HubFixture& second = hubs.second;

  auto node = OpenNode(context_, {hubs.first.router_endpoint(), second.router_endpoint()}, outbox_);
  ASSERT_TRUE(node);
  SubmitAndDrain(*node, 30);
  EXPECT_EQ(node->Status().hub_endpoint, hubs.first.router_endpoint());

  // In flight when the hub goes: handed to the session, not yet answered.
  ASSERT_TRUE(node->SubmitBatch(40, DistinctAlert));
  ASSERT_TRUE(hubs.TakeOver());

  ASSERT_TRUE(node->Drain(kDrainMs)) << nodes::FormatStatus(node->Status());
  book_.Take(*node);
  EXPECT_EQ(book_.size(), 70u);
  EXPECT_EQ(second.stats().Get(Counter::kHubSeq), 70) << "a report stored twice, or one lost";
  EXPECT_EQ(node->Status().hub_endpoint, second.router_endpoint());
  // The HubStatus watch moved with the session: the link is not lost.
  for (int i = 0; i < 100 && node->Status().link_lost; ++i) node->Poll(50);
  EXPECT_FALSE(node->Status().link_lost) << node->Status().link_detail;
}

}  // namespace
}  // namespace opsroom::testing
