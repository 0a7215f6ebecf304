#include "console/view/console_view.h"

#include <cstdio>
#include <cstring>
#include <iterator>
#include <utility>

#include "console/view/alert_detail_window.h"
#include "console/view/alert_feed_window.h"
#include "console/view/attention_window.h"
#include "console/view/desk_keys.h"
#include "console/view/flash_banner.h"
#include "console/view/handover_window.h"
#include "console/view/hits_window.h"
#include "console/view/map_window.h"
#include "console/view/nodes_window.h"
#include "console/view/operation_editor_window.h"
#include "console/view/operations_window.h"
#include "console/view/replay_window.h"
#include "console/view/stale_banner.h"
#include "console/view/status_bar.h"
#include "console/view/theme.h"
#include "console/view/view_settings.h"
#include "console/view/watchlist_window.h"

namespace opsroom::console {
namespace {

struct Slot {
  const char* window;
  float x, y, w, h;  // fractions of the work area
};

// The default ops-room layout: the map large on the left with nodes and
// operations under it; the desk (attention queue, feed, detail, hits,
// watchlist) on the right, the queue on top: it is where the work starts.
constexpr Slot kLayout[] = {
    {"Map", 0.00f, 0.00f, 0.58f, 0.69f},        {"Nodes", 0.00f, 0.69f, 0.25f, 0.31f},
    {"Operations", 0.25f, 0.69f, 0.33f, 0.31f}, {"Attention", 0.58f, 0.00f, 0.42f, 0.20f},
    {"Alerts", 0.58f, 0.20f, 0.42f, 0.27f},     {"Alert detail", 0.58f, 0.47f, 0.42f, 0.20f},
    {"Hits", 0.58f, 0.67f, 0.42f, 0.20f},       {"Watchlist", 0.58f, 0.87f, 0.42f, 0.13f},
    {"Handover", 0.20f, 0.10f, 0.45f, 0.60f},  // on demand, over the map
    {"Operation editor", 0.58f, 0.00f, 0.42f, 1.00f},  // on demand, over the desk: the map stays in sight
    {"Replay", 0.00f, 0.53f, 0.58f, 0.16f},            // on demand, over the map's foot
};

const char* const kWindowNames[] = {"Map",  "Alerts",    "Alert detail", "Watchlist",        "Operations", "Nodes",
                                    "Hits", "Attention", "Handover",     "Operation editor", "Replay"};
static_assert(std::size(kWindowNames) == kWindowCount);

}  // namespace

ConsoleView::ConsoleView(ViewConfig config) : config_(std::move(config)) { RegisterSettingsHandler(this); }

ConsoleView::~ConsoleView() { UnregisterSettingsHandler(); }

PersistedSettings ConsoleView::CurrentSettings() const {
  PersistedSettings s = pending_;
  if (model_) s.filter = model_->filter();
  if (state_.viewport.screen().width() > 0) {
    s.has_view = true;
    s.view_center = state_.viewport.center();
    s.view_zoom = state_.viewport.zoom();
  }
  return s;
}

void ConsoleView::LoadSettings(const PersistedSettings& settings) {
  pending_ = settings;
  pending_filter_ = true;
  pending_view_ = settings.has_view;
}

void ConsoleView::ApplyPending(ConsoleModel& model) {
  if (pending_filter_) {
    model.filter() = pending_.filter;
    std::snprintf(state_.filter_text, sizeof state_.filter_text, "%s", pending_.filter.text.c_str());
    pending_filter_ = false;
  }
  if (pending_view_ && state_.viewport.screen().width() > 0) {
    state_.viewport.Restore(pending_.view_center, pending_.view_zoom);
    pending_view_ = false;
  }
}

void ConsoleView::Place(const char* window) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 origin = vp->WorkPos;
  ImVec2 size(vp->WorkSize.x, vp->WorkSize.y - kStatusBarHeight);
  ImGuiCond cond = state_.reset_layout ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  for (const Slot& slot : kLayout) {
    if (std::strcmp(slot.window, window) != 0) continue;
    ImGui::SetNextWindowPos(ImVec2(origin.x + slot.x * size.x, origin.y + slot.y * size.y), cond);
    ImGui::SetNextWindowSize(ImVec2(slot.w * size.x, slot.h * size.y), cond);
  }
}

