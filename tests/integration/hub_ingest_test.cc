// Ingest through a real hub: sessions, acks, duplicates, restart.
#include <gtest/gtest.h>

#include "tests/integration/hub_fixture.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {
namespace {

TEST(HubIngest, HelloPublishAck) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("ME-BP", "ME"));
  client.Publish(Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP-1")));
  auto outcomes = client.CollectOutcomes(1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].code, wire::RejectReason::None);
  EXPECT_EQ(outcomes[0].node_seq, 1u);
  EXPECT_EQ(outcomes[0].hub_seq, 1u);
  EXPECT_FALSE(outcomes[0].duplicate);
}

}  // namespace
}  // namespace opsroom::testing
