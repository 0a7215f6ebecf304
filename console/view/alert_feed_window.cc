#include "console/view/alert_feed_window.h"

#include <cmath>
#include <cstring>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"
#include "wire/participants.h"

namespace opsroom::console {
namespace {

void SeverityToggles(AlertFilter& filter) {
  for (int s = kSeverityCount - 1; s >= 0; --s) {
    auto severity = static_cast<Severity>(s);
    bool on = filter.severities & Bit(severity);
    Rgba color = SeverityColor(severity);
    ImGui::PushID(s);
    ImGui::PushStyleColor(ImGuiCol_Button, on ? WithAlpha(color, 0.55f) : MakeRgba(34, 41, 51));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, WithAlpha(color, 0.75f));
    ImGui::PushStyleColor(ImGuiCol_Text, on ? MakeRgba(250, 250, 250) : MakeRgba(120, 128, 138));
    if (ImGui::SmallButton(SeverityName(severity))) filter.severities ^= Bit(severity);
    ImGui::PopStyleColor(3);
    ImGui::PopID();
    ImGui::SameLine();
  }
}

// A combo just wide enough for its preview text.
void FitNextCombo(const char* preview) {
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(preview).x + ImGui::GetFrameHeight() +
                          ImGui::GetStyle().FramePadding.x * 2);
}

template <typename E>
void MaskCombo(const char* label, uint32_t* mask, int count, const char* (*name)(E)) {
  int on = 0;
  for (int i = 0; i < count; ++i) on += (*mask >> i) & 1;
  char preview[64];
  std::snprintf(preview, sizeof preview, on == count ? "%s: all" : "%s: %d of %d", label, on, count);
  FitNextCombo(preview);
  if (!ImGui::BeginCombo(label[0] ? (std::string("##") + label).c_str() : "##mask", preview)) return;
  if (ImGui::SmallButton("All")) *mask = AllBits(count);
  ImGui::SameLine();
  if (ImGui::SmallButton("None")) *mask = 0;
  for (int i = 0; i < count; ++i) {
    bool checked = (*mask >> i) & 1;
    if (ImGui::Checkbox(name(static_cast<E>(i)), &checked)) *mask ^= 1u << i;
  }
  ImGui::EndCombo();
}

void CountryCombo(AlertFilter& filter) {
  std::string preview = "Country: " + (filter.country.empty() ? std::string("all") : filter.country);
  FitNextCombo(preview.c_str());
  if (!ImGui::BeginCombo("##country", preview.c_str())) return;
  if (ImGui::Selectable("All countries", filter.country.empty())) filter.country.clear();
  for (const auto& participant : wire::AllParticipants()) {
    std::string code(participant.code);
    std::string label = code + "  " + std::string(participant.name);
    if (ImGui::Selectable(label.c_str(), filter.country == code)) filter.country = code;
  }
  ImGui::EndCombo();
}

void FilterBar(ViewContext& ctx) {
  AlertFilter& filter = ctx.model.filter();
  SeverityToggles(filter);
  MaskCombo<AlertStatus>("Status", &filter.statuses, kAlertStatusCount, AlertStatusName);
  ImGui::SameLine();
  MaskCombo<CrimeArea>("Area", &filter.crime_areas, kCrimeAreaCount, CrimeAreaName);
  ImGui::SameLine();
  CountryCombo(filter);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##text", "Search: id, title, place, assignee (any script)", ctx.state.filter_text,
                               sizeof ctx.state.filter_text)) {
    filter.text = ctx.state.filter_text;
  }
}

void ApplySortSpecs(ViewContext& ctx) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !specs->SpecsDirty || specs->SpecsCount == 0) return;
  const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
  ctx.model.sort() =
      SortSpec{static_cast<SortColumn>(s.ColumnUserID), s.SortDirection == ImGuiSortDirection_Descending};
  specs->SpecsDirty = false;
}

