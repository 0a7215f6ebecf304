// The traffic simulator is a store-and-forward node like the others: stopped
// mid-stream with messages unacknowledged (the hub gone, then the simulator
// told to stop), it keeps them in its outboxes, and the next run on the same
// outboxes sends them first. Every message either run generated arrives once.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
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
using opsroom::testing::SteadyNowMs;

constexpr int kWaitMs = 60'000;

SimulatorConfig Traffic(const HubFixture& hub, uint64_t count) {
  SimulatorConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.outbox_dir = (std::filesystem::path(hub.data_dir()).parent_path() / "sim-outbox").string();
  config.seed = 18;
  config.rate = 400;
  config.count = count;
  config.connect_timeout_ms = 10'000;
  return config;
}

TEST(E2eSimOutbox, StoppedMidStreamItSendsWhatItLeftOnTheNextRunAndEverythingArrivesOnce) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());

  // First run: the hub goes away mid-stream, then the simulator is stopped;
  // it waits a while for acks that cannot come and exits with them pending.
  SimulatorConfig first_config = Traffic(hub, 5000);
  first_config.drain_timeout_ms = 3000;
  std::atomic<bool> stop{false};
  SimulationReport first;
  std::thread sim([&] {
    zmq::context_t context;
    first = RunSimulation(context, first_config, nullptr, &stop);
  });
  const int64_t deadline = SteadyNowMs() + kWaitMs;
  while (hub.stats().Get(hub::Counter::kStored) < 300 && SteadyNowMs() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  hub.Stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // it goes on queueing with the hub away
  stop = true;
  sim.join();
  ASSERT_GT(first.published, 300u) << first.error;
  ASSERT_GT(first.pending, 0u) << "the run ended with nothing unacknowledged: the test stopped nothing mid-stream";
  EXPECT_FALSE(first.complete());
  EXPECT_EQ(first.acked + first.pending, first.published);

  // Second run on the same outboxes: what the first left goes first.
  ASSERT_TRUE(hub.Restart());
  SimulationReport second;
  {
    zmq::context_t context;
    second = RunSimulation(context, Traffic(hub, 200));
  }
  EXPECT_TRUE(second.complete()) << second.error << " / " << second.first_refusal;
  EXPECT_EQ(second.recovered, first.pending);
  EXPECT_EQ(second.pending, 0u);
  EXPECT_EQ(second.acked, second.recovered + second.published);

  std::cout << "[          ] first run: " << first.published << " in the outboxes, " << first.acked << " acked, "
            << first.pending << " left; second run: " << second.recovered << " sent first, " << second.published
            << " new\n";

  // The hub's log: every message of both runs, each (origin, node_seq) once,
  // each agency's node_seqs 1..N without a hole (a lost message would be one).
  const uint64_t total = first.published + second.published;
  auto replay_config = FollowerConfig(hub, "OPSROOM-REPLAY");
  replay_config.replay_from_seq = 1;
  zmq::context_t context;
  MirrorFollower replayer(context, replay_config);
  std::set<std::pair<std::string, uint64_t>> seen;
  replayer.set_on_event([&](const wire::CheckedEvent& event) {
    seen.emplace(event.envelope->origin()->str(), event.envelope->node_seq());
  });
  ASSERT_TRUE(replayer.CatchUpTo(total, kWaitMs)) << "stopped at " << replayer.last_seq() << " of " << total;
  EXPECT_EQ(replayer.last_seq(), total);
  EXPECT_EQ(seen.size(), total) << "an (origin, node_seq) arrived twice";
  std::map<std::string, uint64_t> highest, count;
  for (const auto& [origin, node_seq] : seen) {
    highest[origin] = std::max(highest[origin], node_seq);
    ++count[origin];
  }
  for (const auto& [origin, n] : count) EXPECT_EQ(highest[origin], n) << origin << " has a hole in its node_seqs";
}

}  // namespace
}  // namespace opsroom::nodes
