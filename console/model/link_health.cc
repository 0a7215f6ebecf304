#include "console/model/link_health.h"

#include <algorithm>

namespace opsroom::console {

const char* LinkHealthName(LinkHealth health) {
  switch (health) {
    case LinkHealth::kUnknown: return "unknown";
    case LinkHealth::kHealthy: return "healthy";
    case LinkHealth::kLate: return "late";
    case LinkHealth::kSilent: return "silent";
    case LinkHealth::kDisconnected: return "offline";
  }
  return "?";
}

LinkHealth ClassifyNode(bool connected, int64_t last_heartbeat_ms, int64_t hub_now_ms) {
  if (last_heartbeat_ms == 0) return connected ? LinkHealth::kLate : LinkHealth::kDisconnected;
  int64_t age = hub_now_ms - last_heartbeat_ms;
  if (age > kNodeSilentAfterMs) return LinkHealth::kSilent;
  if (!connected) return LinkHealth::kDisconnected;
  if (age > 2 * kNodeHeartbeatIntervalMs) return LinkHealth::kLate;
  return LinkHealth::kHealthy;
}

void NodeTable::Apply(const HubStatusValue& status, int64_t local_now_ms) {
  status_ = status;
  received_local_ms_ = local_now_ms;
  ++revision_;
}

int64_t NodeTable::HubNow(int64_t local_now_ms) const {
  return status_.at_ms + std::max<int64_t>(0, local_now_ms - received_local_ms_);
}

bool NodeTable::hub_silent(int64_t local_now_ms) const {
  return !has_status() || local_now_ms - received_local_ms_ > kHubSilentAfterMs;
}

LinkHealth NodeTable::NodeHealth(const NodeValue& node, int64_t local_now_ms) const {
  return ClassifyNode(node.connected, node.last_heartbeat_ms, HubNow(local_now_ms));
}

LinkHealth NodeTable::CountryHealth(std::string_view country, int64_t local_now_ms) const {
  // The best of the country's nodes: the country's link to the room is up
  // while any of its nodes is (a one-off CLI session that left is no alarm);
  // the nodes panel shows each node.
  LinkHealth best = LinkHealth::kUnknown;
  for (const auto& node : status_.nodes) {
    if (node.country != country) continue;
    LinkHealth health = NodeHealth(node, local_now_ms);
    if (best == LinkHealth::kUnknown || health < best) best = health;
  }
  return best;
}

}  // namespace opsroom::console
