#include "hub/not_leader.h"

#include <string>

namespace opsroom::hub {

bool RefusedAsNotLeader(const LeadershipSource* leadership, const FrameContext& frame, uint64_t request_id,
                        uint64_t node_seq, Stats& stats, std::vector<Reply>& replies) {
  if (leadership == nullptr) return false;
  Leadership now = leadership->Current();
  if (now.leading) return false;
  std::string text = now.leader_endpoint.empty()
                         ? "this hub does not lead the cluster and knows no leader yet (an election): try the "
                           "other hubs or again shortly"
                         : "this hub does not lead the cluster: publish to " + now.leader_endpoint;
  stats.Refused(wire::RejectReason::NotLeader);
  replies.push_back({std::string(frame.peer),
                     wire::BuildNack(request_id, node_seq, wire::RejectReason::NotLeader, text, now.leader_endpoint)});
  return true;
}

}  // namespace opsroom::hub
