#include "console/view/watchlist_window.h"

#include <cmath>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

// The identifying detail of an entry, whichever its kind has.
std::string Detail(const WatchValue& e) {
  for (const std::string* part : {&e.date_of_birth, &e.plate, &e.imo, &e.container_number, &e.phone, &e.vin}) {
    if (!part->empty()) return *part;
  }
  return e.document_numbers.empty() ? std::string() : e.document_numbers.front();
}

void Row(ViewContext& ctx, const Watchlist::Ranked& ranked) {
  const WatchValue& e = ranked.record->entry;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(7);
  if (ranked.score > 0) {
    ImGui::Text("%.2f", ranked.score);
    if (ImGui::IsItemHovered() && !ranked.why.empty()) ImGui::SetTooltip("%s", ranked.why.c_str());
  }
  ImGui::TableSetColumnIndex(0);
  // Vehicles, containers, phones have no name: their number stands for it.
  // In the reader's chosen script (docs/desk.md section 4).
  const std::string& original = !e.name_original.empty() ? e.name_original : e.name_latin;
  const std::string& name = !original.empty() ? ctx.state.names.Show(original, e.name_latin) : Detail(e);
  ImGui::TextUnformatted(name.c_str());
  if (ImGui::IsItemHovered() && !e.aliases.empty()) {
    ImGui::BeginTooltip();
    ImGui::TextDisabled("Aliases");
    for (const auto& alias : e.aliases) ImGui::TextUnformatted(alias.c_str());
    ImGui::EndTooltip();
  }
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(e.name_original.c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(WatchKindName(e.kind));
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(Detail(e).c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::TextUnformatted(e.nationality.c_str());
  ImGui::TableSetColumnIndex(5);
  TextColored(e.action == ActionRequested::Arrest ? kBad : kTextBright, ActionRequestedName(e.action));
  ImGui::TableSetColumnIndex(6);
  ImGui::TextUnformatted(e.meta.origin.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s", MarkingText(e.meta.marking).c_str());
}

}  // namespace

void DrawWatchlistWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Watchlist", &ctx.state.show_windows[kWatchWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##watch", "Search with the hub's matcher: names in any script or order, plates, numbers",
                           ctx.state.watch_query, sizeof ctx.state.watch_query);
  ViewState& st = ctx.state;
  if (st.watch_hits_query != st.watch_query || st.watch_hits_revision != ctx.model.watchlist().revision()) {
    st.watch_hits = ctx.model.watchlist().RankedSearch(st.watch_query);
    st.watch_hits_query = st.watch_query;
    st.watch_hits_revision = ctx.model.watchlist().revision();
  }
  const std::vector<Watchlist::Ranked>& hits = st.watch_hits;
  ImGui::TextDisabled("%s of %s entries", FormatCount(hits.size()).c_str(),
                      FormatCount(ctx.model.watchlist().size()).c_str());
  const auto flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                     ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("watch", 8, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", 0, 2.0f);
    ImGui::TableSetupColumn("Original script", 0, 2.0f);
    ImGui::TableSetupColumn("Kind", 0, 1.0f);
    ImGui::TableSetupColumn("DOB / plate / number", 0, 1.4f);
    ImGui::TableSetupColumn("Nat.", 0, 0.5f);
    ImGui::TableSetupColumn("Action", 0, 1.1f);
    ImGui::TableSetupColumn("Owner, marking", 0, 1.8f);
    ImGui::TableSetupColumn("Score", 0, 0.6f);  // the hub's matcher; blank: a text match
    ImGui::TableHeadersRow();
    float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    ctx.stats.watch_rows_fit = static_cast<int>(std::ceil(ImGui::GetWindowHeight() / row_height)) + 1;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(hits.size()), row_height);
    int emitted = 0;
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) Row(ctx, hits[i]);
      emitted += clipper.DisplayEnd - clipper.DisplayStart;
    }
    ctx.stats.watch_rows_emitted = emitted;
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace opsroom::console
