// Subscribers that miss live events repair the gap by replay. A lossy relay
// sits between the hub's PUB and the subscriber and drops chosen events, as a
// PUB socket does for a slow or late-joining subscriber.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>

#include "nodes/client/zmq_link.h"
#include "nodes/sim/simulator.h"
#include "tests/integration/follower_config.h"
#include "tests/integration/hub_fixture.h"
#include "tests/mirror/mirror_follower.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::FollowerConfig;
using opsroom::testing::HubFixture;

constexpr int kWaitMs = 60'000;

// Forwards the hub's fan-out to its own PUB endpoint, dropping every event
// for which `drop(hub_seq)` is true. Runs on its own thread until destroyed.
class LossyRelay {
 public:
  LossyRelay(zmq::context_t& context, const std::string& hub_pub, std::function<bool(uint64_t)> drop)
      : sub_(context, zmq::socket_type::sub), pub_(context, zmq::socket_type::pub), drop_(std::move(drop)) {
    sub_.set(zmq::sockopt::subscribe, "");
    sub_.connect(hub_pub);
    pub_.bind("tcp://127.0.0.1:*");
    endpoint_ = pub_.get(zmq::sockopt::last_endpoint);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LossyRelay() {
    stop_ = true;
    thread_.join();
  }
  const std::string& endpoint() const { return endpoint_; }
  uint64_t dropped() const { return dropped_; }

 private:
  void Loop() {
    while (!stop_) {
      zmq::pollitem_t item{sub_.handle(), 0, ZMQ_POLLIN, 0};
      if (zmq::poll(&item, 1, std::chrono::milliseconds(20)) <= 0) continue;
      zmq::message_t topic;
      zmq::message_t body;
      if (!sub_.recv(topic) || !topic.more() || !sub_.recv(body)) continue;
      wire::Bytes bytes(static_cast<const uint8_t*>(body.data()),
                        static_cast<const uint8_t*>(body.data()) + body.size());
      uint64_t seq = opsroom::testing::EventSeq(bytes);
      if (seq != 0 && drop_(seq)) {
        ++dropped_;
        continue;
      }
      pub_.send(topic, zmq::send_flags::sndmore);
      pub_.send(body, zmq::send_flags::none);
    }
  }

  zmq::socket_t sub_;
  zmq::socket_t pub_;
  std::function<bool(uint64_t)> drop_;
  std::string endpoint_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> dropped_{0};
};

SimulatorConfig Traffic(const HubFixture& hub, uint64_t count, double rate) {
  SimulatorConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.outbox_dir = (std::filesystem::path(hub.data_dir()).parent_path() / "sim-outbox").string();
  config.seed = 31;
  config.rate = rate;
  config.count = count;
  return config;
}

// Follows through `relay` and directly while the simulation runs; both must end equal.
void FollowThroughRelay(HubFixture& hub, LossyRelay& relay, uint64_t count, double rate) {
  zmq::context_t context;
  MirrorFollower lossy(context, FollowerConfig(hub, "OPSROOM-LOSSY", relay.endpoint()));
  MirrorFollower direct(context, FollowerConfig(hub, "OPSROOM-DIRECT", hub.pub_endpoint()));
  auto both_live = [&] {
    return lossy.subscriber().link_state() == LinkState::kLive && direct.subscriber().link_state() == LinkState::kLive;
  };
  for (int64_t end = SteadyNowMs() + kWaitMs; !both_live() && SteadyNowMs() < end;) {
    lossy.Poll(10);
    direct.Poll(10);
  }
  ASSERT_TRUE(both_live());
  SimulationReport report;
  std::atomic<bool> finished{false};
  std::thread sim([&] {
    zmq::context_t sim_context;
    report = RunSimulation(sim_context, Traffic(hub, count, rate));
    finished = true;
  });
  while (!finished) {
    lossy.Poll(5);
    direct.Poll(5);
  }
  sim.join();
  ASSERT_TRUE(report.complete()) << report.error << " / " << report.first_refusal;
  ASSERT_TRUE(direct.CatchUpTo(count, kWaitMs));
  ASSERT_TRUE(lossy.CatchUpTo(count, kWaitMs)) << "stuck at " << lossy.last_seq();
  EXPECT_GT(relay.dropped(), 0u);
  EXPECT_GE(lossy.subscriber().gaps_repaired(), 1u);
  EXPECT_GT(lossy.subscriber().counters().replayed_events, 0u);
  EXPECT_EQ(lossy.order_violations(), 0u);
  EXPECT_EQ(lossy.events_after_snapshot(), count);
  EXPECT_EQ(lossy.mirror().DigestLines(), direct.mirror().DigestLines());
}

TEST(E2eGap, MissedLiveEventsAreRepairedByReplay) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  // Lose a run in the middle and every 97th event: gaps seen on the next event.
  LossyRelay relay(context, hub.pub_endpoint(),
                   [](uint64_t seq) { return (seq >= 400 && seq < 460) || seq % 97 == 0; });
  FollowThroughRelay(hub, relay, 2000, 2000);
}

TEST(E2eGap, LostTailIsFoundByHubStatus) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  // The last events never arrive live and nothing follows them: only
  // HubStatus.hub_seq tells the subscriber it is behind.
  constexpr uint64_t kCount = 500;
  LossyRelay relay(context, hub.pub_endpoint(), [](uint64_t seq) { return seq > kCount - 20; });
  FollowThroughRelay(hub, relay, kCount, 1000);
}

TEST(E2eGap, SlowSubscriberEndsComplete) {
  HubFixture hub([](hub::HubConfig& config) { config.pub_snd_hwm = 50; });  // the hub drops for slow subscribers
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  MirrorFollower slow(context, FollowerConfig(hub, "OPSROOM-SLOW", hub.pub_endpoint()));
  slow.set_delay_per_event_us(200);
  ASSERT_TRUE(slow.PollUntil([&] { return slow.subscriber().link_state() == LinkState::kLive; }, kWaitMs));
  constexpr uint64_t kCount = 3000;
  SimulationReport report;
  std::atomic<bool> finished{false};
  std::thread sim([&] {
    zmq::context_t sim_context;
    report = RunSimulation(sim_context, Traffic(hub, kCount, 0));
    finished = true;
  });
  while (!finished) slow.Poll(5);
  sim.join();
  ASSERT_TRUE(report.complete()) << report.error;
  ASSERT_TRUE(slow.CatchUpTo(kCount, kWaitMs));
  EXPECT_EQ(slow.order_violations(), 0u);
  EXPECT_EQ(slow.events_after_snapshot(), kCount);
  std::cout << "[          ] slow subscriber: " << slow.subscriber().gaps_repaired() << " gaps repaired, "
            << slow.subscriber().counters().replayed_events << " events replayed\n";
}

}  // namespace
}  // namespace opsroom::nodes
