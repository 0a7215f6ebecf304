// Three hubs replicating one log through raft (docs/cluster.md), with real
// parts: HubServers with their own RocksDB and raft directory, raft and
// clients on loopback TCP. A node publishes to the leader and gets acks;
// every member's log ends identical; a subscriber on a follower receives the
// committed events in order; a follower refuses a Publish with a retryable
// reason; a new leader takes Publishes after the leader stops, losing nothing
// acknowledged; a leader without a majority acks nothing and its senders'
// resends are stored once; a whole cluster restarts where it stood. Every
// wait is bounded; nothing asserts on timing.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cluster/hub_cluster.h"
#include "integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kLeaderLimit = 30s;  // elections of 1-2 s, several rounds on a busy 2-core machine
constexpr int kReplyMs = 20000;

class HubClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.made());
    for (int i = 0; i < HubCluster::kSize; ++i) ASSERT_EQ(cluster_.Start(i), "") << "member " << i + 1;
    leader_ = cluster_.WaitForLeader(kLeaderLimit);
    ASSERT_GE(leader_, 0) << "no member led within the limit";
  }

  // Publishes alerts node_seq first..last as `node` to member `to`; the outcomes.
  std::vector<RawClient::Outcome> Publish(int to, const std::string& node, uint64_t first, uint64_t last) {
    RawClient client(context_, cluster_.router(to));
    EXPECT_TRUE(client.Hello(node, "HR"));
    for (uint64_t seq = first; seq <= last; ++seq) {
      client.Publish(Pack(AlertEnvelope(node, "HR", seq, "a" + std::to_string(seq))));
    }
    return client.CollectOutcomes(last - first + 1, kReplyMs);
  }

  // node_seq first..last as a node's outbox sends them: to whichever member
  // leads, again after a retryable refusal (a leader change under way), until
  // each is acked; at most 10 rounds. The acks by node_seq.
  std::map<uint64_t, RawClient::Outcome> PublishUntilAcked(const std::string& node, uint64_t first, uint64_t last) {
    std::map<uint64_t, RawClient::Outcome> acked;
    for (int round = 0; round < 10 && acked.size() < last - first + 1; ++round) {
      leader_ = cluster_.WaitForLeader(kLeaderLimit);
      if (leader_ < 0) break;
      RawClient client(context_, cluster_.router(leader_));
      if (!client.Hello(node, "HR")) continue;
      std::size_t sent = 0;
      for (uint64_t seq = first; seq <= last; ++seq) {
        if (acked.count(seq) != 0) continue;
        client.Publish(Pack(AlertEnvelope(node, "HR", seq, "a" + std::to_string(seq))));
        ++sent;
      }
      for (const RawClient::Outcome& outcome : client.CollectOutcomes(sent, kReplyMs)) {
        if (outcome.hub_seq != 0) acked[outcome.node_seq] = outcome;
        else EXPECT_GE(static_cast<int>(outcome.code), 500) << "refused for good: " << int(outcome.code);
      }
    }
    EXPECT_EQ(acked.size(), last - first + 1) << "not every message acked after 10 rounds";
    return acked;
  }

  // Every member stopped; their logs, which must all be `expected` entries long and identical.
  void ExpectIdenticalLogs(std::size_t expected) {
    ASSERT_TRUE(cluster_.WaitAllApplied(leader_, kLeaderLimit)) << "a member did not apply what the leader committed";
    for (int i = 0; i < HubCluster::kSize; ++i) cluster_.Stop(i);
    std::string error;
    std::map<uint64_t, std::string> first = cluster_.Log(0, &error);
    ASSERT_EQ(error, "");
    EXPECT_EQ(first.size(), expected);
    if (!first.empty()) {
      EXPECT_EQ(first.rbegin()->first, expected) << "hub sequences 1..N without a hole";
    }
    for (int i = 1; i < HubCluster::kSize; ++i) {
      std::map<uint64_t, std::string> other = cluster_.Log(i, &error);
      ASSERT_EQ(error, "");
      EXPECT_EQ(other.size(), first.size()) << "member " << i + 1;
      EXPECT_TRUE(other == first) << "member " << i + 1 << "'s log differs from member 1's";
    }
  }

  int Follower() const { return (leader_ + 1) % HubCluster::kSize; }

  HubCluster cluster_;
  zmq::context_t context_{1};
  int leader_ = -1;
};

