// Ingest through a real hub on loopback: acks, resends, restart mid-stream,
// clean stop with messages in flight.
#include <gtest/gtest.h>

#include <map>

#include "tests/integration/hub_fixture.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {
namespace {

// Replays the whole log through `client`; returns the stored Frame{Event}s.
std::vector<wire::Bytes> ReplayAll(RawClient& client) {
  std::vector<wire::Bytes> events;
  uint64_t from = 1;
  for (int page = 0; page < 1000; ++page) {
    client.Send(wire::BuildReplayRequest(7, from, wire::kMaxPageItems));
    auto reply = client.Expect(wire::Body::ReplayPage);
    if (!reply) break;
    const auto* body = AsFrame(*reply)->body_as_ReplayPage();
    if (body->events() == nullptr || body->events()->size() == 0) break;
    for (const auto* blob : *body->events()) events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
    from = body->next_seq();
  }
  return events;
}

TEST(HubIngest, HelloPublishAck) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("ME-BP", "ME"));
  client.Publish(Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:ME-BP-1")));
  auto outcomes = client.CollectOutcomes(1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].code, wire::RejectReason::None);
  EXPECT_EQ(outcomes[0].node_seq, 1u);
  EXPECT_EQ(outcomes[0].hub_seq, 1u);
  EXPECT_FALSE(outcomes[0].duplicate);
}

TEST(HubIngest, ResendGetsTheSameHubSeqAndIsStoredOnce) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("AL-BP", "AL"));
  std::map<uint64_t, uint64_t> first;
  for (uint64_t seq = 1; seq <= 20; ++seq)
    client.Publish(Pack(AlertEnvelope("AL-BP", "AL", seq, "AL-BP:AL-" + std::to_string(seq))));
  for (const auto& outcome : client.CollectOutcomes(20)) {
    EXPECT_FALSE(outcome.duplicate);
    first[outcome.node_seq] = outcome.hub_seq;
  }
  ASSERT_EQ(first.size(), 20u);
  for (uint64_t seq = 1; seq <= 20; ++seq)
    client.Publish(Pack(AlertEnvelope("AL-BP", "AL", seq, "AL-BP:AL-" + std::to_string(seq))));
  auto again = client.CollectOutcomes(20);
  ASSERT_EQ(again.size(), 20u);
  for (const auto& outcome : again) {
    EXPECT_TRUE(outcome.duplicate);
    EXPECT_EQ(outcome.hub_seq, first[outcome.node_seq]);
  }
  EXPECT_EQ(ReplayAll(client).size(), 20u);
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), 20);
  EXPECT_EQ(hub.stats().Get(hub::Counter::kDuplicates), 20);
}

TEST(HubIngest, RestartMidStreamContinuesSequenceAndState) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  {
    RawClient me(hub.context(), hub.router_endpoint());
    ASSERT_TRUE(me.Hello("ME-BP", "ME"));
    for (uint64_t seq = 1; seq <= 30; ++seq)
      me.Publish(Pack(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:ME-" + std::to_string(seq))));
    ASSERT_EQ(me.CollectOutcomes(30).size(), 30u);
  }
  ASSERT_TRUE(hub.Restart());
  RawClient me(hub.context(), hub.router_endpoint());
  auto welcome = me.Hello("ME-BP", "ME");
  ASSERT_TRUE(welcome);
  EXPECT_EQ(AsFrame(*welcome)->body_as_Welcome()->hub_seq(), 30u);
  EXPECT_EQ(AsFrame(*welcome)->body_as_Welcome()->last_node_seq(), 30u);

  me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 31, "ME-BP:ME-31")));
  me.Publish(
      Pack(ActionEnvelope("ME-BP", "ME", 32, "ME-BP:ME-5", wire::ActionKind::Acknowledge)));  // alert from before
  me.Publish(Pack(AlertEnvelope("ME-BP", "ME", 10, "ME-BP:ME-10")));  // resend from before the restart
  auto outcomes = me.CollectOutcomes(3);
  ASSERT_EQ(outcomes.size(), 3u);
  std::map<uint64_t, RawClient::Outcome> by_seq;
  for (const auto& outcome : outcomes) by_seq[outcome.node_seq] = outcome;
  EXPECT_EQ(by_seq[31].hub_seq, 31u);
  EXPECT_EQ(by_seq[32].hub_seq, 32u);
  EXPECT_TRUE(by_seq[10].duplicate);
  EXPECT_EQ(by_seq[10].hub_seq, 10u);

  RawClient al(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(al.Hello("AL-BP", "AL"));
  al.Publish(Pack(AlertEnvelope("AL-BP", "AL", 1, "ME-BP:ME-5")));  // owned by ME-BP before the restart
  auto refused = al.CollectOutcomes(1);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].code, wire::RejectReason::NotOwner);
}

