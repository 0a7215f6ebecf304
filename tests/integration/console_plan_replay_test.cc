// Issue 14 against a real hub: a planner's console sends an operation from the
// editor's form (a duty console's is refused Forbidden, docs/protocol.md
// 10.1), and the replay's link (the log from sequence 1) rebuilds a picture
// equal to the live console's.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "console/model/replay_session.h"
#include "tests/integration/headless_console.h"

namespace opsroom::console {
namespace {

OperationForm Drino(const std::string& code) {
  OperationForm form;
  form.code = code;
  form.name = "Mixed patrols Kakavia";
  form.lead = "AL";
  form.participants = {"AL", "GR", "FRONTEX"};
  form.crime_areas = Bit(CrimeArea::MigrantSmuggling);
  form.area = {{40.25, 19.95}, {40.25, 20.45}, {39.85, 20.55}};
  form.place_codes = {"BCP-AL-GR-KAKAVIA"};
  form.starts_at_ms = opsroom::testing::NowMs();
  form.phase = OperationPhase::Active;
  form.report_every_hours = 4;
  return form;
}

// A console whose key has `role`, acting as `name`: its link and what the hub answered.
struct RoleConsole {
  RoleConsole(HubFixture& hub, const std::string& name, wire::ClientRole role) : link(Config(hub, name, role)) {
    link.Start();
  }
  static LinkConfig Config(HubFixture& hub, const std::string& name, wire::ClientRole role) {
    LinkConfig config{hub.router_endpoint(), hub.pub_endpoint(), name};
    config.role = role;
    return config;
  }
  std::optional<ActionOutcomeValue> OutcomeFor(const std::string& code) {
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
      std::vector<ConsoleEvent> events;
      link.SwapEvents(&events);
      for (const auto& e : events) {
        if (const auto* o = std::get_if<ActionOutcomeValue>(&e); o && o->alert_id == code) return *o;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }
  ConsoleLink link;
};

TEST(ConsolePlanner, APlannersFormBecomesTheRoomsOperationAndADutyConsolesIsRefused) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RoleConsole planner(hub, "Planner One", wire::ClientRole::Planner);
  ASSERT_TRUE(FormProblems(Drino("DRINO-III"), "OPSROOM-PLANNERONE", opsroom::testing::NowMs()).empty());
  ASSERT_TRUE(planner.link.SubmitOperation(Drino("DRINO-III")));
  auto outcome = planner.OutcomeFor("DRINO-III");
  ASSERT_TRUE(outcome) << "no answer from the hub within 10 s";
  EXPECT_TRUE(outcome->accepted) << outcome->reason;

  // Every console sees it, under the planner's node id, with every field.
  HeadlessConsole duty(hub, "");
  const std::string id = "OPSROOM-PLANNERONE:DRINO-III";
  ASSERT_TRUE(duty.PumpUntil([&] { return duty.model.operations().Find(id) != nullptr; }));
  const OperationValue& op = duty.model.operations().Find(id)->operation;
  EXPECT_EQ(op.area.size(), 3u);
  EXPECT_EQ(op.place_codes, std::vector<std::string>{"BCP-AL-GR-KAKAVIA"});
  EXPECT_EQ(op.phase, OperationPhase::Active);
  EXPECT_EQ(op.report_every_minutes, 240u);
  EXPECT_EQ(op.meta.marking.distribution, Distribution::Limited);

  RoleConsole console_role(hub, "Duty One", wire::ClientRole::Console);
  ASSERT_TRUE(console_role.link.SubmitOperation(Drino("DRINO-IV")));
  auto refused = console_role.OutcomeFor("DRINO-IV");
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->accepted);
  EXPECT_NE(refused->reason.find("a console may not publish JointOperation"), std::string::npos) << refused->reason;
}

TEST(ConsoleReplayLink, TheLogFromSequenceOneRebuildsTheLivePicture) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  for (int i = 0; i < 30; ++i) node.PublishAlert("RS-BP:R" + std::to_string(i), i % 5 == 0 ? wire::Severity::Flash : wire::Severity::Routine);
  HeadlessConsole live(hub, "");
  ASSERT_TRUE(live.PumpUntil([&] { return live.model.alerts().size() == 30u; }));

  LinkConfig config{hub.router_endpoint(), hub.pub_endpoint(), ""};
  config.replay_from_seq = 1;
  ConsoleLink history(config);
  history.Start();
  ReplaySession replay({.keyframe_every = 7});
  ASSERT_TRUE(live.PumpUntil([&] {
    std::vector<ConsoleEvent> events;
    history.SwapEvents(&events);
    for (auto& e : events) replay.archive().Append(std::move(e));
    return replay.archive().last_seq() >= live.model.link().last_seq && live.model.link().last_seq > 0;
  }));
  EXPECT_EQ(replay.archive().size(), 30u);
  replay.Enter(live.model, replay.archive().last_time_ms());
  EXPECT_EQ(replay.model().alerts().size(), 30u);
  EXPECT_EQ(replay.model().alerts().open_flash_count(), live.model.alerts().open_flash_count());
  for (uint32_t i = 0; i < live.model.alerts().size(); ++i) {
    const AlertRecord& a = live.model.alerts().at(i);
    auto index = replay.model().alerts().Find(a.alert_id);
    ASSERT_TRUE(index) << a.alert_id;
    EXPECT_EQ(replay.model().alerts().at(*index).last_hub_seq, a.last_hub_seq);
  }
  // Before the first alert the picture is empty; the live model is untouched.
  replay.SeekTo(replay.archive().first_time_ms() - 1);
  EXPECT_EQ(replay.model().alerts().size(), 0u);
  EXPECT_EQ(live.model.alerts().size(), 30u);
}

}  // namespace
}  // namespace opsroom::console
