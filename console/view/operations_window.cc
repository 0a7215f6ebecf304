#include "console/view/operations_window.h"

#include <string>

#include "console/model/time_format.h"
#include "console/view/operation_editor_window.h"
#include "console/view/operations_counters.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

Rgba PhaseColor(OperationPhase phase) {
  switch (phase) {
    case OperationPhase::Active: return MakeRgba(240, 170, 40);
    case OperationPhase::Briefing: return MakeRgba(120, 170, 230);
    case OperationPhase::Planned: return kTextDim;
    case OperationPhase::Debriefing: return MakeRgba(160, 140, 220);
    case OperationPhase::Closed: return MakeRgba(100, 108, 118);
  }
  return kTextDim;
}

void Operation(ViewContext& ctx, const OperationRecord& record) {
  const OperationValue& op = record.operation;
  std::string label = op.code + (op.name.empty() ? "" : "  ·  " + op.name) + "###" + op.code;
  ImGui::PushStyleColor(ImGuiCol_Text, PhaseColor(op.phase));
  bool open =
      ImGui::CollapsingHeader(label.c_str(), op.phase == OperationPhase::Closed ? 0 : ImGuiTreeNodeFlags_DefaultOpen);
  ImGui::PopStyleColor();
  if (!open) return;
  std::string participants;
  for (const auto& p : op.participants) participants += (participants.empty() ? "" : ", ") + p;
  TextColored(PhaseColor(op.phase), OperationPhaseName(op.phase));
  ImGui::SameLine();
  ImGui::TextDisabled("lead %s  ·  %s", op.lead.empty() ? "?" : op.lead.c_str(), participants.c_str());
  std::string rhythm =
      op.report_every_minutes == 0
          ? std::string("no reporting rhythm")
          : "a sitrep every " + wire::AgeText(int64_t{op.report_every_minutes} * 60'000) + " from each";
  ImGui::TextDisabled("%u sitreps in %zu periods; %s", record.sitrep_count, record.ledger.periods(), rhythm.c_str());
  if (CanPlan(ctx) && record.known) {
    ImGui::SameLine();
    std::string edit = "edit##" + op.code;
    if (ImGui::SmallButton(edit.c_str())) EditOperation(ctx, op);
  }
  DrawOperationCounters(ctx, record);
  ImGui::Spacing();
}

}  // namespace

void DrawOperationsWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Operations", &ctx.state.show_windows[kOperationsWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  if (ctx.model.operations().size() == 0) ImGui::TextDisabled("No joint operations.");
  if (CanPlan(ctx) && ImGui::SmallButton("New operation (o)")) {
    ctx.state.show_windows[kOperationEditorWindow] = true;
  }
  for (const OperationRecord* record : ctx.model.operations().Ordered()) Operation(ctx, *record);
  ImGui::End();
}

}  // namespace opsroom::console