void ConsoleView::MenuBar() {
  if (!ImGui::BeginMainMenuBar()) return;
  TextColored(kAccent, "OPSROOM");
  ImGui::TextDisabled("Western Balkans operations room");
  if (ImGui::BeginMenu("Windows")) {
    for (int i = 0; i < kWindowCount; ++i) ImGui::MenuItem(kWindowNames[i], nullptr, &state_.show_windows[i]);
    ImGui::Separator();
    if (ImGui::MenuItem("Reset layout")) state_.reset_layout = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Names")) {
    for (int i = 0; i < kNameScriptCount; ++i) {
      auto script = static_cast<NameScript>(i);
      if (ImGui::MenuItem(NameScriptName(script), i == 0 ? "l" : nullptr, state_.names.script() == script)) {
        state_.names.set_script(script);
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard", "F1 / ?")) state_.show_help = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Time")) {
    bool replaying = config_.replay && config_.replay->active();
    if (ImGui::MenuItem(replaying ? "Back to live" : "Replay the log", "t", false, config_.replay != nullptr)) {
      ViewContext ctx{*model_, state_, config_, *frame_, stats_};
      ToggleReplay(ctx);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Map")) {
    if (ImGui::MenuItem("Reset view", "R")) state_.viewport.Reset(HomeRegion());
    ImGui::EndMenu();
  }
  if (!config_.hub_endpoint.empty()) {
    const char* text = config_.hub_endpoint.c_str();
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(text).x - 40);
    ImGui::TextDisabled("hub %s", text);
  }
  ImGui::EndMainMenuBar();
}

void ConsoleView::Draw(ConsoleModel& model, const FrameInfo& frame) {
  model_ = &model;
  stats_.feed_rows_emitted = stats_.watch_rows_emitted = stats_.glyphs_drawn = stats_.windows_drawn = 0;
  stats_.hit_rows_emitted = stats_.hit_markers_drawn = stats_.attention_rows_emitted = 0;
  ApplyPending(model);
  // After a hub restore the snapshot reuses alert indices: the selection
  // would point at another alert, or past the end.
  if (state_.seen_hub_rewinds != model.counters().hub_rewinds) {
    state_.seen_hub_rewinds = model.counters().hub_rewinds;
    state_.selected.reset();
  }
  frame_ = &frame;
  state_.replay = config_.replay != nullptr && config_.replay->active();
  // Another picture (live, replay, a replay rebuilt): its revisions say
  // nothing about what the caches hold.
  if (state_.picture_epoch != frame.picture_epoch) {
    state_.picture_epoch = frame.picture_epoch;
    state_.glyphs_grid_revision = ~0ull;
    state_.watch_hits_revision = ~0ull;
    state_.layer_key = 0;
    state_.selected.reset();
    state_.selected_hit.clear();
  }
  MenuBar();
  ViewContext ctx{model, state_, config_, frame, stats_};
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !ImGui::GetIO().WantTextInput &&
      !state_.show_help && !state_.assign_prompt) {
    state_.selected.reset();
  }
  HandleDeskKeys(ctx);
  using DrawFn = void (*)(ViewContext&);
  const std::pair<WindowId, DrawFn> windows[] = {{kMapWindow, DrawMapWindow},
                                                 {kNodesWindow, DrawNodesWindow},
                                                 {kOperationsWindow, DrawOperationsWindow},
                                                 {kFeedWindow, DrawAlertFeedWindow},
                                                 {kDetailWindow, DrawAlertDetailWindow},
                                                 {kWatchWindow, DrawWatchlistWindow},
                                                 {kHitsWindow, DrawHitsWindow},
                                                 {kAttentionWindow, DrawAttentionWindow},
                                                 {kHandoverWindow, DrawHandoverWindow},
                                                 {kOperationEditorWindow, DrawOperationEditorWindow},
                                                 {kReplayWindow, DrawReplayWindow}};
  for (const auto& [id, draw] : windows) {
    if (!state_.show_windows[id]) continue;
    Place(kWindowNames[id]);
    draw(ctx);
  }
  state_.reset_layout = false;
  DrawFlashBanner(ctx);
  DrawStaleBanner(ctx);
  DrawDeskOverlays(ctx);
  DrawStatusBar(ctx);
}

}  // namespace opsroom::console
