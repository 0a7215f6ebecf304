// Node links in the hub's log (docs/protocol.md 4.2) through a real hub
// (loopback ZeroMQ, RocksDB in a temp dir) on a clock the test moves: a node
// connects, goes silent, comes back, and the log holds exactly those changes
// in order; a flapping node is bounded; a client's LinkChange is refused; a
// clean stop ends the links. Waits are bounded; nothing asserts on timing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hub/link_keeper.h"
#include "tests/integration/link_log.h"

namespace opsroom::testing {
namespace {

using wire::NodeLinkReason;
using wire::NodeLinkState;

// Past the peer expiry (3 s) by more than the tick that notices it (1 s).
constexpr int64_t kPastExpiryMs = wire::kPeerExpiryMs + wire::kHeartbeatIntervalMs + 1;
constexpr int64_t LinkKeeperWindowMs() { return hub::LinkKeeper::kWindowMs; }

// The hub expires a session at a tick once the clock has moved past its
// expiry: move it, then wait (bounded) until the hub holds no session.
bool Silence(MovedClock& clock, HubFixture& hub) {
  clock.Advance(kPastExpiryMs);
  for (int i = 0; i < 500; ++i) {
    if (hub.stats().Get(hub::Counter::kSessions) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(HubLinkLog, ANodeThatConnectsGoesSilentAndComesBackLeavesExactlyThoseChangesInOrder) {
  MovedClock clock;
  HubFixture hub(clock.Config());
  ASSERT_TRUE(hub.started());
  RawClient node(hub.context(), hub.router_endpoint());
  const int64_t hello_at = clock.Now();
  ASSERT_TRUE(node.Hello("AL-BP", "AL"));
  ASSERT_TRUE(node.Hello("AL-BP", "AL")) << "a second Hello while connected is no change";
  RawClient reader(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  ASSERT_EQ(WaitForLinkChanges(reader, "AL-BP", 1).size(), 1u);

  ASSERT_TRUE(Silence(clock, hub));
  const int64_t silent_by = clock.Now();
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));  // it expired too
  ASSERT_EQ(WaitForLinkChanges(reader, "AL-BP", 2).size(), 2u);

  clock.Advance(500);
  const int64_t back_at = clock.Now();
  ASSERT_TRUE(node.Hello("AL-BP", "AL"));  // its next frame got NoSession; it says Hello again
  std::vector<LoggedChange> changes = WaitForLinkChanges(reader, "AL-BP", 3);
  // A few more turns: nothing else may come (never per heartbeat, never twice).
  node.Send(wire::BuildHeartbeat({"AL-BP", back_at, 0, 0, "test"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  changes = LinkChangesInLog(reader, "AL-BP");

  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].state, NodeLinkState::Connected);
  EXPECT_EQ(changes[0].reason, NodeLinkReason::SessionOpened);
  EXPECT_EQ(changes[0].hub_time_ms, hello_at);
  EXPECT_EQ(changes[1].state, NodeLinkState::Silent);
  EXPECT_EQ(changes[1].reason, NodeLinkReason::HeartbeatExpiry);
  EXPECT_EQ(changes[1].hub_time_ms, silent_by);
  EXPECT_EQ(changes[2].state, NodeLinkState::Connected);
  EXPECT_EQ(changes[2].reason, NodeLinkReason::SessionOpened);
  EXPECT_EQ(changes[2].hub_time_ms, back_at);
  EXPECT_LT(changes[0].hub_seq, changes[1].hub_seq);
  EXPECT_LT(changes[1].hub_seq, changes[2].hub_seq);
  for (const LoggedChange& change : changes) EXPECT_EQ(change.suppressed, 0u);
}

TEST(HubLinkLog, AFlappingNodeGetsAtMostTheWindowsEntriesAndThenItsStateWithTheCountNotLogged) {
  MovedClock clock;
  HubFixture hub(clock.Config());
  ASSERT_TRUE(hub.started());
  RawClient node(hub.context(), hub.router_endpoint());
  RawClient reader(hub.context(), hub.router_endpoint());
  // 5 cycles of Hello and silence: 10 changes inside one 60 s window.
  for (int cycle = 0; cycle < 5; ++cycle) {
    ASSERT_TRUE(node.Hello("ME-BP", "ME"));
    ASSERT_TRUE(Silence(clock, hub));
  }
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  std::vector<LoggedChange> changes = WaitForLinkChanges(reader, "ME-BP", 6);
  ASSERT_EQ(changes.size(), 6u) << "the window's bound";
  EXPECT_EQ(changes[5].state, NodeLinkState::Silent);
  // The window ends; the node comes back: logged, with the 4 changes the bound held back.
  clock.Advance(LinkKeeperWindowMs());
  ASSERT_TRUE(Silence(clock, hub));
  ASSERT_TRUE(node.Hello("ME-BP", "ME"));
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  changes = WaitForLinkChanges(reader, "ME-BP", 7);
  ASSERT_EQ(changes.size(), 7u);
  EXPECT_EQ(changes[6].state, NodeLinkState::Connected);
  EXPECT_EQ(changes[6].reason, NodeLinkReason::Flapping);
  EXPECT_EQ(changes[6].suppressed, 4u) << "changes 7 to 10 were not logged; the 11th is this entry";
}

TEST(HubLinkLog, ANodesOwnLinkChangeIsRefusedForbiddenWithTheReason) {
  MovedClock clock;
  HubFixture hub(clock.Config());
  ASSERT_TRUE(hub.started());
  RawClient node(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(node.Hello("RS-BP", "RS"));
  wire::EnvelopeT envelope = BaseEnvelope("RS-BP", "RS", 1);
  wire::LinkChangeT change;
  change.node_id = "AL-BP";
  change.country = "AL";
  change.state = NodeLinkState::Silent;
  change.at_ms = clock.Now();
  envelope.payload.Set(std::move(change));
  node.Publish(Pack(envelope));
  auto nack = node.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  const wire::Nack* refused = AsFrame(*nack)->body_as_Nack();
  EXPECT_EQ(refused->code(), wire::RejectReason::Forbidden);
  EXPECT_NE(refused->reason()->str().find("only the hub writes LinkChanges"), std::string::npos)
      << refused->reason()->str();
  RawClient reader(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  EXPECT_TRUE(LinkChangesInLog(reader, "AL-BP").empty()) << "nothing of it reached the log";
}

TEST(HubLinkLog, ACleanStopEndsEveryOpenLinkAndARestartStartsAfresh) {
  MovedClock clock;
  HubFixture hub(clock.Config());
  ASSERT_TRUE(hub.started());
  {
    RawClient node(hub.context(), hub.router_endpoint());
    ASSERT_TRUE(node.Hello("HR-BP", "HR"));
    RawClient reader(hub.context(), hub.router_endpoint());
    ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
    ASSERT_EQ(WaitForLinkChanges(reader, "HR-BP", 1).size(), 1u);
  }
  hub.Stop();
  ASSERT_TRUE(hub.Restart());
  RawClient reader(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(reader.Hello("OPSROOM-READER", "OPSROOM", wire::ClientRole::Console));
  std::vector<LoggedChange> changes = WaitForLinkChanges(reader, "HR-BP", 2);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].state, NodeLinkState::Disconnected);
  EXPECT_EQ(changes[1].reason, NodeLinkReason::HubStop);
}

TEST(HubLinkLog, WithoutLogLinksTheLogHoldsNoLinkChange) {
  HubFixture hub;  // the library's default: off (opsroom-hub turns it on)
  ASSERT_TRUE(hub.started());
  RawClient node(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(node.Hello("AL-BP", "AL"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(LinkChangesInLog(node, "AL-BP").empty());
}

}  // namespace
}  // namespace opsroom::testing
