// How a hub learns that it is a member of a cluster of hubs (docs/cluster.md,
// "Configuration"): its own raft id and the members list. Plain values, part
// of HubConfig; member_id 0 is a single hub.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace opsroom::hub {

struct ClusterMember {
  uint64_t id = 0;              // raft id, > 0
  std::string raft_address;     // host:port of raft's TCP transport (never the client port)
  std::string client_endpoint;  // tcp://host:port where clients reach this member's ROUTER
  bool operator==(const ClusterMember&) const = default;
};

struct ClusterConfig {
  uint64_t member_id = 0;  // 0: not a cluster member
  std::vector<ClusterMember> members;
  std::string raft_dir;  // raft's own directory; empty: <data_dir>/raft
  unsigned election_timeout_ms = 1000;
  unsigned heartbeat_timeout_ms = 100;

  bool operator==(const ClusterConfig&) const = default;
  bool enabled() const { return member_id != 0; }
  const ClusterMember* Find(uint64_t id) const {
    for (const ClusterMember& member : members) {
      if (member.id == id) return &member;
    }
    return nullptr;
  }
};

}  // namespace opsroom::hub
