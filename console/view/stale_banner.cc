#include "console/view/stale_banner.h"

#include "console/model/time_format.h"
#include "console/view/theme.h"

namespace opsroom::console {

void DrawStaleBanner(ViewContext& ctx) {
  HubOutage outage = ctx.model.outage(ctx.frame.now_ms);
  ctx.stats.stale_banner = outage.lost;
  if (!outage.lost) return;
  const ScreenRect& map = ctx.state.viewport.screen();
  float width = std::min(map.width() - 24.0f, 640.0f);
  // Under the Flash banner's place (top of the map), so both can show.
  ImGui::SetNextWindowPos(ImVec2(map.x0 + (map.width() - width) / 2, map.y0 + map.height() - 96));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, kStaleBannerFill);
  ImGui::PushStyleColor(ImGuiCol_Border, MakeRgba(235, 180, 50));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 4.0f);
  const auto flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoInputs;
  ImGui::Begin("##stale", nullptr, flags);
  if (ctx.config.fonts.large) ImGui::PushFont(ctx.config.fonts.large);
  ImGui::Text("STALE PICTURE since %s UTC", FormatUtcTime(outage.since_ms).c_str());
  if (ctx.config.fonts.large) ImGui::PopFont();
  ImGui::TextWrapped(
      "The hub has not been heard from for %s. Alerts, nodes and links show what was known then; "
      "country links are unknown. Actions taken now are queued and sent when the hub is back (%zu pending).",
      wire::AgeText(ctx.frame.now_ms - outage.since_ms).c_str(), ctx.model.pending().items().size());
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace opsroom::console
