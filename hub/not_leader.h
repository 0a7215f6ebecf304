// A Publish on a hub that is not the cluster's leader (docs/cluster.md,
// "Roles"): refused with the retryable NotLeader, naming the leader's client
// endpoint when known, before anything of it is judged or staged. Loop thread.
#pragma once
#include <cstdint>
#include <vector>

#include "hub/frame_context.h"
#include "hub/leadership.h"
#include "hub/reply.h"
#include "hub/stats.h"

namespace opsroom::hub {

// True when `leadership` (nullptr: a single hub, always leading) says this hub
// does not lead: the Nack is in `replies` and counted (refused.NotLeader).
// Not an audit denial: the sender did nothing wrong, and a follower has no
// batch of its own to record it in (docs/cluster.md, "What is replicated").
bool RefusedAsNotLeader(const LeadershipSource* leadership, const FrameContext& frame, uint64_t request_id,
                        uint64_t node_seq, Stats& stats, std::vector<Reply>& replies);

}  // namespace opsroom::hub
