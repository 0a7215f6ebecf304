// The subscriber's link to the hub as a state machine (the Clone pattern of
// docs/protocol.md section 8): connect, snapshot, catch up by replay, live;
// any silence loses the link, and a lost link reconnects and catches up.
// Pure; tested as a table in tests/unit/nodes_fsm_test.cc.
#pragma once
#include "nodes/client/subscriber.h"

namespace opsroom::nodes {

enum class LinkEvent {
  kWelcomeNeedSnapshot,  // Welcome, and we hold no state yet
  kWelcomeHaveState,     // Welcome, and we know where to replay from
  kSnapshotDone,
  kCaughtUp,   // the replay reached the hub's sequence and the live buffer
  kGap,        // a live event or HubStatus showed a missing hub_seq
  kNoSession,  // the hub forgot our session: Hello again
  kHubSilent,  // no HubStatus or no reply for kPeerExpiryMs, or a refusal
  kRetry,      // the reconnect delay has passed
};

LinkState Step(LinkState state, LinkEvent event);

}  // namespace opsroom::nodes
