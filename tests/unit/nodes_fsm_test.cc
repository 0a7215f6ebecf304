// The node library's state machines as tables, and the endpoint arithmetic.
#include <gtest/gtest.h>

#include "nodes/client/publisher_session.h"
#include "nodes/client/subscriber_link.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes {
namespace {

struct SessionRow {
  SessionState from;
  SessionEvent event;
  SessionState to;
};

TEST(NodesPublisherSession, Table) {
  using S = SessionState;
  using E = SessionEvent;
  const SessionRow rows[] = {
      {S::kDisconnected, E::kHelloSent, S::kHandshaking},
      {S::kDisconnected, E::kWelcome, S::kDisconnected},
      {S::kDisconnected, E::kNoSession, S::kDisconnected},
      {S::kHandshaking, E::kWelcome, S::kReady},
      {S::kHandshaking, E::kNoSession, S::kHandshaking},  // answers to frames sent before Hello
      {S::kHandshaking, E::kHelloRefused, S::kRefused},
      {S::kHandshaking, E::kHelloSent, S::kHandshaking},  // Hello resent after a silence
      {S::kReady, E::kNoSession, S::kHandshaking},        // hub restarted or expired us
      {S::kReady, E::kWelcome, S::kReady},                // a late answer to a resent Hello
      {S::kReady, E::kHelloRefused, S::kReady},
      {S::kRefused, E::kWelcome, S::kRefused},
      {S::kRefused, E::kNoSession, S::kRefused},
      {S::kRefused, E::kHelloSent, S::kHandshaking},  // Connect again
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Step(row.from, row.event), row.to)
        << SessionStateName(row.from) << " + event " << static_cast<int>(row.event);
  }
}

struct LinkRow {
  LinkState from;
  LinkEvent event;
  LinkState to;
};

TEST(NodesSubscriberLink, Table) {
  using S = LinkState;
  using E = LinkEvent;
  const LinkRow rows[] = {
      {S::kConnecting, E::kWelcomeNeedSnapshot, S::kSnapshot},
      {S::kConnecting, E::kWelcomeHaveState, S::kCatchingUp},
      {S::kConnecting, E::kHubSilent, S::kLost},
      {S::kConnecting, E::kCaughtUp, S::kConnecting},
      {S::kSnapshot, E::kSnapshotDone, S::kCatchingUp},
      {S::kSnapshot, E::kGap, S::kSnapshot},
      {S::kSnapshot, E::kNoSession, S::kConnecting},
      {S::kSnapshot, E::kHubSilent, S::kLost},
      {S::kCatchingUp, E::kCaughtUp, S::kLive},
      {S::kCatchingUp, E::kGap, S::kCatchingUp},
      {S::kCatchingUp, E::kNoSession, S::kConnecting},
      {S::kLive, E::kGap, S::kCatchingUp},
      {S::kLive, E::kHubSilent, S::kLost},
      {S::kLive, E::kNoSession, S::kConnecting},
      {S::kLive, E::kCaughtUp, S::kLive},
      {S::kLost, E::kRetry, S::kConnecting},
      {S::kLost, E::kWelcomeHaveState, S::kLost},
      {S::kLost, E::kNoSession, S::kLost},
      {S::kLost, E::kHubSilent, S::kLost},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Step(row.from, row.event), row.to)
        << LinkStateName(row.from) << " + event " << static_cast<int>(row.event);
  }
}

TEST(NodesZmqLink, FanoutIsThePortAfterTheHubs) {
  EXPECT_EQ(FanoutEndpointFor("tcp://127.0.0.1:7700"), "tcp://127.0.0.1:7701");
  EXPECT_EQ(FanoutEndpointFor("tcp://[::1]:9000"), "tcp://[::1]:9001");
  EXPECT_EQ(FanoutEndpointFor("tcp://127.0.0.1:*"), "");
  EXPECT_EQ(FanoutEndpointFor("ipc:///tmp/hub"), "");
  EXPECT_EQ(FanoutEndpointFor("tcp://127.0.0.1:65535"), "");
}

}  // namespace
}  // namespace opsroom::nodes
