// The hub restored from an earlier copy of its data (its sequence goes back
// from M to N): a subscriber that had applied up to M drops its state and
// reloads by snapshot, so it ends with exactly the restored hub's state plus
// what comes after, instead of silently discarding the new N+1..M as old.
#include <gtest/gtest.h>


#include "tests/integration/follower_config.h"
#include "tests/integration/hub_data_copy.h"
#include "tests/integration/hub_fixture.h"
#include "tests/mirror/mirror_follower.h"
#include "tests/support/temp_dir.h"

namespace opsroom::nodes {
namespace {

using opsroom::testing::FollowerConfig;
using opsroom::testing::HubFixture;

constexpr int kWaitMs = 30'000;

// Publishes alerts `prefix`-first_node_seq.. from ME-BP (a new session each
// time: the hub may have restarted); the last hub_seq.
uint64_t PublishAlerts(HubFixture& hub, const std::string& prefix, uint64_t first_node_seq, uint64_t count) {
  testing::RawClient client(hub.context(), hub.router_endpoint());
  EXPECT_TRUE(client.Hello("ME-BP", "ME"));
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t node_seq = first_node_seq + i;
    client.Publish(testing::Pack(testing::AlertEnvelope("ME-BP", "ME", node_seq, prefix + std::to_string(node_seq))));
  }
  auto outcomes = client.CollectOutcomes(count);
  EXPECT_EQ(outcomes.size(), count);
  uint64_t last = 0;
  for (const auto& outcome : outcomes) {
    EXPECT_EQ(outcome.code, wire::RejectReason::None);
    last = std::max(last, outcome.hub_seq);
  }
  return last;
}

void RunRewind(int down_ms, const char* name, int status_interval_ms = 0) {
  HubFixture hub([&](hub::HubConfig& config) {
    if (status_interval_ms > 0) config.heartbeat_interval_ms = status_interval_ms;
  });
  ASSERT_TRUE(hub.started());
  zmq::context_t context;
  MirrorFollower follower(context, FollowerConfig(hub, "OPSROOM-FOLLOW"));
  ASSERT_TRUE(follower.PollUntil([&] { return follower.subscriber().link_state() == LinkState::kLive; }, kWaitMs));

  const uint64_t n = PublishAlerts(hub, "ME-BP:OLD-", 1, 20);
  ASSERT_TRUE(follower.CatchUpTo(n, kWaitMs));
  hub.Stop();
  const testing::TempDir copy_dir("opsroom-rewind-" + std::string(name));
  ASSERT_TRUE(copy_dir.made());
  const std::filesystem::path backup = copy_dir.path() / "hub-copy";
  testing::CopyHubData(hub.data_dir(), backup);
  ASSERT_TRUE(hub.Restart());
  const uint64_t m = PublishAlerts(hub, "ME-BP:GONE-", 21, 30);
  ASSERT_TRUE(follower.CatchUpTo(m, kWaitMs));
  ASSERT_EQ(m, n + 30);

  hub.Stop();
  follower.PollUntil([] { return false; }, down_ms);
  testing::RestoreHubData(backup, hub.data_dir());
  ASSERT_TRUE(hub.RestartAfterRestore());
  // The restored hub holds 1..n, and ME-BP's node_seq up to 20: 21.. are new again.
  const uint64_t after = PublishAlerts(hub, "ME-BP:NEW-", 21, 10);
  ASSERT_EQ(after, n + 10);
  ASSERT_TRUE(follower.PollUntil(
      [&] {
        return follower.rewinds() > 0 && follower.snapshot_done() && follower.last_seq() >= after &&
               follower.subscriber().link_state() == LinkState::kLive;
      },
      kWaitMs))
      << "rewinds " << follower.rewinds() << ", last_seq " << follower.last_seq() << ", link "
      << LinkStateName(follower.subscriber().link_state());

  EXPECT_EQ(follower.subscriber().counters().hub_rewinds, 1u);
  const std::string& detail = follower.subscriber().rewind_detail();
  // To n, or a little above when the new events were in before the follower said Hello.
  EXPECT_NE(detail.find("went back from " + std::to_string(m) + " to "), std::string::npos) << detail;
  EXPECT_NE(detail.find("reloading from a snapshot"), std::string::npos) << detail;
  EXPECT_EQ(follower.order_violations(), 0u);
  EXPECT_EQ(follower.mirror().alerts().count("ME-BP:GONE-21"), 0u) << "state the hub no longer has";
  EXPECT_EQ(follower.mirror().alerts().count("ME-BP:NEW-30"), 1u) << "the new events that reuse n+1..m";

  MirrorFollower late(context, FollowerConfig(hub, "OPSROOM-LATE"));
  ASSERT_TRUE(late.CatchUpTo(after, kWaitMs));
  EXPECT_EQ(late.mirror().DigestLines(), follower.mirror().DigestLines());
  EXPECT_EQ(late.mirror().Digest(), follower.mirror().Digest());
  EXPECT_EQ(late.rewinds(), 0u);
}

// Back before the follower's link expired: it hears of it by NoSession or HubStatus.
TEST(E2eRewind, QuickRestoreReloadsTheFollowerBySnapshot) { RunRewind(0, "quick"); }

// HubStatus every 50 ms: the restored hub's status (behind the follower) is
// likely heard before the follower's next heartbeat meets NoSession.
TEST(E2eRewind, QuickRestoreWithFrequentHubStatusReloadsTheFollower) { RunRewind(0, "status", 50); }

// Down longer than kPeerExpiryMs: the follower reconnects, and its Welcome shows it.
TEST(E2eRewind, RestoreAfterTheLinkWasLostReloadsTheFollower) { RunRewind(4000, "lost"); }

}  // namespace
}  // namespace opsroom::nodes
