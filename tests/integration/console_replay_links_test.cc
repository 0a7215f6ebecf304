// Issue 14's replay of node links, against a real hub (loopback ZeroMQ,
// RocksDB in a temp dir) on a clock the test moves: a node connects, goes
// silent and comes back while a live console watches HubStatus; then a replay
// of the log shows, at each of those moments, the link the live console saw
// (the Nodes window's row and the map's country tint), and nothing for the
// node before its first LinkChange. Every wait is bounded.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "console/model/replay_session.h"
#include "tests/integration/headless_console.h"
#include "tests/integration/link_log.h"

namespace opsroom::console {
namespace {

using opsroom::testing::MovedClock;
using opsroom::testing::RawClient;

struct Seen {
  int64_t at_ms = 0;  // the hub time of the status the live console saw
  LinkHealth node = LinkHealth::kUnknown;
  LinkHealth country = LinkHealth::kUnknown;
};

// Moves the hub clock by `ms` and waits for the HubStatus of that moment:
// what the live console shows for AL-BP and for AL then.
Seen LiveAfter(MovedClock& clock, HeadlessConsole& live, int64_t ms) {
  clock.Advance(ms);
  const int64_t target = clock.Now();
  EXPECT_TRUE(live.PumpUntil([&] { return live.model.nodes().status().at_ms >= target; })) << "no status at " << target;
  Seen seen{live.model.nodes().status().at_ms, LinkHealth::kUnknown, LinkHealth::kUnknown};
  const int64_t now = opsroom::testing::NowMs();
  for (const NodeValue& node : live.model.nodes().nodes()) {
    if (node.node_id == "AL-BP") seen.node = live.model.nodes().NodeHealth(node, now);
  }
  seen.country = live.model.ShownCountryLink("AL", now, false);
  return seen;
}

// A heartbeat, and a query after it on the same connection: once answered,
// the hub has taken the heartbeat (frames of one connection keep their order).
void Beat(RawClient& node, MovedClock& clock) {
  node.Send(wire::BuildHeartbeat({"AL-BP", clock.Now(), 0, 0, "t"}));
  node.Send(wire::BuildReplayRequest(1, 1, 1));
  EXPECT_TRUE(node.Expect(wire::Body::ReplayPage));
}

TEST(ConsoleReplayLinks, AReplayShowsEachNodesLinkAsTheLiveConsoleSawItAtThatMoment) {
  MovedClock clock;
  HubFixture hub(clock.Config());
  ASSERT_TRUE(hub.started());
  HeadlessConsole live(hub, "");
  // Its subscription must reach the hub before the moments that count (a
  // status published before it is lost): tick until one arrives.
  for (int i = 0; i < 20 && !live.PumpUntil([&] { return live.model.nodes().has_status(); }, 500); ++i) {
    clock.Advance(wire::kHeartbeatIntervalMs);
  }
  ASSERT_TRUE(live.model.nodes().has_status());
  std::vector<Seen> stages;
  stages.push_back(LiveAfter(clock, live, wire::kHeartbeatIntervalMs));  // before AL-BP ever connected
  RawClient node(hub.context(), hub.router_endpoint());
  clock.Advance(500);  // its Hello after that moment, not at it
  ASSERT_TRUE(node.Hello("AL-BP", "AL"));
  Beat(node, clock);
  stages.push_back(LiveAfter(clock, live, wire::kHeartbeatIntervalMs));  // connected
  stages.push_back(LiveAfter(clock, live, wire::kPeerExpiryMs + wire::kHeartbeatIntervalMs));  // expired: silent
  clock.Advance(500);
  ASSERT_TRUE(node.Hello("AL-BP", "AL"));  // back
  Beat(node, clock);
  stages.push_back(LiveAfter(clock, live, wire::kHeartbeatIntervalMs));
  ASSERT_EQ(stages[0].node, LinkHealth::kUnknown);
  ASSERT_EQ(stages[1].node, LinkHealth::kHealthy);
  ASSERT_EQ(stages[2].node, LinkHealth::kSilent);
  ASSERT_EQ(stages[3].node, LinkHealth::kHealthy);
  RawClient reader(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  const std::vector<opsroom::testing::LoggedChange> changes = opsroom::testing::WaitForLinkChanges(reader, "AL-BP", 3);
  ASSERT_EQ(changes.size(), 3u) << "connected, silent, connected";

  // The whole log, as the replay archive fetches it.
  LinkConfig history_config{hub.router_endpoint(), hub.pub_endpoint(), ""};
  history_config.replay_from_seq = 1;
  ConsoleLink history(history_config);
  history.Start();
  ReplaySession replay({.keyframe_every = 3});
  const uint64_t last = changes.back().hub_seq;
  for (int i = 0; i < 1000 && replay.archive().last_seq() < last; ++i) {
    std::vector<ConsoleEvent> events;
    history.SwapEvents(&events);
    for (auto& e : events) replay.archive().Append(std::move(e));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GE(replay.archive().last_seq(), last);

  for (std::size_t i = 0; i < stages.size(); ++i) {
    replay.Enter(live.model, stages[i].at_ms);
    ASSERT_FALSE(replay.waiting_for_hub());
    const LinkLedger& links = replay.model().logged_links();
    auto row = links.links().find("AL-BP");
    LinkHealth shown = row == links.links().end() ? LinkHealth::kUnknown : HealthOfLogged(row->second.state);
    EXPECT_EQ(shown, stages[i].node) << "the Nodes window at stage " << i;
    EXPECT_EQ(replay.model().ShownCountryLink("AL", stages[i].at_ms, true), stages[i].country)
        << "the map's tint at stage " << i;
    replay.Leave();
  }
}

}  // namespace
}  // namespace opsroom::console
