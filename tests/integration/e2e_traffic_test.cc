// End to end through a real hub: simulated national nodes publish through the
// node library, subscribers follow with the Clone pattern. Persisted exactly
// once, delivered in hub order without gaps, late joiners equal live ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "nodes/sim/simulator.h"
#include "tests/integration/follower_config.h"
#include "tests/integration/hub_fixture.h"
#include "tests/mirror/mirror_follower.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::FollowerConfig;
using opsroom::testing::HubFixture;

constexpr int kWaitMs = 60'000;

std::vector<SimAgency> SevenBorderPolice() {
  std::vector<SimAgency> seven;
  for (const SimAgency& a : DefaultAgencies()) {
    if (a.node_id.size() == 5 && a.node_id.substr(2) == "-BP") seven.push_back(a);
  }
  return seven;
}

SimulatorConfig Traffic(const HubFixture& hub, uint64_t count, uint64_t seed) {
  SimulatorConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.outbox_dir = (std::filesystem::path(hub.data_dir()).parent_path() / "sim-outbox").string();
  config.seed = seed;
  config.rate = 0;  // as fast as the acks allow
  config.count = count;
  config.agencies = SevenBorderPolice();
  return config;
}

// Runs the simulation on its own thread while `follow` polls on this one.
SimulationReport RunWhileFollowing(const SimulatorConfig& config, const std::function<void()>& follow_step) {
  zmq::context_t context;
  SimulationReport report;
  std::atomic<bool> finished{false};
  std::thread sim([&] {
    report = RunSimulation(context, config);
    finished = true;
  });
  while (!finished) follow_step();
  sim.join();
  return report;
}

void ExpectComplete(const SimulationReport& report, uint64_t count) {
  EXPECT_TRUE(report.complete()) << "error: " << report.error << "; first refusal: " << report.first_refusal;
  EXPECT_EQ(report.published, count);
  EXPECT_EQ(report.acked, count);
  EXPECT_EQ(report.refused, 0u);
}

TEST(E2eTraffic, TenThousandFromSevenNodesStoredOnceDeliveredInOrder) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  MirrorFollower live(context, FollowerConfig(hub, "OPSROOM-LIVE"));
  ASSERT_TRUE(live.PollUntil([&] { return live.subscriber().link_state() == LinkState::kLive; }, kWaitMs));

  constexpr uint64_t kCount = 10'000;
  SimulationReport report = RunWhileFollowing(Traffic(hub, kCount, 2026), [&] { live.Poll(10); });
  ExpectComplete(report, kCount);
  EXPECT_EQ(report.duplicates, 0u);
  EXPECT_EQ(report.max_hub_seq, kCount);
  EXPECT_EQ(hub.stats().Get(hub::Counter::kStored), static_cast<int64_t>(kCount));
  EXPECT_EQ(hub.stats().Get(hub::Counter::kHubSeq), static_cast<int64_t>(kCount));

  ASSERT_TRUE(live.CatchUpTo(kCount, kWaitMs)) << "live subscriber stopped at " << live.last_seq();
  EXPECT_EQ(live.events_after_snapshot(), kCount);
  EXPECT_EQ(live.order_violations(), 0u);
  EXPECT_EQ(live.mirror().applied(), kCount);

  // The log itself: replay from 1 holds each (origin, node_seq) exactly once.
  MirrorFollower replayer(context, [&] {
    auto config = FollowerConfig(hub, "OPSROOM-REPLAY");
    config.replay_from_seq = 1;
    return config;
  }());
  std::set<std::pair<std::string, uint64_t>> seen;
  uint64_t repeats = 0;
  replayer.set_on_event([&](const wire::CheckedEvent& event) {
    if (!seen.emplace(event.envelope->origin()->str(), event.envelope->node_seq()).second) ++repeats;
  });
  ASSERT_TRUE(replayer.CatchUpTo(kCount, kWaitMs));
  EXPECT_EQ(seen.size(), kCount);
  EXPECT_EQ(repeats, 0u);
  EXPECT_EQ(replayer.order_violations(), 0u);
  EXPECT_EQ(replayer.mirror().Digest(), live.mirror().Digest());
}

TEST(E2eTraffic, LateJoinersSnapshotPlusReplayEqualsLiveAndTheHubsSnapshot) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  MirrorFollower live(context, FollowerConfig(hub, "OPSROOM-LIVE"));
  ASSERT_TRUE(live.PollUntil([&] { return live.subscriber().link_state() == LinkState::kLive; }, kWaitMs));

  // A first half, then a joiner that arrives while the second half is flowing.
  constexpr uint64_t kHalf = 3000;
  ExpectComplete(RunWhileFollowing(Traffic(hub, kHalf, 7), [&] { live.Poll(10); }), kHalf);
  std::unique_ptr<MirrorFollower> mid_stream;
  SimulationReport second = RunWhileFollowing(Traffic(hub, kHalf, 8), [&] {
    live.Poll(5);
    if (!mid_stream && live.last_seq() > kHalf + 500) {
      mid_stream = std::make_unique<MirrorFollower>(context, FollowerConfig(hub, "OPSROOM-MID"));
    }
    if (mid_stream) mid_stream->Poll(5);
  });
  ExpectComplete(second, kHalf);
  const uint64_t total = 2 * kHalf;
  ASSERT_TRUE(live.CatchUpTo(total, kWaitMs));
  ASSERT_NE(mid_stream, nullptr);
  ASSERT_TRUE(mid_stream->CatchUpTo(total, kWaitMs)) << "mid-stream joiner at " << mid_stream->last_seq();
  EXPECT_TRUE(mid_stream->snapshot_done());
  EXPECT_GT(mid_stream->snapshot_seq(), kHalf);
  EXPECT_GT(mid_stream->subscriber().counters().snapshot_events, 0u);
  EXPECT_GT(mid_stream->events_after_snapshot(), 0u);  // replayed and live
  EXPECT_EQ(mid_stream->order_violations(), 0u);
  EXPECT_EQ(mid_stream->mirror().DigestLines(), live.mirror().DigestLines());

  // With the hub quiet, a snapshot alone is the hub's whole state at `total`.
  MirrorFollower late(context, FollowerConfig(hub, "OPSROOM-LATE"));
  ASSERT_TRUE(late.CatchUpTo(total, kWaitMs));
  EXPECT_EQ(late.snapshot_seq(), total);
  EXPECT_EQ(late.events_after_snapshot(), 0u);
  EXPECT_EQ(late.mirror().Digest(), live.mirror().Digest());
  EXPECT_EQ(late.mirror().alerts().size(), live.mirror().alerts().size());
  EXPECT_EQ(late.mirror().watchlist().size(), live.mirror().watchlist().size());
  EXPECT_EQ(late.mirror().sitreps().size(), live.mirror().sitreps().size());
  EXPECT_FALSE(live.mirror().sitreps().empty());
}

}  // namespace
}  // namespace opsroom::nodes
