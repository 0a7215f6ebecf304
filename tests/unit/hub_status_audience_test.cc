// Which part of HubStatus each identity receives (hub/status_audience.h):
// the room's consoles the whole node table, everyone else its own row.
#include <gtest/gtest.h>

#include <map>

#include "hub/status_audience.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {
namespace {

KeyEntry Key(std::string node, std::string country, wire::ClientRole role) {
  KeyEntry entry;
  entry.public_key = "key-of-" + node;
  entry.node_id = std::move(node);
  entry.country = std::move(country);
  entry.role = role;
  return entry;
}

TEST(HubStatusAudience, ConsolesGetTheTableEveryoneElseItsOwnRow) {
  KeyTable keys;
  for (KeyEntry entry : {Key("ME-BP", "ME", wire::ClientRole::NationalNode),
                         Key("EUROPOL-EMSC", "EUROPOL", wire::ClientRole::PartnerAgency),
                         Key("OPSROOM-PLAN", "OPSROOM", wire::ClientRole::Planner),
                         Key("OPSROOM-DUTY", "OPSROOM", wire::ClientRole::Console)}) {
    keys.by_key[entry.public_key] = entry;
  }
  wire::HubStatusFields full;
  full.hub_seq = 541;
  for (const char* node : {"ME-BP", "ME-BPX", "EUROPOL-EMSC"}) {
    wire::NodeStatusFields row;
    row.node_id = node;
    row.last_node_seq = 541;
    full.nodes.push_back(row);
  }
  std::map<std::string, std::vector<std::string>> rows_by_topic;
  for (const StatusMessage& message : StatusByAudience(full, keys)) {
    EXPECT_EQ(message.fields.hub_seq, 541u) << message.topic;
    auto& rows = rows_by_topic[message.topic];
    for (const auto& row : message.fields.nodes) rows.push_back(row.node_id);
  }
  EXPECT_EQ(rows_by_topic.size(), 4u) << "the room's, ME-BP's, EUROPOL-EMSC's and OPSROOM-PLAN's";
  EXPECT_EQ(rows_by_topic["st.room."], (std::vector<std::string>{"ME-BP", "ME-BPX", "EUROPOL-EMSC"}));
  EXPECT_EQ(rows_by_topic["st.node.ME-BP."], (std::vector<std::string>{"ME-BP"}));
  EXPECT_EQ(rows_by_topic["st.node.EUROPOL-EMSC."], (std::vector<std::string>{"EUROPOL-EMSC"}));
  EXPECT_TRUE(rows_by_topic["st.node.OPSROOM-PLAN."].empty()) << "a planner is not the room's console";
  EXPECT_EQ(StatusTopicFor(Key("OPSROOM-DUTY", "OPSROOM", wire::ClientRole::Console)), "st.room.");
  EXPECT_EQ(StatusTopicFor(Key("ME-BP", "ME", wire::ClientRole::NationalNode)), "st.node.ME-BP.");
  EXPECT_TRUE(wire::IsHubStatusTopic("st.node.ME-BP."));
  EXPECT_FALSE(wire::IsHubStatusTopic("ev.pub.alert.ME-BP"));
}

}  // namespace
}  // namespace opsroom::hub
