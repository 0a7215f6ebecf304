// The desk in the headless ImGui (tests/unit/console_headless.h): the
// attention queue worked from the keyboard alone (move, open, acknowledge,
// escalate, close, assign within the marking, help overlay), and the stale
// banner and status text when the hub goes quiet.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "console/view/console_view.h"
#include "console/view/desk_keys.h"
#include "tests/unit/console_headless.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'795'010'520'000;                 // 14:02:00 UTC
constexpr int kDown = 1, kUp = 2, kEnter = 3, kEscape = 4;  // our own key indices for the io.KeyMap

class Desk {
 public:
  Desk() {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    config_.operator_name = "Ana";
    config_.send_action = [this](const ActionRequest& request) { sent.push_back(request); };
    config_.fonts = imgui_.fonts().fonts;
    view_ = std::make_unique<ConsoleView>(config_);
  }

  void Frame() {
    model.Refresh(now);
    imgui_.Frame([&] { view_->Draw(model, FrameInfo{now, 16.0f, {}}); });
  }
  void Press(int key) {
    ImGui::GetIO().KeysDown[key] = true;
    Frame();
    ImGui::GetIO().KeysDown[key] = false;
    Frame();
  }
  void Type(const char* text) {
    for (const char* c = text; *c; ++c) {
      ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(*c));
      Frame();
    }
  }
  const std::string& cursor() { return view_->state().attention_id; }
  ViewState& state() { return view_->state(); }
  const ViewStats& stats() { return view_->stats(); }

  ConsoleModel model;
  int64_t now = kNow;
  std::vector<ActionRequest> sent;

 private:
  HeadlessImGui imgui_;  // first: the view is made in its context
  ViewConfig config_;
  std::unique_ptr<ConsoleView> view_;
};

AlertValue Alert(uint64_t seq, const std::string& id, Severity severity, int64_t arrived_ms, Marking marking = {}) {
  AlertValue a;
  a.meta.hub_seq = seq;
  a.meta.hub_time_ms = arrived_ms;
  a.meta.origin = "ME-BP";
  a.meta.country = "ME";
  a.meta.marking = std::move(marking);
  a.alert_id = id;
  a.severity = severity;
  a.title = "Van near Sukobin " + id;
  return a;
}