TEST(HubIngest, StopWithMessagesInFlightKeepsEveryAckedMessage) {
  HubFixture hub([](hub::HubConfig& config) { config.max_batch_frames = 64; });
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("RS-BP", "RS"));
  constexpr uint64_t kCount = 3000;
  for (uint64_t seq = 1; seq <= kCount; ++seq)
    client.Publish(Pack(AlertEnvelope("RS-BP", "RS", seq, "RS-BP:RS-" + std::to_string(seq))));
  auto early = client.CollectOutcomes(1);
  ASSERT_FALSE(early.empty());  // one Ack frame may carry many entries
  hub.Stop();
  auto acked = client.CollectOutcomes(kCount, 500);
  acked.insert(acked.end(), early.begin(), early.end());
  ASSERT_TRUE(hub.Restart());
  RawClient reader(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(reader.Hello("RS-BP", "RS"));
  auto events = ReplayAll(reader);
  std::map<uint64_t, uint64_t> stored;  // hub_seq -> node_seq
  for (const auto& event : events) {
    auto checked = wire::CheckEventFrame(event);
    ASSERT_TRUE(checked.ok());
    stored[checked->hub_seq] = checked->envelope->node_seq();
  }
  for (const auto& outcome : acked) {
    ASSERT_EQ(outcome.code, wire::RejectReason::None);
    ASSERT_EQ(stored.count(outcome.hub_seq), 1u) << "acked hub_seq " << outcome.hub_seq << " missing";
    EXPECT_EQ(stored[outcome.hub_seq], outcome.node_seq);
  }
}

TEST(HubIngest, SyncNoneSaysSoInWelcomeAndStatus) {
  HubFixture hub([](hub::HubConfig& config) {
    config.sync = false;
    config.heartbeat_interval_ms = 50;
  });
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  auto welcome = client.Hello("MK-BP", "MK");
  ASSERT_TRUE(welcome);
  EXPECT_FALSE(AsFrame(*welcome)->body_as_Welcome()->durable());
  RawSubscriber subscriber(hub.context(), hub.pub_endpoint(), wire::kTopicHubStatus);
  auto status = subscriber.Receive();
  ASSERT_TRUE(status);
  EXPECT_FALSE(AsFrame(status->bytes)->body_as_HubStatus()->durable());
  client.Publish(Pack(AlertEnvelope("MK-BP", "MK", 1, "MK-BP:MK-1")));
  auto outcomes = client.CollectOutcomes(1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].hub_seq, 1u);
}

TEST(HubIngest, HubStatusListsNodesWithTheirWatermarks) {
  HubFixture hub([](hub::HubConfig& config) { config.heartbeat_interval_ms = 50; });
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("BA-BP", "BA"));
  for (uint64_t seq = 1; seq <= 4; ++seq)
    client.Publish(Pack(AlertEnvelope("BA-BP", "BA", seq, "BA-BP:BA-" + std::to_string(seq))));
  ASSERT_EQ(client.CollectOutcomes(4).size(), 4u);
  client.Send(wire::BuildHeartbeat({"BA-BP", NowMs(), 17, 250, "node/9"}));
  RawSubscriber subscriber(hub.context(), hub.pub_endpoint(), wire::kTopicHubStatus);
  const wire::NodeStatus* node = nullptr;
  std::optional<RawSubscriber::Message> status;
  for (int i = 0; i < 100 && node == nullptr; ++i) {
    status = subscriber.Receive();
    if (!status) break;
    const auto* body = AsFrame(status->bytes)->body_as_HubStatus();
    if (body->nodes() == nullptr) continue;
    for (const auto* candidate : *body->nodes()) {
      if (candidate->node_id()->str() == "BA-BP" && candidate->outbox_depth() == 17) node = candidate;
    }
  }
  ASSERT_NE(node, nullptr);
  EXPECT_TRUE(node->connected());
  EXPECT_EQ(node->last_node_seq(), 4u);
  EXPECT_EQ(node->messages_last_minute(), 4u);
  EXPECT_EQ(node->software_version()->str(), "node/9");
  EXPECT_EQ(AsFrame(status->bytes)->body_as_HubStatus()->hub_seq(), 4u);
}

}  // namespace
}  // namespace opsroom::testing
