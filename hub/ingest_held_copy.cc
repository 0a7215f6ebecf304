// Ingest's side of held copies (hub/held_copy.h): a report the hub already
// holds is acknowledged as a duplicate of the held version, once that version
// is durable, and its node_seq counts as taken (Welcome.last_node_seq, resends).
#include "hub/held_copy.h"
#include "hub/ingest.h"

namespace opsroom::hub {

std::optional<uint64_t> Ingest::FindHeldCopyOf(const wire::Envelope& envelope,
                                               const std::optional<EntityRecord>& current) {
  return FindHeldCopy(envelope, current, store_, [this](uint64_t hub_seq) { return EventBytes(hub_seq); });
}

void Ingest::AckHeldCopy(std::string_view peer, NodeEntry& node, const wire::Envelope& envelope,
                         uint64_t held_hub_seq) {
  uint64_t node_seq = envelope.node_seq();
  node.accepted_seq = node_seq;
  node.retry_first_seq = 0;  // as for a stored message: the order is safe again
  // Recorded like a stored message's pair, so that a resend of this node_seq
  // finds the held hub_seq, and the node's last node_seq moves on.
  Batch::OriginProgress& progress = building_->origins[std::string(envelope.origin()->string_view())];
  if (progress.first_node_seq == 0) progress.first_node_seq = node_seq;
  progress.last_node_seq = node_seq;
  AppendDedupePair(progress.dedupe_group, node_seq, held_hub_seq);
  stats_.Add(Counter::kDuplicates);
  // Acked with the batch being built: after the held version is durable.
  building_->acks.push_back({std::string(peer), wire::AckEntry(node_seq, held_hub_seq, true)});
}

}  // namespace opsroom::hub
