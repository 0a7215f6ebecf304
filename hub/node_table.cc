#include "hub/node_table.h"

namespace opsroom::hub {

NodeEntry& NodeTable::Get(std::string_view node_id, std::string_view country) {
  auto it = nodes_.find(node_id);
  if (it == nodes_.end()) {
    it = nodes_.emplace(std::string(node_id), NodeEntry{}).first;
    it->second.country = std::string(country);
  } else if (it->second.country.empty() && !country.empty()) {
    // A cluster follower met the node in an applied entry, which names no
    // country; its stored record does (HubCore::Reload).
    it->second.country = std::string(country);
  }
  return it->second;
}

const NodeEntry* NodeTable::Find(std::string_view node_id) const {
  auto it = nodes_.find(node_id);
  return it == nodes_.end() ? nullptr : &it->second;
}

void NodeTable::CountStored(NodeEntry& entry, int64_t now_ms, uint32_t count) {
  int64_t second = now_ms / 1000;
  std::size_t slot = static_cast<std::size_t>(second % 60);
  if (entry.second_of_slot[slot] != second) {
    entry.second_of_slot[slot] = second;
    entry.per_second[slot] = 0;
  }
  entry.per_second[slot] += count;
}

uint32_t NodeTable::MessagesLastMinute(const NodeEntry& entry, int64_t now_ms) const {
  int64_t second = now_ms / 1000;
  uint32_t total = 0;
  for (std::size_t i = 0; i < 60; ++i) {
    if (second - entry.second_of_slot[i] < 60) total += entry.per_second[i];
  }
  return total;
}

void NodeTable::RollBackAccepted() {
  for (auto& [id, entry] : nodes_) entry.accepted_seq = entry.committed_seq;
}

}  // namespace opsroom::hub
