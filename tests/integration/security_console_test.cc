// The console's network layer over CurveZMQ, no window: a duty-officer
// console (registry role console) follows a hub with a key registry and sees
// what its role allows, a restricted ME/AL alert included; its operator's
// action is stored under the console key's identity. Without a registered key
// it sees nothing. Every wait is bounded.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "console/model/console_model.h"
#include "console/net/console_link.h"
#include "integration/hub_fixture.h"
#include "integration/security_key_dir.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;
using Clock = std::chrono::steady_clock;

// A console without a screen: its link and its model, pumped like the UI loop.
struct HeadlessConsole {
  explicit HeadlessConsole(console::LinkConfig config) : link(std::move(config)) { link.Start(); }
  template <typename Pred>
  bool PumpUntil(Pred&& done, int timeout_ms = 10'000) {
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < deadline) {
      std::vector<console::ConsoleEvent> events;
      link.SwapEvents(&events);
      for (const auto& e : events) model.Apply(e, NowMs());
      model.Refresh(NowMs());
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  bool Has(const std::string& alert_id) const { return model.alerts().Find(alert_id).has_value(); }
  console::ConsoleLink link;
  console::ConsoleModel model;
};

class SecureConsoleTest : public ::testing::Test {
 protected:
  SecureConsoleTest()
      : identities_(
            {{"ME-BP", "ME", ClientRole::NationalNode, {}}, {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
        }) {}

  console::LinkConfig ConsoleConfig(const wire::CurveClientKeys& curve, const std::string& node_id) {
    console::LinkConfig config{hub_.router_endpoint(), hub_.pub_endpoint(), "A. Marković"};
    config.curve = curve;
    config.node_id = node_id;
    return config;
  }
  // ME-BP publishes a restricted alert for ME and AL, then a public one.
  void PublishFromMe() {
    nodes::PublisherConfig config;
    config.hub_endpoint = hub_.router_endpoint();
    config.node_id = "ME-BP";
    config.country = "ME";
    config.curve = identities_[0].ClientKeys(keys_.hub_public());
    nodes::Publisher me(hub_.context(), config);
    ASSERT_TRUE(me.Connect().ok());
    for (const char* id : {"ME-BP:RESTRICTED", "ME-BP:PUBLIC"}) {
      nodes::EnvelopeHeader header{"ME-BP", "ME", me.NextNodeSeq(), "", NowMs(), {}, {}, {}};
      if (std::string(id) == "ME-BP:RESTRICTED")
        header.handling = {wire::Distribution::Restricted, {"AL"}, false, false, "", ""};
      nodes::AlertSpec alert;
      alert.alert_id = id;
      alert.title = "Speedboat off Ulcinj";
      alert.position = nodes::LatLon{41.92, 19.2};
      alert.observed_at_ms = header.sent_at_ms;
      ASSERT_TRUE(me.Publish(nodes::BuildEnvelope(header, alert)).ok());
    }
    ASSERT_TRUE(me.Flush(5000));
  }

  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(SecureConsoleTest, DutyConsoleOverCurveSeesWhatItsRoleAllowsAndActsUnderItsKey) {
  ASSERT_TRUE(hub_.started());
  PublishFromMe();
  HeadlessConsole duty(ConsoleConfig(identities_[1].ClientKeys(keys_.hub_public()), "OPSROOM-DUTY"));
  ASSERT_TRUE(duty.PumpUntil([&] { return duty.Has("ME-BP:RESTRICTED") && duty.Has("ME-BP:PUBLIC"); }))
      << "a duty-officer console sees everything, restricted items included";

  console::ActionRequest acknowledge;
  acknowledge.alert_id = "ME-BP:PUBLIC";
  acknowledge.kind = console::ActionKind::Acknowledge;
  ASSERT_TRUE(duty.link.SubmitAction(acknowledge));
  ASSERT_TRUE(duty.PumpUntil([&] { return duty.link.stats().actions_sent == 1; }));
  EXPECT_TRUE(duty.PumpUntil([&] { return hub_.stats().Get(hub::Counter::kStored) == 3; }));
}

TEST_F(SecureConsoleTest, ConsoleWithAnUnregisteredKeySeesNothing) {
  ASSERT_TRUE(hub_.started());
  PublishFromMe();
  auto stranger = wire::GenerateCurveKeyPair().value();
  HeadlessConsole intruder(
      ConsoleConfig({stranger.public_z85, stranger.secret_z85, keys_.hub_public()}, "OPSROOM-DUTY"));
  EXPECT_FALSE(intruder.PumpUntil([&] { return intruder.Has("ME-BP:PUBLIC"); }, 3000));
  EXPECT_EQ(intruder.model.alerts().size(), 0u);
}

}  // namespace
}  // namespace opsroom::testing
