// docs/protocol.md section 17.3 with real hubs on loopback: a subscriber given
// every hub of a cluster moves to the next one when its hub dies, and resumes
// by replay from its last hub sequence: every event once, in hub order.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/cluster_client_fixture.h"
#include "nodes/client/subscriber.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::testing {
namespace {

constexpr int kWaitMs = 30'000;

std::vector<wire::Bytes> Alerts(uint64_t first, uint64_t last) {
  std::vector<wire::Bytes> alerts;
  for (uint64_t seq = first; seq <= last; ++seq) alerts.push_back(DistinctAlert(seq));
  return alerts;
}

TEST(ClusterSubscribe, ASubscriberMovesToTheNextHubWhenItsHubDiesAndResumesByReplay) {
  TakeOverPair hubs;
  HubFixture& first = hubs.first;
  HubFixture& second = hubs.second;
  ASSERT_TRUE(first.started());
  PublishAccepted(first, "ME-BP", "ME", Alerts(1, 20));

  zmq::context_t context(1);
  nodes::SubscriberConfig config;
  config.hub_endpoint = first.router_endpoint();
  config.other_hubs = {second.router_endpoint()};
  config.node_id = "OPSROOM-VIEW1";
  config.country = "OPSROOM";
  config.replay_from_seq = 1;
  nodes::Subscriber subscriber(context, config);
  std::vector<uint64_t> delivered;
  nodes::SubscriberSink sink;
  sink.on_event = [&](const wire::CheckedEvent& event) { delivered.push_back(event.hub_seq); };
  auto poll_until = [&](uint64_t seq) {
    const int64_t deadline = nodes::SteadyNowMs() + kWaitMs;
    while (subscriber.last_seq() < seq && nodes::SteadyNowMs() < deadline) subscriber.Poll(50, sink);
    return subscriber.last_seq() >= seq;
  };
  ASSERT_TRUE(poll_until(20)) << subscriber.last_error();
  EXPECT_EQ(subscriber.hub_endpoint(), first.router_endpoint());

  // The first hub dies; the second carries on with everything it had (a copy
  // of its data, standing in for raft) and logs more.
  ASSERT_TRUE(hubs.TakeOver());
  PublishAccepted(second, "ME-BP", "ME", Alerts(21, 30));

  ASSERT_TRUE(poll_until(30)) << "stuck at " << subscriber.last_seq() << " on " << subscriber.hub_endpoint() << ": "
                              << subscriber.last_error();
  std::vector<uint64_t> expected;
  for (uint64_t seq = 1; seq <= 30; ++seq) expected.push_back(seq);
  EXPECT_EQ(delivered, expected);  // each once, in hub order, across the move
  EXPECT_EQ(subscriber.hub_endpoint(), second.router_endpoint());
  EXPECT_GE(subscriber.counters().reconnects, 1u);
  EXPECT_EQ(subscriber.counters().hub_rewinds, 0u);
}

}  // namespace
}  // namespace opsroom::testing
