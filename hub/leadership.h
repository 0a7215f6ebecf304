// Who takes Publishes. A single hub always does. A member of a cluster of hubs
// (docs/cluster.md) does only while raft has made it leader and it has caught
// up with everything committed before; otherwise it refuses a Publish with
// the retryable NotLeader (docs/protocol.md) naming the leader's client
// endpoint when it knows one, so that the publisher goes there and resends.
// Asked on the hub's loop thread for every Publish: an implementation answers
// from a copy it keeps current, never by calling into raft.
#pragma once
#include <string>

namespace opsroom::hub {

struct Leadership {
  bool leading = true;
  // The leader's client endpoint (tcp://host:port) as the members list names
  // it; empty while leading, or when no leader is known (an election).
  std::string leader_endpoint;
};

class LeadershipSource {
 public:
  virtual ~LeadershipSource() = default;
  virtual Leadership Current() const = 0;
};

}  // namespace opsroom::hub