TEST_F(HubClusterTest, TheLeaderAcksAndEveryMemberEndsWithTheSameLog) {
  // A subscriber on a follower, live once it has seen the follower's status.
  RawSubscriber subscriber(context_, cluster_.pub(Follower()));
  ASSERT_TRUE(subscriber.Receive(kReplyMs)) << "no status from the follower's fan-out";

  constexpr uint64_t kCount = 60;
  std::vector<RawClient::Outcome> outcomes = Publish(leader_, "HR-ZG", 1, kCount);
  ASSERT_EQ(outcomes.size(), kCount);
  std::set<uint64_t> hub_seqs;
  for (const RawClient::Outcome& outcome : outcomes) {
    EXPECT_NE(outcome.hub_seq, 0u) << "node_seq " << outcome.node_seq << " refused: " << int(outcome.code);
    hub_seqs.insert(outcome.hub_seq);
  }
  EXPECT_EQ(hub_seqs.size(), kCount);

  for (uint64_t expected = 1; expected <= kCount; ++expected) {
    auto event = subscriber.ReceiveEvent(kReplyMs);
    ASSERT_TRUE(event) << "the follower fanned out " << expected - 1 << " of " << kCount;
    EXPECT_EQ(EventSeq(event->bytes), expected);
  }
  ExpectIdenticalLogs(kCount);
}

// hub::LeadershipSource as the Publish check will ask it: the leader leads
// and names nobody; each follower names the leader's client endpoint.
void ExpectFollowersName(const HubCluster& cluster, int leader) {
  for (int i = 0; i < HubCluster::kSize; ++i) {
    if (!cluster.running(i)) continue;
    const hub::LeadershipSource* source = cluster.server(i).leadership();
    ASSERT_NE(source, nullptr) << "a cluster member has a leadership source";
    if (i == leader) {
      EXPECT_TRUE(source->Current().leading);
      EXPECT_EQ(source->Current().leader_endpoint, "");
      continue;
    }
    EXPECT_FALSE(source->Current().leading) << "member " << i + 1;
    EXPECT_TRUE(cluster::testing::WaitFor([&] { return source->Current().leader_endpoint == cluster.router(leader); },
                                          kLeaderLimit))
        << "member " << i + 1 << " names \"" << source->Current().leader_endpoint << "\", not the leader "
        << cluster.router(leader);
  }
}

TEST_F(HubClusterTest, AFollowerRefusesAPublishWithARetryableReasonAndStoresNothing) {
  ExpectFollowersName(cluster_, leader_);
  std::vector<RawClient::Outcome> outcomes = Publish(Follower(), "HR-ZG", 1, 1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].hub_seq, 0u);
  // 5xx: the hub cannot take it now, the node resends (StoreFailed here; the
  // NotLeader refusal of the Publish check answers before staging once merged).
  EXPECT_GE(static_cast<int>(outcomes[0].code), 500) << "refused with " << int(outcomes[0].code);
  // The same message to the leader is stored at hub_seq 1: the refusal held nothing back.
  outcomes = Publish(leader_, "HR-ZG", 1, 1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].hub_seq, 1u);
  ExpectIdenticalLogs(1);
}

TEST_F(HubClusterTest, ANewLeaderTakesPublishesAfterTheLeaderStopsAndNothingAckedIsLost) {
  std::vector<RawClient::Outcome> before = Publish(leader_, "HR-ZG", 1, 30);
  ASSERT_EQ(before.size(), 30u);
  for (const RawClient::Outcome& outcome : before) ASSERT_NE(outcome.hub_seq, 0u);

  int old_leader = leader_;
  cluster_.Stop(old_leader);
  leader_ = cluster_.WaitForLeader(kLeaderLimit, old_leader);
  ASSERT_GE(leader_, 0) << "no new leader within the limit";
  ExpectFollowersName(cluster_, leader_);

  std::map<uint64_t, RawClient::Outcome> after = PublishUntilAcked("HR-ZG", 31, 50);
  ASSERT_EQ(after.size(), 20u);
  // The old leader comes back as a follower and catches up from raft's log.
  ASSERT_EQ(cluster_.Start(old_leader), "");
  uint64_t last = cluster_.LastIndex(leader_);
  ASSERT_TRUE(cluster_.WaitApplied(old_leader, last, kLeaderLimit)) << "the restarted member did not catch up";
  ExpectIdenticalLogs(50);
}

