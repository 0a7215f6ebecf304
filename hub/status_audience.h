// Who sees which part of HubStatus in secure mode (docs/protocol.md section
// 10.4): the room's consoles get the whole node table under "st.room."; every
// other identity gets its own row only, under "st.node.<NODE_ID>.". Traffic
// metadata of one node (its node_seq, message rate, outbox) never reaches
// another node or a partner. Pure functions; the fan-out grants each identity
// its one status topic (audience.h) and publishes what these return.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "hub/key_registry.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

inline constexpr std::string_view kTopicStatusRoom = "st.room.";
inline constexpr std::string_view kTopicStatusNodePrefix = "st.node.";

// "st.node.ME-BP." (the final dot keeps ME-BP from matching ME-BPX).
std::string NodeStatusTopic(std::string_view node_id);
// The status topic an identity is granted: the room's for a console, its own otherwise.
std::string StatusTopicFor(const KeyEntry& identity);

struct StatusMessage {
  std::string topic;
  wire::HubStatusFields fields;
};
// One message for the consoles (every row) and one per other identity of
// `keys` (its own row, or none before it has sent anything). The hub-wide
// fields (hub_seq, durable, store_error) are the same in all.
std::vector<StatusMessage> StatusByAudience(const wire::HubStatusFields& full, const KeyTable& keys);

}  // namespace opsroom::hub
