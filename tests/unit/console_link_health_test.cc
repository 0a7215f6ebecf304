// Node link health: silent past the heartbeat deadline, on the hub's clock.
#include <gtest/gtest.h>

#include "console/model/link_health.h"

namespace opsroom::console {
namespace {

TEST(LinkHealth, ClassifyTable) {
  struct Row {
    bool connected;
    int64_t last;
    int64_t now;
    LinkHealth expected;
  };
  const Row rows[] = {
      {true, 10'000, 10'500, LinkHealth::kHealthy},
      {true, 10'000, 12'000, LinkHealth::kHealthy},
      {true, 10'000, 12'001, LinkHealth::kLate},
      {true, 10'000, 13'000, LinkHealth::kLate},
      {true, 10'000, 13'001, LinkHealth::kSilent},
      {false, 10'000, 13'001, LinkHealth::kSilent},
      {false, 10'000, 10'100, LinkHealth::kDisconnected},
      {false, 0, 10'100, LinkHealth::kDisconnected},
      {true, 0, 10'100, LinkHealth::kLate},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(ClassifyNode(row.connected, row.last, row.now), row.expected)
        << row.connected << " " << row.last << " " << row.now;
  }
}

NodeValue Node(const std::string& id, const std::string& country, int64_t last) {
  NodeValue n;
  n.node_id = id;
  n.country = country;
  n.connected = true;
  n.last_heartbeat_ms = last;
  return n;
}

TEST(NodeTable, AgesOnTheHubClockAndCountryTakesItsBestNode) {
  NodeTable table;
  HubStatusValue status;
  status.at_ms = 1'000'000;  // the hub's clock, far from the console's
  status.nodes = {Node("ME-BP", "ME", 999'800), Node("ME-CUS", "ME", 999'900), Node("RS-BP", "RS", 999'900)};
  table.Apply(status, 5'000);
  EXPECT_EQ(table.CountryHealth("ME", 5'000), LinkHealth::kHealthy);
  EXPECT_EQ(table.CountryHealth("AL", 5'000), LinkHealth::kUnknown);
  status.nodes[0].last_heartbeat_ms = 996'000;  // ME-BP went quiet, ME-CUS still live
  table.Apply(status, 5'000);
  EXPECT_EQ(table.NodeHealth(status.nodes[0], 5'000), LinkHealth::kSilent);
  EXPECT_EQ(table.CountryHealth("ME", 5'000), LinkHealth::kHealthy);
  status.nodes[1].last_heartbeat_ms = 995'000;  // and now ME-CUS too
  table.Apply(status, 5'000);
  EXPECT_EQ(table.CountryHealth("ME", 5'000), LinkHealth::kSilent);
  EXPECT_EQ(table.CountryHealth("RS", 5'000), LinkHealth::kHealthy);
  // No new status for a while: the hub's clock is advanced by the local one.
  EXPECT_EQ(table.CountryHealth("RS", 9'000), LinkHealth::kSilent);
  EXPECT_TRUE(table.hub_silent(9'000));
  EXPECT_FALSE(table.hub_silent(5'500));
}

}  // namespace
}  // namespace opsroom::console
