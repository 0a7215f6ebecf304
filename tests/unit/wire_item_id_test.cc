// Which item an id names (wire/item_id.h, docs/protocol.md section 6.1).
#include <gtest/gtest.h>

#include "wire/item_id.h"

namespace opsroom::wire {
namespace {

TEST(WireItemId, NodePrefixIsANodeIdAndAColon) {
  EXPECT_EQ(NodePrefix("ME-BP:A-17"), "ME-BP");
  EXPECT_EQ(NodePrefix("EUROPOL-EMSC:JAD-WB-2026"), "EUROPOL-EMSC");
  EXPECT_EQ(NodePrefix("OPSROOM-PLAN:OP:1"), "OPSROOM-PLAN");
  EXPECT_EQ(NodePrefix("JAD-WB-2026"), "");
  EXPECT_EQ(NodePrefix("A1"), "");
  EXPECT_EQ(NodePrefix("SIENA:123"), "") << "not a participant code";
  EXPECT_EQ(NodePrefix("ME-bp:1"), "") << "agency in A-Z 0-9";
  EXPECT_EQ(NodePrefix("ME-:1"), "");
  EXPECT_EQ(NodePrefix("ME-ABCDEFGHIJKLMNOP:1"), "ME-ABCDEFGHIJKLMNOP") << "agency of 16 characters";
  EXPECT_EQ(NodePrefix("ME-ABCDEFGHIJKLMNOPQ:1"), "") << "agency of 17 characters";
  EXPECT_EQ(NodePrefix(":A1"), "");
}

TEST(WireItemId, AnIdWithoutAPrefixIsInItsSendersNamespace) {
  EXPECT_EQ(EffectiveId("ME-BP", "A-1"), "ME-BP:A-1");
  EXPECT_EQ(EffectiveId("AL-BP", "A-1"), "AL-BP:A-1") << "the same short id of two nodes: two items";
  EXPECT_EQ(EffectiveId("EUROPOL-EMSC", "JAD-WB-2026"), "EUROPOL-EMSC:JAD-WB-2026");
  EXPECT_EQ(EffectiveId("ME-BP", "SIENA:123"), "ME-BP:SIENA:123") << "a colon alone is not a node prefix";
  EXPECT_EQ(EffectiveId("ME-BP", "me-bp:A-1"), "ME-BP:me-bp:A-1");
}

TEST(WireItemId, AnIdWithAPrefixNamesThatItemFromAnySender) {
  EXPECT_EQ(EffectiveId("ME-BP", "ME-BP:A-1"), "ME-BP:A-1") << "never doubled";
  EXPECT_EQ(EffectiveId("AL-BP", "ME-BP:A-1"), "ME-BP:A-1") << "a reference to another node's item";
  EXPECT_EQ(EffectiveId("ME-BP", ""), "") << "an absent reference stays absent";
}

}  // namespace
}  // namespace opsroom::wire