void Row(ViewContext& ctx, uint32_t index) {
  const AlertRecord& a = ctx.model.alerts().at(index);
  ImGui::TableNextRow();
  if (a.severity == Severity::Flash && a.status == AlertStatus::Open) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, WithAlpha(SeverityColor(Severity::Flash), 0.18f));
  }
  ImGui::TableSetColumnIndex(0);
  bool selected = ctx.state.selected == index;
  ImGui::PushID(static_cast<int>(index));
  if (ImGui::Selectable(FormatUtcTime(a.arrived_ms).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
    SelectAlert(ctx, index, false);
  }
  ImGui::PopID();
  ImGui::TableSetColumnIndex(1);
  SeverityChip(a.severity);
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(a.country.c_str());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(CrimeAreaName(a.crime_area));
  ImGui::TableSetColumnIndex(4);
  if (IsExpired(a, ctx.model.HubNow(ctx.frame.now_ms))) {
    TextColored(kTextDim, "expired");
  } else {
    TextColored(StatusColor(a.status), AlertStatusName(a.status));
  }
  ImGui::TableSetColumnIndex(5);
  ImGui::TextUnformatted(a.title.c_str());
  ImGui::TableSetColumnIndex(6);
  ImGui::TextUnformatted(a.place_name.empty() ? a.place_code.c_str() : a.place_name.c_str());
  ImGui::TableSetColumnIndex(7);
  ImGui::TextDisabled("%s", MarkingText(a.marking).c_str());
}

void SetupColumns() {
  const auto fixed = ImGuiTableColumnFlags_WidthFixed;
  const auto desc = ImGuiTableColumnFlags_PreferSortDescending;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Time (UTC)", fixed | desc | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_NoHide,
                          80, static_cast<ImGuiID>(SortColumn::kTime));
  ImGui::TableSetupColumn("Severity", fixed | desc, 64, static_cast<ImGuiID>(SortColumn::kSeverity));
  ImGui::TableSetupColumn("Ctry", fixed, 40, static_cast<ImGuiID>(SortColumn::kCountry));
  ImGui::TableSetupColumn("Crime area", fixed, 112, static_cast<ImGuiID>(SortColumn::kCrimeArea));
  ImGui::TableSetupColumn("Status", fixed, 88, static_cast<ImGuiID>(SortColumn::kStatus));
  // The title before the marking and both stretching: in a narrow feed the title keeps most of the room.
  ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 3.0f, static_cast<ImGuiID>(SortColumn::kTitle));
  ImGui::TableSetupColumn("Place", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.2f, 99);
  ImGui::TableSetupColumn("Marking", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.2f, 98);
  ImGui::TableHeadersRow();
}

void Table(ViewContext& ctx) {
  const auto flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                     ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable | ImGuiTableFlags_BordersInnerV |
                     ImGuiTableFlags_SizingFixedFit;
  // Not "feed": a layout saved when Marking came before Title would squeeze the title again.
  if (!ImGui::BeginTable("alert-feed", 8, flags)) return;
  SetupColumns();
  ApplySortSpecs(ctx);
  const std::vector<uint32_t>& rows = ctx.model.feed().rows();
  float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  float visible = ImGui::GetWindowHeight();  // the table's scrolling child
  ctx.stats.feed_rows_fit = static_cast<int>(std::ceil(visible / row_height)) + 1;
  if (ctx.state.scroll_feed_to_selected && ctx.state.selected) {
    int row = ctx.model.feed().RowOf(*ctx.state.selected);
    if (row >= 0) ImGui::SetScrollY(std::max(0.0f, row * row_height - visible / 2));
    ctx.state.scroll_feed_to_selected = false;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), row_height);
  int emitted = 0;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) Row(ctx, rows[i]);
    emitted += clipper.DisplayEnd - clipper.DisplayStart;
  }
  ctx.stats.feed_rows_emitted = emitted;
  ImGui::EndTable();
}

}  // namespace

void DrawAlertFeedWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Alerts", &ctx.state.show_windows[kFeedWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  FilterBar(ctx);
  ImGui::TextDisabled("%s shown of %s  ·  %s open  ·  %s open flash",
                      FormatCount(ctx.model.feed().rows().size()).c_str(),
                      FormatCount(ctx.model.alerts().size()).c_str(),
                      FormatCount(ctx.model.alerts().count_by_status(AlertStatus::Open)).c_str(),
                      FormatCount(ctx.model.alerts().live_flash_count(ctx.model.HubNow(ctx.frame.now_ms))).c_str());
  Table(ctx);
  ImGui::End();
}

}  // namespace opsroom::console
