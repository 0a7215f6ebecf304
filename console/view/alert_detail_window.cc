#include "console/view/alert_detail_window.h"

#include <cstring>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"
#include "wire/participants.h"

namespace opsroom::console {
namespace {

void Field(const char* label, const std::string& value) {
  if (value.empty()) return;
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(96);
  ImGui::TextWrapped("%s", value.c_str());
}

void Header(const ViewContext& ctx, const AlertRecord& a) {
  ImFont* large = ctx.config.fonts.large;
  SeverityChip(a.severity);
  ImGui::SameLine();
  TextColored(StatusColor(a.status), AlertStatusName(a.status));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", a.alert_id.c_str());
  ImGui::SameLine();
  TextColored(a.marking.distribution == Distribution::Public ? kTextDim : kWarn, MarkingText(a.marking).c_str());
  if (large) ImGui::PushFont(large);
  ImGui::TextWrapped("%s", a.title.c_str());
  if (large) ImGui::PopFont();
}

void Facts(const ViewContext& ctx, const AlertRecord& a) {
  Field("Marking", MarkingText(a.marking));
  if (!a.marking.other_restrictions.empty()) Field("H3", a.marking.other_restrictions);
  Field("Crime area", CrimeAreaName(a.crime_area));
  Field("From", a.origin + " (" + a.country + ")");
  std::string where = a.place_name.empty() ? a.place_code : a.place_name + "  [" + a.place_code + "]";
  if (a.position) {
    char pos[64];
    std::snprintf(pos, sizeof pos, "%s%.4f N, %.4f E", where.empty() ? "" : "  ", a.position->lat, a.position->lon);
    where += pos;
  }
  Field("Where", where);
  if (a.observed_at_ms) Field("Observed", FormatUtcDateTime(a.observed_at_ms));
  Field("Received", FormatUtcDateTime(a.arrived_ms) + "  (" + wire::AgeText(ctx.frame.now_ms - a.arrived_ms) + " ago)");
  Field("Assigned to", a.assignee);
  Field("Operation", a.operation_code);
  for (const auto& reference : a.references) Field("Reference", ReferenceText(reference));
  if (!a.body.empty()) {
    ImGui::Spacing();
    ImGui::TextWrapped("%s", a.body.c_str());
  }
}

void History(const ViewContext& ctx, const AlertRecord& a) {
  if (a.actions.empty()) return;
  ImGui::Separator();
  ImGui::TextDisabled("History (%zu)", a.actions.size());
  for (auto it = a.actions.rbegin(); it != a.actions.rend(); ++it) {
    std::string line = FormatUtcTime(it->hub_time_ms) + "  " + ActionKindName(it->kind) + "  by " + it->actor;
    if (!it->assignee.empty()) line += " -> " + it->assignee;
    ImGui::TextUnformatted(line.c_str());
    if (!it->text.empty()) {
      ImGui::Indent();
      TextColored(kTextDim, it->text.c_str());
      ImGui::Unindent();
    }
  }
}

// Assign to a participant (picked from the list) or to a desk (typed).
void AssignControls(ViewContext& ctx) {
  ImGui::SetNextItemWidth(150);
  ImGui::InputTextWithHint("##assignee", "country or desk", ctx.state.assignee, sizeof ctx.state.assignee);
  ImGui::SameLine(0, 0);
  if (ImGui::BeginCombo("##assignee-list", nullptr, ImGuiComboFlags_NoPreview | ImGuiComboFlags_PopupAlignLeft)) {
    for (const auto& participant : wire::AllParticipants()) {
      std::string label = std::string(participant.code) + "  " + std::string(participant.name);
      // Only where the alert's marking lets it go (docs/desk.md section 3).
      if (!MayAssign(ctx.model.alerts().at(*ctx.state.selected), std::string(participant.code))) continue;
      if (ImGui::Selectable(label.c_str())) {
        std::snprintf(ctx.state.assignee, sizeof ctx.state.assignee, "%s", std::string(participant.code).c_str());
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  bool allowed =
      ctx.state.assignee[0] == 0 || MayAssign(ctx.model.alerts().at(*ctx.state.selected), ctx.state.assignee);
  ImGui::BeginDisabled(ctx.state.assignee[0] == 0 || !allowed);
  if (ImGui::Button("Assign")) SendAction(ctx, ActionKind::Assign, ctx.state.assignee);
  ImGui::EndDisabled();
  if (!allowed) {
    ImGui::SameLine();
    TextColored(kBad, "marking does not allow");
  }
}

void Actions(ViewContext& ctx, const AlertRecord& a) {
  ImGui::Separator();
  if (!CanAct(ctx)) {
    ImGui::TextDisabled("Read-only: start with --operator NAME to act on alerts.");
    return;
  }
  bool closed = a.status == AlertStatus::Closed;
  ImGui::BeginDisabled(closed || a.status == AlertStatus::Acknowledged);
  if (ImGui::Button("Acknowledge")) SendAction(ctx, ActionKind::Acknowledge);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(closed || a.status == AlertStatus::Escalated);
  if (ImGui::Button("Escalate")) SendAction(ctx, ActionKind::Escalate);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(closed ? "Reopen" : "Close")) SendAction(ctx, closed ? ActionKind::Reopen : ActionKind::Close);
  ImGui::SameLine();
  AssignControls(ctx);
  ImGui::SetNextItemWidth(-70);
  bool enter = ImGui::InputTextWithHint("##comment", "Comment", ctx.state.comment, sizeof ctx.state.comment,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Send") || enter) && ctx.state.comment[0]) {
    if (SendAction(ctx, ActionKind::Comment, {}, ctx.state.comment)) ctx.state.comment[0] = 0;
  }
}

void Outcomes(const ViewContext& ctx, const AlertRecord& a) {
  for (const auto& pending : ctx.model.pending().items()) {
    if (pending.alert_id != a.alert_id) continue;
    TextColored(kAccent, (std::string(ActionKindName(pending.kind)) + " pending since " +
                          FormatUtcTime(pending.sent_local_ms) + " (queued until the hub acknowledges it)")
                             .c_str());
  }
  for (const auto& outcome : ctx.model.outcomes()) {
    if (outcome.alert_id != a.alert_id) continue;
    if (outcome.accepted) {
      TextColored(
          kGood,
          (std::string(ActionKindName(outcome.kind)) + " stored as hub #" + std::to_string(outcome.hub_seq)).c_str());
    } else {
      TextColored(kBad, (std::string(ActionKindName(outcome.kind)) + " refused: " + outcome.reason).c_str());
    }
    break;  // the latest one
  }
}

}  // namespace

void DrawAlertDetailWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Alert detail", &ctx.state.show_windows[kDetailWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  if (!ctx.state.selected || *ctx.state.selected >= ctx.model.alerts().size()) {
    ImGui::TextDisabled("Select an alert on the map or in the feed.");
    ImGui::End();
    return;
  }
  const AlertRecord& a = ctx.model.alerts().at(*ctx.state.selected);
  Header(ctx, a);
  Actions(ctx, a);
  Outcomes(ctx, a);
  ImGui::Separator();
  Facts(ctx, a);
  History(ctx, a);
  ImGui::End();
}

}  // namespace opsroom::console
