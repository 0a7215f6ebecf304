#include "hub/apply.h"

#include <algorithm>
#include <map>
#include <span>
#include <string_view>

namespace opsroom::hub {

namespace {

// Ack frames stay well under the client frame limit: 1000 entries ~ 24 KB.
constexpr std::size_t kMaxAckEntries = 1000;

}  // namespace

void ApplyCommitted(const Batch& batch, int64_t now_ms, LogPosition& position, NodeTable& nodes, Stats& stats) {
  if (batch.last_seq != 0) position.committed_seq = batch.last_seq;
  stats.Add(Counter::kStored, static_cast<int64_t>(batch.last_seq == 0 ? 0 : batch.last_seq - batch.first_seq + 1));
  stats.Set(Counter::kHubSeq, static_cast<int64_t>(position.committed_seq));
  for (const auto& [origin, progress] : batch.origins) {
    NodeEntry& node = nodes.Get(origin, {});
    node.committed_seq = std::max(node.committed_seq, progress.last_node_seq);
    nodes.CountStored(node, now_ms, progress.count);
  }
}

void AckCommitted(const Batch& batch, std::vector<Reply>& replies) {
  std::map<std::string_view, std::vector<wire::AckEntry>> by_peer;
  for (const BatchAck& ack : batch.acks) by_peer[ack.peer].push_back(ack.entry);
  for (const auto& [peer, entries] : by_peer) {
    for (std::size_t i = 0; i < entries.size(); i += kMaxAckEntries) {
      std::size_t n = std::min(kMaxAckEntries, entries.size() - i);
      replies.push_back({std::string(peer), wire::BuildAck(std::span(entries).subspan(i, n))});
    }
  }
}

}  // namespace opsroom::hub