TEST_F(HubClusterTest, ALeaderThatLosesItsMajorityRefusesRetryablyAndTheResendsAreStoredOnce) {
  for (int i = 0; i < HubCluster::kSize; ++i) {
    if (i != leader_) cluster_.Stop(i);
  }
  // Proposed, never committed: raft's check-quorum deposes the leader and the
  // outcome (leadership lost) reaches the senders as a refusal they retry.
  std::vector<RawClient::Outcome> cut_off = Publish(leader_, "HR-ZG", 1, 5);
  ASSERT_EQ(cut_off.size(), 5u);
  for (const RawClient::Outcome& outcome : cut_off) {
    EXPECT_EQ(outcome.hub_seq, 0u) << "acked without a majority";
    EXPECT_GE(static_cast<int>(outcome.code), 500) << "refused for good: " << int(outcome.code);
  }
  for (int i = 0; i < HubCluster::kSize; ++i) {
    if (i != leader_) {
      ASSERT_EQ(cluster_.Start(i), "");
    }
  }
  // The outbox resends: each stored once, whether the old entry committed later or not.
  std::map<uint64_t, RawClient::Outcome> resent = PublishUntilAcked("HR-ZG", 1, 5);
  std::set<uint64_t> hub_seqs;
  for (const auto& [node_seq, outcome] : resent) hub_seqs.insert(outcome.hub_seq);
  EXPECT_EQ(hub_seqs, (std::set<uint64_t>{1, 2, 3, 4, 5}));
  ExpectIdenticalLogs(5);
}

TEST_F(HubClusterTest, AfterAWholeClusterRestartTheLogGoesOnWhereItStood) {
  std::vector<RawClient::Outcome> before = Publish(leader_, "HR-ZG", 1, 20);
  ASSERT_EQ(before.size(), 20u);
  ASSERT_TRUE(cluster_.WaitAllApplied(leader_, kLeaderLimit));
  for (int i = 0; i < HubCluster::kSize; ++i) cluster_.Stop(i);
  // raft replays each member's log from its start; the stores already hold it (APPLIED_INDEX).
  for (int i = 0; i < HubCluster::kSize; ++i) ASSERT_EQ(cluster_.Start(i), "") << "member " << i + 1;
  std::map<uint64_t, RawClient::Outcome> resent = PublishUntilAcked("HR-ZG", 20, 20);
  ASSERT_EQ(resent.size(), 1u);
  EXPECT_TRUE(resent[20].duplicate) << "node_seq 20 was stored before the restart";
  EXPECT_EQ(resent[20].hub_seq, before.back().hub_seq);
  for (const auto& [node_seq, outcome] : PublishUntilAcked("HR-ZG", 21, 30)) {
    EXPECT_EQ(outcome.hub_seq, node_seq) << "hub sequences go on from 20 without a hole";
  }
  ExpectIdenticalLogs(30);
}

// A single hub's store cannot become a member: no raft log carries its
// entries, so every entry the cluster commits would be built on another
// sequence than it stands at. Refused at start, with what to do.
TEST(HubClusterStart, ASingleHubsStoreIsRefusedAsAMember) {
  HubCluster cluster;
  ASSERT_TRUE(cluster.made());
  zmq::context_t context;
  {
    hub::HubConfig single = cluster.ConfigOf(0);
    single.cluster = {};
    hub::HubServer server(single);
    ASSERT_TRUE(server.Start().ok);
    std::thread loop([&] { server.Run(); });
    RawClient client(context, server.router_endpoint());
    EXPECT_TRUE(client.Hello("HR-ZG", "HR"));
    client.Publish(Pack(AlertEnvelope("HR-ZG", "HR", 1, "a1")));
    std::vector<RawClient::Outcome> outcomes = client.CollectOutcomes(1, kReplyMs);
    server.RequestStop();
    loop.join();
    ASSERT_EQ(outcomes.size(), 1u);
    ASSERT_EQ(outcomes[0].hub_seq, 1u);
  }
  std::string error = cluster.Start(0);
  EXPECT_NE(error.find("already holds a log (up to hub_seq 1)"), std::string::npos) << error;
}

}  // namespace
}  // namespace opsroom::testing
