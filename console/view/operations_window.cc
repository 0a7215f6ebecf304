#include "console/view/operations_window.h"

#include <string>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

Rgba PhaseColor(OperationPhase phase) {
  switch (phase) {
    case OperationPhase::kActive: return MakeRgba(240, 170, 40);
    case OperationPhase::kBriefing: return MakeRgba(120, 170, 230);
    case OperationPhase::kPlanned: return kTextDim;
    case OperationPhase::kDebriefing: return MakeRgba(160, 140, 220);
    case OperationPhase::kClosed: return MakeRgba(100, 108, 118);
  }
  return kTextDim;
}

std::string Seizures(const SitRepCounters& c) {
  std::string out;
  for (const auto& [key, quantity] : c.seizures) {
    if (!out.empty()) out += ", ";
    out += std::string(CommodityName(key.first)) + " " + FormatCount(static_cast<uint64_t>(quantity)) + " " +
           UnitName(key.second);
  }
  return out;
}

void CounterRow(const char* who, const SitRepCounters& c, bool total, const std::string& marking = {}) {
  ImGui::TableNextRow();
  if (total) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, MakeRgba(255, 255, 255, 14));
  const uint64_t values[] = {c.persons_checked,       c.vehicles_checked,   c.migrants_detected,
                             c.facilitators_arrested, c.victims_identified, c.other_arrests + c.refusals_of_entry};
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(who);
  if (!total && ImGui::IsItemHovered() && !c.seizures.empty()) ImGui::SetTooltip("Seizures: %s", Seizures(c).c_str());
  for (int i = 0; i < 6; ++i) {
    ImGui::TableSetColumnIndex(i + 1);
    ImGui::TextUnformatted(FormatCount(values[i]).c_str());
  }
  ImGui::TableSetColumnIndex(7);
  ImGui::TextDisabled("%s", marking.c_str());
}

void SitRepTable(const OperationRecord& record) {
  if (record.latest_by_country.empty()) {
    ImGui::TextDisabled("No sitreps yet.");
    return;
  }
  const auto flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame;
  if (!ImGui::BeginTable(record.operation.code.c_str(), 8, flags)) return;
  for (const char* name : {"Country", "Persons", "Vehicles", "Migrants", "Facilitators", "Victims", "Other"}) {
    ImGui::TableSetupColumn(name);
  }
  // Before passing a figure on, the operator sees what its marking allows.
  ImGui::TableSetupColumn("Marking", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
  ImGui::TableHeadersRow();
  for (const auto& [country, sitrep] : record.latest_by_country)
    CounterRow(country.c_str(), record.CountersOf(country), false, record.MarkingOf(country));
  SitRepCounters totals = record.Totals();
  CounterRow("Total", totals, true);
  ImGui::EndTable();
  if (!totals.seizures.empty()) {
    ImGui::TextDisabled("Seizures");
    ImGui::SameLine();
    ImGui::TextWrapped("%s", Seizures(totals).c_str());
  }
}

void Operation(const OperationRecord& record) {
  const OperationValue& op = record.operation;
  std::string label = op.code + (op.name.empty() ? "" : "  ·  " + op.name) + "###" + op.code;
  ImGui::PushStyleColor(ImGuiCol_Text, PhaseColor(op.phase));
  bool open =
      ImGui::CollapsingHeader(label.c_str(), op.phase == OperationPhase::kClosed ? 0 : ImGuiTreeNodeFlags_DefaultOpen);
  ImGui::PopStyleColor();
  if (!open) return;
  std::string participants;
  for (const auto& p : op.participants) participants += (participants.empty() ? "" : ", ") + p;
  TextColored(PhaseColor(op.phase), OperationPhaseName(op.phase));
  ImGui::SameLine();
  ImGui::TextDisabled("lead %s  ·  %s", op.lead.empty() ? "?" : op.lead.c_str(), participants.c_str());
  ImGui::TextDisabled("%u sitreps; counters of each country's latest", record.sitrep_count);
  SitRepTable(record);
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
  for (const OperationRecord* record : ctx.model.operations().Ordered()) Operation(*record);
  ImGui::End();
}

}  // namespace opsroom::console
