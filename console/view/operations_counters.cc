#include "console/view/operations_counters.h"

#include <algorithm>
#include <string>

#include "console/model/report_clock.h"
#include "console/model/time_format.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

constexpr int kCounterColumns = 10;

std::string Seizures(const SitRepCounters& c) {
  std::string out;
  for (const auto& [key, quantity] : c.seizures) {
    if (!out.empty()) out += ", ";
    out += std::string(CommodityName(key.first)) + " " + FormatCount(static_cast<uint64_t>(quantity)) + " " +
           UnitName(key.second);
  }
  return out;
}

Rgba ReportColor(ClockState state) {
  switch (state) {
    case ClockState::kAmber: return kWarn;
    case ClockState::kRed: return kBad;
    default: return kTextBright;
  }
}

// "12m ago", "never"; and the clock's colour when the operation has a rhythm.
void LastReportedCell(const SitRepLedger& ledger, const std::vector<ReportClock>& clocks, const std::string& who,
                      int64_t hub_now) {
  int64_t last = ledger.LastReportedMs(who);
  std::string text = last == 0 ? "never" : wire::AgeText(std::max<int64_t>(0, hub_now - last)) + " ago";
  auto clock = std::find_if(clocks.begin(), clocks.end(), [&](const ReportClock& c) { return c.participant == who; });
  if (clock == clocks.end()) {
    ImGui::TextDisabled("%s", text.c_str());
    return;
  }
  TextColored(ReportColor(clock->clock), text.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("next sitrep due %s (%s)", FormatUtcDateTime(clock->due_ms).c_str(),
                      ClockText(clock->due_ms, hub_now).c_str());
  }
}

void CounterRow(const char* who, const SitRepCounters& all, const SitRepCounters& day, bool total) {
  const uint64_t since_start[] = {all.persons_checked,       all.vehicles_checked,   all.migrants_detected,
                                  all.facilitators_arrested, all.victims_identified, all.refusals_of_entry};
  const uint64_t today[] = {day.persons_checked,       day.vehicles_checked,   day.migrants_detected,
                            day.facilitators_arrested, day.victims_identified, day.refusals_of_entry};
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(who);
  for (int i = 0; i < 6; ++i) {
    ImGui::TableSetColumnIndex(i + 2);
    ImGui::Text("%s", FormatCount(since_start[i]).c_str());
    if (total || today[i] != 0) {
      ImGui::SameLine();
      ImGui::TextDisabled("+%s", FormatCount(today[i]).c_str());
    }
  }
  ImGui::TableSetColumnIndex(8);
  ImGui::TextUnformatted(Seizures(all).c_str());
}

void CounterTable(const OperationRecord& record, const std::vector<ReportClock>& clocks, int64_t hub_now) {
  const SitRepLedger& ledger = record.ledger;
  int64_t day = UtcDayStart(hub_now);
  // Every participant has a row, those that never reported too: silence is news.
  std::vector<std::string> rows = ReportingParticipants(record.operation);
  for (const std::string& country : ledger.Countries()) {
    if (std::find(rows.begin(), rows.end(), country) == rows.end()) rows.push_back(country);
  }
  if (rows.empty()) {
    ImGui::TextDisabled("No sitreps yet.");
    return;
  }
  // Every column as wide as its content and the table scrolling sideways: in
  // the narrow docked window, stretched columns cut the figures short or
  // wrapped the seizures one word per line.
  const auto flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                     ImGuiTableFlags_ScrollX;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_height = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  const ImVec2 outer(0, row_height * static_cast<float>(rows.size() + 2) + style.ScrollbarSize + 2);
  if (!ImGui::BeginTable(record.operation.code.c_str(), kCounterColumns, flags, outer)) return;
  ImGui::TableSetupScrollFreeze(1, 0);  // the country stays in view
  for (const char* name : {"Country", "Last report", "Persons", "Vehicles", "Migrants", "Facilitators", "Victims",
                           "Refusals", "Seizures", "Marking"}) {
    // Before passing a figure on, the operator sees what its marking allows (the last column).
    ImGui::TableSetupColumn(name);
  }
  ImGui::TableHeadersRow();
  for (const std::string& country : rows) {
    ImGui::TableNextRow();
    CounterRow(country.c_str(), ledger.Total(country), ledger.Day(country, day), false);
    ImGui::TableSetColumnIndex(1);
    LastReportedCell(ledger, clocks, country, hub_now);
    ImGui::TableSetColumnIndex(9);
    ImGui::TextDisabled("%s", record.MarkingOf(country).c_str());
  }
  ImGui::TableNextRow();
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, MakeRgba(255, 255, 255, 14));
  CounterRow("Total", ledger.Total(), ledger.Day(day), true);
  ImGui::EndTable();
  ImGui::TextDisabled("since the start; +today (UTC %s), each period counted in the hour it ends",
                      FormatUtcDateTime(day).substr(0, 10).c_str());
}

void HourChart(const OperationRecord& record, int64_t hub_now) {
  // Which figure the chart shows is view state, kept per operation by ImGui.
  ImGui::PushID(record.operation.code.c_str());
  ImGuiStorage* storage = ImGui::GetStateStorage();
  ImGuiID key = ImGui::GetID("figure");
  int figure = std::clamp(storage->GetInt(key, 0), 0, kSitRepFigureCount - 1);
  ImGui::SetNextItemWidth(180);
  if (ImGui::BeginCombo("per hour today", SitRepFigureName(static_cast<SitRepFigure>(figure)))) {
    for (int i = 0; i < kSitRepFigureCount; ++i) {
      if (ImGui::Selectable(SitRepFigureName(static_cast<SitRepFigure>(i)), i == figure)) storage->SetInt(key, i);
    }
    ImGui::EndCombo();
  }
  auto hours = record.ledger.PerHour(UtcDayStart(hub_now), static_cast<SitRepFigure>(figure));
  float values[24];
  float top = 1;
  for (int h = 0; h < 24; ++h) top = std::max(top, values[h] = static_cast<float>(hours[h]));
  ImGui::PlotHistogram("##hours", values, 24, 0, "00h .. 23h UTC", 0.0f, top * 1.1f, ImVec2(-1, 70));
  ImGui::PopID();
}

}  // namespace

void DrawOperationCounters(ViewContext& ctx, const OperationRecord& record) {
  int64_t hub_now = ctx.model.HubNow(ctx.frame.now_ms);
  std::vector<ReportClock> clocks = ReportClocks(record, hub_now, ctx.model.deadlines().amber_percent);
  CounterTable(record, clocks, hub_now);
  if (record.ledger.periods() != 0) HourChart(record, hub_now);
}

}  // namespace opsroom::console
