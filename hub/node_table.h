// What the hub knows about each node: its sequence watermarks (loaded from the
// store on open, so a new message needs no RocksDB read for dedupe) and its
// liveness for HubStatus. Owned by the hub's loop thread.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "wire/frame_builder.h"

namespace opsroom::hub {

struct NodeEntry {
  std::string country;
  uint64_t accepted_seq = 0;   // highest node_seq accepted (possibly not yet committed)
  uint64_t committed_seq = 0;  // highest node_seq durably stored
  // A new node_seq refused with a 5xx code (0: none): later node_seqs get the
  // same code until one at or below it is accepted (docs/protocol.md 5.5).
  uint64_t retry_first_seq = 0;
  wire::RejectReason retry_code = wire::RejectReason::None;
  int64_t last_heartbeat_ms = 0;
  uint32_t outbox_depth = 0;
  int64_t oldest_unsent_age_ms = 0;
  std::string software_version;
  // Messages stored per second over the last minute, as a ring indexed by second.
  std::array<uint32_t, 60> per_second{};
  std::array<int64_t, 60> second_of_slot{};
};

class NodeTable {
 public:
  NodeEntry& Get(std::string_view node_id, std::string_view country);
  const NodeEntry* Find(std::string_view node_id) const;
  void CountStored(NodeEntry& entry, int64_t now_ms, uint32_t count);
  uint32_t MessagesLastMinute(const NodeEntry& entry, int64_t now_ms) const;
  // After a failed commit: forget what was accepted but not stored.
  void RollBackAccepted();
  const std::map<std::string, NodeEntry, std::less<>>& all() const { return nodes_; }

 private:
  std::map<std::string, NodeEntry, std::less<>> nodes_;
};

}  // namespace opsroom::hub
