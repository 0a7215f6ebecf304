// The publish check's side of held copies (hub/held_copy.h): a report the hub
// already holds is acknowledged as a duplicate of the held version, once that
// version is durable, and its node_seq counts as taken (Welcome.last_node_seq, resends).
#include "hub/held_copy.h"
#include "hub/publish_check.h"

namespace opsroom::hub {

std::optional<uint64_t> PublishCheck::FindHeldCopyOf(const wire::Envelope& envelope,
                                                     const std::optional<EntityRecord>& current) {
  return FindHeldCopy(envelope, current, parts_.store, [this](uint64_t hub_seq) { return EventBytes(hub_seq); });
}

void PublishCheck::AckHeldCopy(const FrameContext& frame, NodeEntry& node, const wire::Envelope& envelope,
                               uint64_t held_hub_seq) {
  uint64_t node_seq = envelope.node_seq();
  node.accepted_seq = node_seq;
  node.retry_first_seq = 0;  // as for a stored message: the order is safe again
  // Recorded like a stored message's pair, so that a resend of this node_seq
  // finds the held hub_seq, and the node's last node_seq moves on.
  Batch& building = parts_.batches.building();
  Batch::OriginProgress& progress = building.origins[std::string(envelope.origin()->string_view())];
  if (progress.first_node_seq == 0) progress.first_node_seq = node_seq;
  progress.last_node_seq = node_seq;
  AppendDedupePair(progress.dedupe_group, node_seq, held_hub_seq);
  parts_.stats.Add(Counter::kDuplicates);
  // Acked with the batch being built: after the held version is durable.
  building.acks.push_back({std::string(frame.peer), wire::AckEntry(node_seq, held_hub_seq, true)});
}

}  // namespace opsroom::hub
