// Headless ImGui: the Operation editor and the Replay bar drawn with the
// rest; a replay can act on nothing, and one key (t) goes back to live, also
// while it waits for the hub's state at a moment before a capped archive.
#include <gtest/gtest.h>

#include "console/model/synthetic_feed.h"
#include "console/view/console_view.h"
#include "tests/unit/console_headless.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'780'000'000'000;

OperationForm CompleteForm() {
  OperationForm form;
  form.code = "DRINO-III";
  form.name = "Mixed patrols Kakavia";
  form.lead = "AL";
  form.participants = {"AL", "GR"};
  form.area = {{40.25, 19.95}, {40.25, 20.45}, {39.85, 20.55}};
  form.starts_at_ms = kNow;
  return form;
}

struct Fixture {
  explicit Fixture(ReplayConfig replay_config = {}) : replay(replay_config) {
    config.operator_name = "Planner";
    config.node_id = "OPSROOM-PLAN";
    config.send_action = [this](const ActionRequest&) { ++actions_sent; };
    config.send_operation = [this](const OperationForm& form) { sent.push_back(form); };
    config.fonts = imgui.fonts().fonts;
    config.replay = &replay;
    SyntheticFeed feed({.seed = 4, .initial_alerts = 500});
    for (const auto& event : feed.Initial(kNow)) {
      live.Apply(event, kNow);
      replay.archive().Append(event);
    }
    live.Refresh(kNow);
  }
  void Draw(ConsoleView& view) {
    bool replaying = replay.active();
    FrameInfo frame{replaying ? replay.at_ms() : kNow, 16.0f, {}};
    frame.picture_epoch = replay.epoch() * 2 + (replaying ? 1 : 0);
    imgui.Frame([&] { view.Draw(replaying ? replay.model() : live, frame); });
  }
  HeadlessImGui imgui;
  ConsoleModel live;
  ReplaySession replay;
  ViewConfig config;
  std::vector<OperationForm> sent;
  int actions_sent = 0;
};

TEST(ConsolePlanView, TheEditorDrawsAndSendsOnlyACompleteFormAndOnlyLive) {
  Fixture f;
  ConsoleView view(f.config);
  view.state().show_windows[kOperationEditorWindow] = true;
  view.state().editor.form = CompleteForm();
  f.Draw(view);
  EXPECT_EQ(view.stats().windows_drawn, 9) << "the eight desk windows and the editor";

  ViewStats stats;
  FrameInfo frame{kNow, 16.0f, {}};
  ViewContext ctx{f.live, view.state(), f.config, frame, stats};
  EXPECT_TRUE(CanPlan(ctx));
  OperationForm incomplete = CompleteForm();
  incomplete.lead.clear();
  EXPECT_FALSE(SendOperation(ctx, incomplete)) << "a form with problems is never sent";
  EXPECT_TRUE(SendOperation(ctx, CompleteForm()));
  ASSERT_EQ(f.sent.size(), 1u);
  EXPECT_NE(f.live.pending().For("DRINO-III"), nullptr) << "shown pending until the hub answers";
  view.state().replay = true;
  EXPECT_FALSE(CanPlan(ctx));
  EXPECT_FALSE(SendOperation(ctx, CompleteForm()));
  EXPECT_EQ(f.sent.size(), 1u);
}

TEST(ConsoleReplayView, AReplayActsOnNothingAndTGoesBackToLive) {
  Fixture f;
  ConsoleView view(f.config);
  f.replay.Enter(f.live, kNow);
  view.state().show_windows[kReplayWindow] = true;
  f.Draw(view);
  EXPECT_EQ(view.stats().windows_drawn, 9) << "the eight desk windows and the replay bar";
  EXPECT_TRUE(view.state().replay);
  ViewStats stats;
  FrameInfo frame{kNow, 16.0f, {}};
  ViewContext ctx{f.replay.model(), view.state(), f.config, frame, stats};
  EXPECT_FALSE(CanAct(ctx));
  EXPECT_FALSE(SendActionOn(ctx, 0, ActionKind::Acknowledge));
  EXPECT_EQ(f.actions_sent, 0);

  ImGui::GetIO().AddInputCharacter('t');
  f.Draw(view);
  EXPECT_FALSE(f.replay.active()) << "t is back to live";
  f.Draw(view);
  EXPECT_FALSE(view.state().replay);
  ViewContext live_ctx{f.live, view.state(), f.config, frame, stats};
  EXPECT_TRUE(CanAct(live_ctx));
}

TEST(ConsoleReplayView, AMomentBeforeACappedArchiveWaitsForTheHubSaysWhyAndTStillGoesBackToLive) {
  Fixture f({.max_events = 100});
  ASSERT_GT(f.replay.archive().dropped(), 0u);
  ConsoleView view(f.config);
  f.replay.Enter(f.live, f.replay.archive().base_time_ms() - 60'000);
  ASSERT_TRUE(f.replay.wants_hub_state());
  f.replay.BeginHubState();
  view.state().show_windows[kReplayWindow] = true;
  f.Draw(view);  // "Fetching the hub's state at ..."
  EXPECT_TRUE(f.replay.waiting_for_hub());
  std::vector<ConsoleEvent> refusal = {LinkValue{LinkState::kLost, "removed by retention"}};
  f.replay.TakeHubState(&refusal);
  f.Draw(view);  // the hub's reason, in red
  EXPECT_EQ(view.stats().windows_drawn, 9);
  EXPECT_EQ(f.replay.past().problem(), "removed by retention");

  ImGui::GetIO().AddInputCharacter('t');
  f.Draw(view);
  EXPECT_FALSE(f.replay.active()) << "t is back to live";
  EXPECT_EQ(f.replay.past().phase(), ReplayPastWindow::Phase::kNone);
}

}  // namespace
}  // namespace opsroom::console
