// The hub stopped and restarted under load: publishers re-Hello and resend
// what was not acknowledged, subscribers reconnect and catch up by replay.
// The hub sequence continues, nothing acknowledged is lost, nothing is stored
// twice, and every follower ends with the same state.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "nodes/sim/simulator.h"
#include "tests/integration/follower_config.h"
#include "tests/integration/hub_fixture.h"
#include "tests/mirror/mirror_follower.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::FollowerConfig;
using opsroom::testing::HubFixture;

constexpr int kWaitMs = 60'000;

struct RestartPlan {
  uint64_t count = 6000;
  double rate = 2500;          // msgs/s: the restart happens mid-stream
  uint64_t restart_at = 2000;  // when the live follower has seen this hub_seq
  int down_ms = 0;             // how long the hub stays down
};

// Runs the simulator on a thread, restarts the hub once, and checks the log
// and the followers afterwards.
void RunWithRestart(const RestartPlan& plan) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  MirrorFollower live(context, FollowerConfig(hub, "OPSROOM-LIVE"));
  ASSERT_TRUE(live.PollUntil([&] { return live.subscriber().link_state() == LinkState::kLive; }, kWaitMs));

  SimulatorConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.outbox_dir = (std::filesystem::path(hub.data_dir()).parent_path() / "sim-outbox").string();
  config.seed = 99;
  config.rate = plan.rate;
  config.count = plan.count;
  config.connect_timeout_ms = 20'000;  // the hub may be down for a while: keep waiting
  config.drain_timeout_ms = 30'000;
  SimulationReport report;
  std::atomic<bool> finished{false};
  std::thread sim([&] {
    zmq::context_t sim_context;
    report = RunSimulation(sim_context, config);
    finished = true;
  });
  ASSERT_TRUE(live.CatchUpTo(plan.restart_at, kWaitMs));
  hub.Stop();
  live.PollUntil([] { return false; }, plan.down_ms);
  ASSERT_TRUE(hub.Restart());
  while (!finished) live.Poll(10);
  sim.join();

  EXPECT_TRUE(report.complete()) << report.error << " / " << report.first_refusal;
  // A node notices the restart by a new session (a stall) or by resending on
  // its session's re-Hello (NoSession): either way something went again.
  EXPECT_TRUE(report.hellos > config.agencies.size() || report.resent > 0) << "no node noticed the restart";
  EXPECT_EQ(report.acked, plan.count);
  EXPECT_EQ(report.refused, 0u);
  // Every message once, so the sequence ends exactly at count.
  EXPECT_EQ(report.max_hub_seq, plan.count);
  ASSERT_TRUE(live.CatchUpTo(plan.count, kWaitMs)) << "live follower stopped at " << live.last_seq();
  EXPECT_EQ(live.order_violations(), 0u);
  EXPECT_EQ(live.last_seq(), plan.count);
  EXPECT_EQ(live.subscriber().counters().hub_rewinds, 0u) << "a restart on the same data is not a rewind";
  if (plan.down_ms > static_cast<int>(wire::kPeerExpiryMs)) {
    EXPECT_GT(live.subscriber().counters().reconnects, 0u) << "the follower never declared the hub lost";
  }
  std::cout << "[          ] publishers: " << report.hellos << " hellos, " << report.resent
            << " resent; follower: " << live.subscriber().counters().reconnects << " reconnects, "
            << live.subscriber().gaps_repaired() << " gaps repaired, " << live.subscriber().counters().replayed_events
            << " replayed\n";

  // The log after the restart: 1..count, each (origin, node_seq) once.
  auto replay_config = FollowerConfig(hub, "OPSROOM-REPLAY");
  replay_config.replay_from_seq = 1;
  MirrorFollower replayer(context, replay_config);
  std::set<std::pair<std::string, uint64_t>> seen;
  replayer.set_on_event([&](const wire::CheckedEvent& event) {
    seen.emplace(event.envelope->origin()->str(), event.envelope->node_seq());
  });
  ASSERT_TRUE(replayer.CatchUpTo(plan.count, kWaitMs));
  EXPECT_EQ(seen.size(), plan.count);
  EXPECT_EQ(replayer.mirror().Digest(), live.mirror().Digest());

  MirrorFollower late(context, FollowerConfig(hub, "OPSROOM-LATE"));
  ASSERT_TRUE(late.CatchUpTo(plan.count, kWaitMs));
  EXPECT_EQ(late.mirror().DigestLines(), live.mirror().DigestLines());
}

TEST(E2eRestart, QuickRestartMidStream) { RunWithRestart({}); }

TEST(E2eRestart, HubDownLongerThanPeerExpiry) {
  RestartPlan plan;
  plan.count = 4000;
  plan.restart_at = 1500;
  plan.down_ms = 4000;  // > kPeerExpiryMs: the follower declares the link lost and reconnects
  RunWithRestart(plan);
}

}  // namespace
}  // namespace opsroom::nodes
