// Need-to-know of node links in the log (docs/protocol.md 4.2, 10.4) through
// a real secure hub (CURVE, key registry, RocksDB in a temp dir): a
// LinkChange is the room's, like HubStatus's node table: the duty console and
// the room's planner receive it live and by replay; no national node (not
// even the node whose link it is) and no partner does. Waits are bounded.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/integration/secure_hub_fixture.h"

namespace opsroom::testing {
namespace {

class SecureLinkLogTest : public SecureHubTest {
 protected:
  SecureLinkLogTest() : SecureHubTest({}, [](hub::HubConfig& config) { config.log_links = true; }) {}
};

// The ids of the hub's own entries among `ids` ("OPSROOM-HUB:<hub_seq>"): here, link changes.
std::set<std::string> HubEntries(const std::set<std::string>& ids) {
  std::set<std::string> out;
  for (const std::string& id : ids) {
    if (id.rfind("OPSROOM-HUB:", 0) == 0) out.insert(id);
  }
  return out;
}

TEST_F(SecureLinkLogTest, LinkChangesReachTheRoomOnlyLiveAndByReplay) {
  ASSERT_TRUE(hub_.started());
  auto duty_sub = Subscribe("OPSROOM-DUTY");
  auto plan_sub = Subscribe("OPSROOM-PLAN");
  auto al_sub = Subscribe("AL-BP");
  auto rs_sub = Subscribe("RS-BP");
  auto europol_sub = Subscribe("EUROPOL-EMSC");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // subscriptions reach the hub
  auto al = Connect("AL-BP");  // the hub logs AL-BP's link: connected
  auto me = Connect("ME-BP");  // and ME-BP's
  ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A-public")), 0);  // a marker everyone sees

  std::set<std::string> duty_live = Drain(*duty_sub, "ME-BP:1");
  std::set<std::string> plan_live = Drain(*plan_sub, "ME-BP:1");
  EXPECT_GE(HubEntries(duty_live).size(), 2u) << "AL-BP's and ME-BP's link changes";
  EXPECT_EQ(HubEntries(plan_live), HubEntries(duty_live)) << "the room's planners are the room";
  const std::set<std::string> marker_only = {"ME-BP:1"};
  EXPECT_EQ(Drain(*al_sub, "ME-BP:1"), marker_only) << "not even its own link";
  EXPECT_EQ(Drain(*rs_sub, "ME-BP:1"), marker_only);
  EXPECT_EQ(Drain(*europol_sub, "ME-BP:1"), marker_only);

  auto duty = Connect("OPSROOM-DUTY");
  std::set<std::string> duty_replayed = HubEntries(ReplayAll(*duty));
  for (const std::string& id : HubEntries(duty_live)) EXPECT_EQ(duty_replayed.count(id), 1u) << id << " by replay";
  auto rs = Connect("RS-BP");
  EXPECT_EQ(ReplayAll(*rs), marker_only) << "a national node's replay withholds every link change";
  EXPECT_EQ(ReplayAll(*al), marker_only);
  auto europol = Connect("EUROPOL-EMSC");
  EXPECT_EQ(ReplayAll(*europol), marker_only);
}

}  // namespace
}  // namespace opsroom::testing
