// The national nodes as the hub last reported them (HubStatus), and how
// healthy each node's and each country's link is. A node is silent once its
// last heartbeat is older than the protocol's peer expiry (interval x
// liveness). Ages are measured on the hub's clock, advanced by the local
// clock since the report, so clock skew between hub and console does not
// matter. UI thread only.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "console/model/events.h"
#include "wire/protocol_constants.h"

namespace opsroom::console {

enum class LinkHealth : uint8_t { kUnknown, kHealthy, kLate, kSilent, kDisconnected };
const char* LinkHealthName(LinkHealth health);

// Heartbeat timing: the protocol's own (wire/protocol_constants.h).
inline constexpr int64_t kNodeHeartbeatIntervalMs = wire::kHeartbeatIntervalMs;
inline constexpr int64_t kNodeSilentAfterMs = wire::kPeerExpiryMs;  // interval x liveness
// The hub itself publishes status every interval; past this it is silent too.
inline constexpr int64_t kHubSilentAfterMs = kNodeSilentAfterMs;

// Pure: a node's health given its heartbeat age (ms on the hub clock).
LinkHealth ClassifyNode(bool connected, int64_t last_heartbeat_ms, int64_t hub_now_ms);

class NodeTable {
 public:
  void Apply(const HubStatusValue& status, int64_t local_now_ms);

  // The hub's clock now, estimated from the last status.
  int64_t HubNow(int64_t local_now_ms) const;
  bool hub_silent(int64_t local_now_ms) const;
  bool has_status() const { return received_local_ms_ != 0; }
  // The local time the last status arrived: when the hub was last heard from.
  int64_t received_local_ms() const { return received_local_ms_; }

  const std::vector<NodeValue>& nodes() const { return status_.nodes; }
  const HubStatusValue& status() const { return status_; }
  LinkHealth NodeHealth(const NodeValue& node, int64_t local_now_ms) const;
  // The best health among the country's nodes (kUnknown: none reported).
  LinkHealth CountryHealth(std::string_view country, int64_t local_now_ms) const;
  // Changes when the report changes.
  uint64_t revision() const { return revision_; }

 private:
  HubStatusValue status_;
  int64_t received_local_ms_ = 0;
  uint64_t revision_ = 0;
};

}  // namespace opsroom::console
