#include "nodes/client/subscriber_link.h"

namespace opsroom::nodes {

LinkState Step(LinkState state, LinkEvent event) {
  if (event == LinkEvent::kHubSilent) return LinkState::kLost;
  if (state == LinkState::kLost) return event == LinkEvent::kRetry ? LinkState::kConnecting : state;
  if (event == LinkEvent::kNoSession) return LinkState::kConnecting;
  switch (state) {
    case LinkState::kConnecting:
      if (event == LinkEvent::kWelcomeNeedSnapshot) return LinkState::kSnapshot;
      if (event == LinkEvent::kWelcomeHaveState) return LinkState::kCatchingUp;
      return state;
    case LinkState::kSnapshot: return event == LinkEvent::kSnapshotDone ? LinkState::kCatchingUp : state;
    case LinkState::kCatchingUp: return event == LinkEvent::kCaughtUp ? LinkState::kLive : state;
    case LinkState::kLive: return event == LinkEvent::kGap ? LinkState::kCatchingUp : state;
    case LinkState::kLost: break;
  }
  return state;
}

const char* LinkStateName(LinkState state) {
  switch (state) {
    case LinkState::kConnecting: return "connecting";
    case LinkState::kSnapshot: return "snapshot";
    case LinkState::kCatchingUp: return "catching-up";
    case LinkState::kLive: return "live";
    case LinkState::kLost: return "lost";
  }
  return "?";
}

}  // namespace opsroom::nodes
