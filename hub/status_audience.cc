#include "hub/status_audience.h"

#include <set>

namespace opsroom::hub {

std::string NodeStatusTopic(std::string_view node_id) {
  return std::string(kTopicStatusNodePrefix) + std::string(node_id) + ".";
}

std::string StatusTopicFor(const KeyEntry& identity) {
  return identity.role == wire::ClientRole::Console ? std::string(kTopicStatusRoom) : NodeStatusTopic(identity.node_id);
}

std::vector<StatusMessage> StatusByAudience(const wire::HubStatusFields& full, const KeyTable& keys) {
  std::vector<StatusMessage> messages;
  messages.push_back({std::string(kTopicStatusRoom), full});
  std::set<std::string> nodes;
  for (const auto& [key, entry] : keys.by_key) {
    if (entry.role != wire::ClientRole::Console) nodes.insert(entry.node_id);
  }
  for (const std::string& node_id : nodes) {
    StatusMessage own{NodeStatusTopic(node_id), full};
    own.fields.nodes.clear();
    for (const wire::NodeStatusFields& row : full.nodes) {
      if (row.node_id == node_id) own.fields.nodes.push_back(row);
    }
    messages.push_back(std::move(own));
  }
  return messages;
}

}  // namespace opsroom::hub
