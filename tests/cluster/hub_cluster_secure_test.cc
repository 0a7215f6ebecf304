// Three hubs as one cluster in secure mode (CurveZMQ, one cluster key pair,
// the same registry on each member, an audit key per member): a console on a
// follower (whose Hello and subscription records the follower does not
// propose) receives the leader's committed events on the audience topics the
// leader staged, and replays them from the follower's own store.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cluster/hub_cluster.h"
#include "integration/hub_fixture.h"
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"

namespace opsroom::testing {
namespace {

using namespace std::chrono_literals;
using wire::ClientRole;

constexpr auto kLeaderLimit = 30s;
constexpr int kReplyMs = 20000;

std::vector<Identity> Room() {
  return {{"HR-BP", "HR", ClientRole::NationalNode, {}}, {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}};
}

// Message ids of events `sub` receives until it has `marker` or `timeout_ms` passed.
std::set<std::string> EventsUntil(zmq::socket_t& sub, const std::string& marker, int timeout_ms) {
  std::set<std::string> ids;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline && ids.count(marker) == 0) {
    if (!Readable(sub, 100)) continue;
    zmq::message_t topic, body;
    if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
    if (topic.to_string_view().rfind(wire::kTopicEventPrefix, 0) != 0) continue;  // status, signed heads
    auto* data = static_cast<const uint8_t*>(body.data());
    ids.insert(MessageIdOf(wire::Bytes(data, data + body.size())));
  }
  return ids;
}

class HubClusterSecureTest : public ::testing::Test {
 protected:
  HubClusterSecureTest()
      : identities_(Room()), keys_(identities_), cluster_([this](int i, hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.audit_keys_dir = cluster_.file("audit-" + std::to_string(i + 1));
          config.handshake_ivl_ms = 1000;
        }) {}

  std::unique_ptr<SecureClient> Connect(int member, const std::string& node_id) {
    const Identity& who = IdentityOf(identities_, node_id);
    auto client = std::make_unique<SecureClient>(context_, cluster_.router(member), who.keys, keys_.hub_public());
    EXPECT_EQ(client->Hello(who), wire::Body::Welcome) << node_id << " on member " << member + 1;
    return client;
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubCluster cluster_;
  zmq::context_t context_{1};
};

TEST_F(HubClusterSecureTest, AConsoleOnAFollowerGetsTheLeadersEventsLiveAndByReplay) {
  ASSERT_TRUE(cluster_.made());
  for (int i = 0; i < HubCluster::kSize; ++i) ASSERT_EQ(cluster_.Start(i), "") << "member " << i + 1;
  int leader = cluster_.WaitForLeader(kLeaderLimit);
  ASSERT_GE(leader, 0);
  int follower = (leader + 1) % HubCluster::kSize;

  std::unique_ptr<SecureClient> console = Connect(follower, "OPSROOM-DUTY");
  zmq::socket_t sub(context_, zmq::socket_type::sub);
  Curve(sub, IdentityOf(identities_, "OPSROOM-DUTY").keys, keys_.hub_public());
  sub.set(zmq::sockopt::rcvhwm, 0);
  sub.set(zmq::sockopt::subscribe, "");  // the follower grants what the console may see
  sub.connect(cluster_.pub(follower));
  // Live once a status came through: the subscription was granted.
  bool live = false;
  for (int turn = 0; turn < 200 && !live; ++turn) {
    zmq::message_t topic, body;
    live = Readable(sub, 100) && sub.recv(topic) && sub.recv(body);
  }
  ASSERT_TRUE(live) << "no status from the follower's fan-out";

  std::unique_ptr<SecureClient> node = Connect(leader, "HR-BP");
  std::set<std::string> sent;
  for (uint64_t seq = 1; seq <= 10; ++seq) {
    auto answer = node->Publish(AlertEnvelope("HR-BP", "HR", seq, "a" + std::to_string(seq)));
    EXPECT_GT(answer.result, 0) << "node_seq " << seq << " refused: " << answer.text;
    sent.insert("HR-BP:" + std::to_string(seq));
  }
  EXPECT_EQ(EventsUntil(sub, "HR-BP:10", kReplyMs), sent) << "live on the follower";
  std::set<std::string> replayed;
  for (const wire::Bytes& event : ReplayEvents(*console)) replayed.insert(MessageIdOf(event));
  EXPECT_EQ(replayed, sent) << "replayed from the follower's store";

  ASSERT_TRUE(cluster_.WaitAllApplied(leader, kLeaderLimit));
  for (int i = 0; i < HubCluster::kSize; ++i) cluster_.Stop(i);
  std::string error;
  std::map<uint64_t, std::string> first = cluster_.Log(0, &error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(first.size(), 10u);
  for (int i = 1; i < HubCluster::kSize; ++i) EXPECT_TRUE(cluster_.Log(i, &error) == first) << "member " << i + 1;
}

}  // namespace
}  // namespace opsroom::testing