TEST(DeskKeyboard, TheAttentionQueueIsWorkedWithoutTheMouse) {
  Desk desk;
  Marking restricted;
  restricted.reliability = 'B';
  restricted.credibility = 2;
  restricted.distribution = Distribution::Restricted;
  restricted.recipients = {"AL", "ME"};
  desk.model.Apply(Alert(1, "ME-BP:F-old", Severity::Flash, kNow - 4 * 60'000, restricted), kNow);
  desk.model.Apply(Alert(2, "ME-BP:F-new", Severity::Flash, kNow - 60'000), kNow);
  desk.model.Apply(Alert(3, "ME-BP:U", Severity::Urgent, kNow - 20 * 60'000), kNow);
  desk.Frame();
  desk.Frame();
  ASSERT_EQ(desk.model.attention().items().size(), 3u);
  EXPECT_EQ(desk.cursor(), "ME-BP:F-old");
  EXPECT_EQ(desk.stats().attention_rows_emitted, 3);

  desk.Type("j");
  EXPECT_EQ(desk.cursor(), "ME-BP:F-new");
  desk.Press(kDown);
  EXPECT_EQ(desk.cursor(), "ME-BP:U");
  desk.Press(kDown);  // the last row stays the last
  EXPECT_EQ(desk.cursor(), "ME-BP:U");
  desk.Type("k");
  desk.Press(kUp);
  EXPECT_EQ(desk.cursor(), "ME-BP:F-old");

  desk.Press(kEnter);
  ASSERT_TRUE(desk.state().selected.has_value());
  EXPECT_EQ(desk.model.alerts().at(*desk.state().selected).alert_id, "ME-BP:F-old");
  EXPECT_TRUE(desk.state().show_windows[kDetailWindow]);

  desk.Type("a");
  ASSERT_EQ(desk.sent.size(), 1u);
  EXPECT_EQ(desk.sent[0].alert_id, "ME-BP:F-old");
  EXPECT_EQ(desk.sent[0].kind, ActionKind::Acknowledge);
  ASSERT_NE(desk.model.pending().For("ME-BP:F-old"), nullptr) << "shown as pending until the hub answers";

  // Assign within the marking: RS is not among the recipients, AL is.
  desk.Type("s");
  ASSERT_TRUE(desk.state().assign_prompt);
  desk.Frame();
  desk.Type("RS");
  desk.Press(kEnter);
  EXPECT_EQ(desk.sent.size(), 1u) << "the marking does not allow RS";
  EXPECT_FALSE(desk.state().assign_refusal.empty());
  desk.Press(kEscape);
  EXPECT_FALSE(desk.state().assign_prompt);
  desk.Type("s");
  desk.Frame();
  desk.Type("AL");
  desk.Press(kEnter);
  ASSERT_EQ(desk.sent.size(), 2u);
  EXPECT_EQ(desk.sent[1].kind, ActionKind::Assign);
  EXPECT_EQ(desk.sent[1].assignee, "AL");
  EXPECT_FALSE(desk.state().assign_prompt);

  desk.Type("j");
  desk.Type("e");
  desk.Type("j");
  desk.Type("c");
  ASSERT_EQ(desk.sent.size(), 4u);
  EXPECT_EQ(desk.sent[2].alert_id, "ME-BP:F-new");
  EXPECT_EQ(desk.sent[2].kind, ActionKind::Escalate);
  EXPECT_EQ(desk.sent[3].alert_id, "ME-BP:U");
  EXPECT_EQ(desk.sent[3].kind, ActionKind::Close);

  // The hub answers the acknowledgement: F-old leaves the queue, the cursor stays on its row's item.
  ActionValue ack;
  ack.meta.hub_seq = 4;
  ack.meta.hub_time_ms = kNow;
  ack.alert_id = "ME-BP:F-old";
  ack.kind = ActionKind::Acknowledge;
  desk.model.Apply(ack, kNow);
  desk.model.Apply(ActionOutcomeValue{"ME-BP:F-old", ActionKind::Acknowledge, true, 4, ""}, kNow);
  desk.Frame();
  EXPECT_EQ(desk.model.attention().items().size(), 2u);
  ASSERT_NE(desk.model.pending().For("ME-BP:F-old"), nullptr);
  EXPECT_EQ(desk.model.pending().For("ME-BP:F-old")->kind, ActionKind::Assign) << "the acknowledgement is answered";
  EXPECT_EQ(desk.cursor(), "ME-BP:U");

  desk.Type("?");
  EXPECT_TRUE(desk.stats().help_drawn);
  desk.Press(kEscape);
  EXPECT_FALSE(desk.stats().help_drawn);
  desk.Press(kF1KeyIndex);
  EXPECT_TRUE(desk.stats().help_drawn);
  desk.Press(kF1KeyIndex);
  EXPECT_FALSE(desk.stats().help_drawn);

  desk.Type("l");
  EXPECT_EQ(desk.state().names.script(), NameScript::kLatin);
}

TEST(DeskOutage, AQuietHubRaisesTheStaleBanner) {
  Desk desk;
  desk.model.Apply(LinkValue{LinkState::kLive, ""}, kNow);
  HubStatusValue status;
  status.at_ms = kNow;
  NodeValue node;
  node.node_id = "ME-BP";
  node.country = "ME";
  node.connected = true;
  node.last_heartbeat_ms = kNow - 100;
  status.nodes = {node};
  desk.model.Apply(status, kNow);
  desk.Frame();
  EXPECT_FALSE(desk.stats().stale_banner);
  desk.now = kNow + 3 * 60'000;
  desk.Frame();
  EXPECT_TRUE(desk.stats().stale_banner);
  EXPECT_EQ(HubLostText(desk.model.outage(desk.now), desk.now), "hub lost since 14:02 (3 min)");
}

}  // namespace
}  // namespace opsroom::console
