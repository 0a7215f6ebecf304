// The Subscriber configuration the end-to-end tests give a follower: the
// fixture hub's endpoints (or `fanout`, e.g. a lossy relay), an ops-room identity.
#pragma once
#include <string>

#include "nodes/client/subscriber.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::testing {

inline nodes::SubscriberConfig FollowerConfig(const HubFixture& hub, const std::string& node_id,
                                              const std::string& fanout = "") {
  nodes::SubscriberConfig config;
  config.hub_endpoint = hub.router_endpoint();
  config.fanout_endpoint = fanout.empty() ? hub.pub_endpoint() : fanout;
  config.node_id = node_id;
  config.country = "OPSROOM";
  return config;
}

}  // namespace opsroom::testing
