#include "console/view/replay_window.h"

#include <algorithm>
#include <string>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

constexpr int64_t kMinuteMs = 60'000;

// The app leaves between frames when it can (the picture is not swapped
// under the windows still to draw this frame).
void LeaveReplay(ViewContext& ctx) {
  if (ctx.config.leave_replay) {
    ctx.config.leave_replay();
  } else if (ctx.config.replay) {
    ctx.config.replay->Leave();
  }
}

void Idle(ViewContext& ctx) {
  ImGui::TextDisabled("The live picture. Replay rebuilds the picture as it was at any moment, from the hub's log.");
  if (ImGui::Button("Replay the log  (t)") && ctx.config.enter_replay) ctx.config.enter_replay();
  const ReplayArchive& archive = ctx.config.replay->archive();
  if (!archive.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s events fetched", FormatCount(archive.size()).c_str());
  }
}

void Slider(ReplaySession& replay) {
  // Back to the log's start even when the archive kept only its newest
  // events: an older moment comes from the hub.
  int64_t low = replay.earliest_ms(), high = std::max(replay.latest_ms(), low + 1);
  int64_t at = std::clamp(replay.at_ms(), low, high);
  std::string label = FormatUtcDateTime(replay.at_ms());  // the moment shown, even before the log starts
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderScalar("##replay_at", ImGuiDataType_S64, &at, &low, &high, label.c_str())) {
    replay.Play(0);
    replay.SeekTo(at, /*settled=*/!ImGui::IsItemActive());
  }
  // Only where the slider is let go is the hub asked for its state.
  if (ImGui::IsItemDeactivatedAfterEdit()) replay.SeekTo(replay.at_ms());
}

// Where an older moment's picture comes from: the hub's state at it.
void PastWindowLine(const ReplaySession& replay) {
  const ReplayPastWindow& past = replay.past();
  const ReplayArchive& archive = replay.archive();
  if (!past.problem().empty()) {
    TextColored(kBad, ("The hub's state at " + FormatUtcDateTime(past.at_ms()) + ": " + past.problem()).c_str());
  } else if (replay.waiting_for_hub()) {
    TextColored(kWarn, ("Fetching the hub's state at " + FormatUtcDateTime(replay.at_ms()) + " (" +
                        FormatCount(past.snapshot_events()) + " events so far); the picture above is older")
                           .c_str());
  } else if (&replay.shown_archive() == &past.archive()) {
    ImGui::TextDisabled("From the hub's state at %s (sequence %s, %s events) and the %s events after it%s.",
                        FormatUtcDateTime(past.at_ms()).c_str(), FormatCount(past.archive().base_seq()).c_str(),
                        FormatCount(past.snapshot_events()).c_str(), FormatCount(past.archive().size()).c_str(),
                        past.fetching() ? " fetched so far" : "");
  }
  if (archive.dropped() > 0) {
    ImGui::TextDisabled("The archive keeps the newest %s events (from %s); older moments come from the hub.",
                        FormatCount(archive.size()).c_str(), FormatUtcDateTime(archive.base_time_ms()).c_str());
  }
}

void Controls(ViewContext& ctx, ReplaySession& replay) {
  if (ImGui::Button(replay.speed() == 0 ? "Paused" : "Pause")) replay.Play(0);
  for (int speed : ReplaySession::kSpeeds) {
    ImGui::SameLine();
    std::string label = "Play " + std::to_string(speed) + "x";
    bool on = replay.speed() == speed;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(kAccent));
    if (ImGui::Button(label.c_str())) replay.Play(speed);
    if (on) ImGui::PopStyleColor();
  }
  const std::pair<const char*, int64_t> steps[] = {
      {"-1h", -60 * kMinuteMs}, {"-10m", -10 * kMinuteMs}, {"+10m", 10 * kMinuteMs}, {"+1h", 60 * kMinuteMs}};
  for (const auto& [label, delta] : steps) {
    ImGui::SameLine();
    if (ImGui::Button(label)) replay.SeekTo(replay.at_ms() + delta);
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(kGood));
  if (ImGui::Button("Back to live  (t)")) LeaveReplay(ctx);
  ImGui::PopStyleColor();
  const ReplayArchive& archive = replay.shown_archive();
  ImGui::TextDisabled("%s of %s events in the picture (log up to sequence %llu); rebuilt from %s events in %.1f ms",
                      FormatCount(replay.applied()).c_str(), FormatCount(archive.size()).c_str(),
                      static_cast<unsigned long long>(archive.last_seq()),
                      FormatCount(replay.last_rebuild_events()).c_str(), replay.last_rebuild_ms());
  PastWindowLine(replay);
}

}  // namespace

void ToggleReplay(ViewContext& ctx) {
  ReplaySession* replay = ctx.config.replay;
  if (replay == nullptr) return;
  if (replay->active()) {
    LeaveReplay(ctx);
    return;
  }
  ctx.state.show_windows[kReplayWindow] = true;
  if (ctx.config.enter_replay) ctx.config.enter_replay();
}

void DrawReplayWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Replay", &ctx.state.show_windows[kReplayWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  ReplaySession* replay = ctx.config.replay;
  if (replay == nullptr) {
    ImGui::TextDisabled("No replay in this console.");
  } else if (!replay->active()) {
    Idle(ctx);
  } else {
    std::string banner = "REPLAY  " + FormatUtcDateTime(replay->at_ms()) +
                         "  - the picture as it was; the live link goes on underneath";
    TextColored(kWarn, banner.c_str());
    Slider(*replay);
    Controls(ctx, *replay);
  }
  ImGui::End();
  // Closing the bar goes back to live: no hidden replay.
  if (!ctx.state.show_windows[kReplayWindow] && replay && replay->active()) LeaveReplay(ctx);
}

}  // namespace opsroom::console
