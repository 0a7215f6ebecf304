#include "console/view/flash_banner.h"

#include <cmath>

#include "console/model/time_format.h"
#include "console/view/theme.h"

namespace opsroom::console {

void DrawFlashBanner(ViewContext& ctx) {
  FlashAlarm& alarm = ctx.model.alarm();
  if (alarm.state() != AlarmState::kRinging) return;
  auto index = ctx.model.alerts().newest_live_flash(ctx.model.HubNow(ctx.frame.now_ms));
  const ScreenRect& map = ctx.state.viewport.screen();
  float width = std::min(map.width() - 24.0f, 720.0f);
  ImGui::SetNextWindowPos(ImVec2(map.x0 + (map.width() - width) / 2, map.y0 + 10));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  // Blink at 1 Hz between two reds: visible from across the room, not harsh.
  float blink = 0.5f + 0.5f * std::sin(static_cast<float>(ctx.frame.now_ms % 1000) / 1000.0f * 6.2832f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, Mix(MakeRgba(120, 16, 24, 235), MakeRgba(190, 30, 42, 240), blink));
  ImGui::PushStyleColor(ImGuiCol_Border, MakeRgba(255, 120, 120));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 4.0f);
  const auto flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::Begin("##flash", nullptr, flags);
  if (ctx.config.fonts.large) ImGui::PushFont(ctx.config.fonts.large);
  ImGui::Text("FLASH  %s open", FormatCount(alarm.open_flash()).c_str());
  if (ctx.config.fonts.large) ImGui::PopFont();
  if (index) {
    const AlertRecord& a = ctx.model.alerts().at(*index);
    ImGui::TextWrapped("%s  —  %s, %s, %s ago", a.title.c_str(), a.country.c_str(),
                       a.place_name.empty() ? CrimeAreaName(a.crime_area) : a.place_name.c_str(),
                       wire::AgeText(ctx.frame.now_ms - a.arrived_ms).c_str());
    if (ImGui::Button("Show")) SelectAlert(ctx, *index, true);
    ImGui::SameLine();
    ImGui::BeginDisabled(!CanAct(ctx));
    if (ImGui::Button("Acknowledge")) {
      SelectAlert(ctx, *index, true);
      SendAction(ctx, ActionKind::Acknowledge);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  if (ImGui::Button("Mute 5 min")) alarm.Mute(ctx.frame.now_ms);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace opsroom::console
