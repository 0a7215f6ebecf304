#include "console/view/status_bar.h"

#include "console/model/time_format.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

void Divider() {
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

}  // namespace

void DrawStatusBar(ViewContext& ctx) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - kStatusBarHeight));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, kStatusBarHeight));
  const auto flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, MakeRgba(14, 18, 24));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 4));
  ImGui::Begin("##status", nullptr, flags);
  int64_t now = ctx.frame.now_ms;
  const LinkInfo& link = ctx.model.link();
  ImGui::Text("%s UTC", FormatUtcTime(now).c_str());
  Divider();
  ImGui::TextDisabled("local %s", FormatLocalTime(now).c_str());
  Divider();
  HubOutage outage = ctx.model.outage(now);
  if (outage.lost) {
    TextColored(kBad, HubLostText(outage, now).c_str());
  } else {
    ImGui::TextUnformatted("hub");
    ImGui::SameLine();
    TextColored(LinkColor(link.state), HubLinkName(link.state));
  }
  if (!link.detail.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", link.detail.c_str());
  }
  Divider();
  ImGui::Text("seq %s", FormatCount(link.last_seq).c_str());
  Divider();
  if (!link.audit_problem.empty()) {
    TextColored(kBad, ("AUDIT: " + link.audit_problem).c_str());
    Divider();
  } else if (link.audit_records > 0) {
    ImGui::TextDisabled("audit %s signed %s", FormatCount(link.audit_records).c_str(),
                        FormatUtcTime(link.audit_signed_at_ms).c_str());
    Divider();
  }
  ImGui::Text("queued %s", FormatCount(ctx.frame.feed.queued).c_str());
  ImGui::SameLine();
  ImGui::Text("applied %s", FormatCount(ctx.model.counters().events_applied).c_str());
  if (std::size_t pending = ctx.model.pending().items().size()) {
    Divider();
    TextColored(outage.lost ? kWarn : kAccent, (FormatCount(pending) + " actions pending").c_str());
  }
  Divider();
  ImGui::Text("%s alerts", FormatCount(ctx.model.alerts().size()).c_str());
  Divider();
  if (ctx.config.operator_name.empty()) {
    ImGui::TextDisabled("read-only");
  } else {
    ImGui::Text("operator %s", ctx.config.operator_name.c_str());
  }
  Divider();
  ImGui::TextDisabled("%.1f ms", ctx.frame.frame_ms);
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

}  // namespace opsroom::console
