#include "console/view/hits_window.h"

#include <cmath>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

Rgba OutcomeColor(ReasonOutcome outcome) {
  switch (outcome) {
    case ReasonOutcome::Agreed: return kGood;
    case ReasonOutcome::Disagreed: return kBad;
    case ReasonOutcome::Missing: return kTextDim;
  }
  return kTextDim;
}

const char* OutcomeName(ReasonOutcome outcome) {
  switch (outcome) {
    case ReasonOutcome::Agreed: return "agreed";
    case ReasonOutcome::Disagreed: return "disagreed";
    case ReasonOutcome::Missing: return "missing";
  }
  return "";
}

std::string Seen(ViewContext& ctx, const HitValue& hit) {
  std::string seen = ctx.state.names.Show(SubjectName(hit));
  std::string detail = SubjectDetail(hit);
  if (!detail.empty()) seen += (seen.empty() ? "" : "  ") + detail;
  return seen;
}

void Row(ViewContext& ctx, const HitRow& row) {
  const HitValue& hit = row.hit;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  bool selected = ctx.state.selected_hit == hit.hit_id;
  // Hub time, as the attention queue: two consoles agree whatever their own clocks say.
  int64_t hub_now = ctx.model.HubNow(ctx.frame.now_ms);
  std::string clock = row.decided ? (row.verdict == HitVerdict::Reject ? "rejected" : "confirmed")
                                  : AnswerByText(hit.answer_by_ms, hub_now);
  if (!row.decided && row.escalated_at_ms != 0) clock += "  escalated";
  ImGui::PushStyleColor(ImGuiCol_Text,
                        ToVec4(ClockColor(HitClock(row, hub_now, ctx.model.deadlines().amber_percent))));
  if (ImGui::Selectable((clock + "##" + hit.hit_id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
    ctx.state.selected_hit = hit.hit_id;
  }
  ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(1);
  TextColored(hit.action == ActionRequested::Arrest ? kBad : kTextBright, ActionRequestedName(hit.action));
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(Seen(ctx, hit).c_str());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(hit.entry_id.c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::TextUnformatted((hit.place_name.empty() ? hit.place_code : hit.place_name).c_str());
  ImGui::TableSetColumnIndex(5);
  if (hit.copy == HitCopy::Full) ImGui::Text("%.2f", static_cast<double>(hit.score));
  else ImGui::TextDisabled("redacted");
  ++ctx.stats.hit_rows_emitted;
}

void Queue(ViewContext& ctx) {
  const std::vector<const HitRow*>& rows = ctx.model.hits().Ordered();
  const auto flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("hits", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y * 0.5f))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Answer by", 0, 1.2f);
  ImGui::TableSetupColumn("Action", 0, 1.0f);
  ImGui::TableSetupColumn("Seen", 0, 2.2f);
  ImGui::TableSetupColumn("Entry", 0, 1.2f);
  ImGui::TableSetupColumn("Where", 0, 1.2f);
  ImGui::TableSetupColumn("Score", 0, 0.6f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) Row(ctx, *rows[i]);
  }
  ImGui::EndTable();
}

void Reasons(const HitValue& hit) {
  if (hit.why.empty()) {
    ImGui::TextDisabled(hit.copy == HitCopy::Redacted ? "The owner's reasons are withheld from the checking state."
                                                      : "No reasons recorded.");
    return;
  }
  const auto flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("why", 5, flags)) return;
  ImGui::TableSetupColumn("Key", 0, 0.8f);
  ImGui::TableSetupColumn("Entry (original script)", 0, 1.6f);
  ImGui::TableSetupColumn("Seen", 0, 1.6f);
  ImGui::TableSetupColumn("Normalised", 0, 2.0f);
  ImGui::TableSetupColumn("", 0, 0.7f);
  ImGui::TableHeadersRow();
  for (const HitReasonValue& reason : hit.why) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(reason.key.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(reason.entry_value.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(reason.seen_value.c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextWrapped("%s", reason.normalized.c_str());
    ImGui::TableSetColumnIndex(4);
    TextColored(OutcomeColor(reason.outcome), OutcomeName(reason.outcome));
  }
  ImGui::EndTable();
}

void Detail(ViewContext& ctx, const HitRow& row) {
  const HitValue& hit = row.hit;
  ImGui::Separator();
  ImGui::Text("%s  entry %s rev %u of %s", hit.hit_id.c_str(), hit.entry_id.c_str(), hit.entry_revision,
              hit.entry_owner.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("  %s", MarkingText(hit.meta.marking).c_str());
  ImGui::Text("seen by %s at %s, %s (%s)", hit.checking_node.c_str(),
              (hit.place_name.empty() ? hit.place_code : hit.place_name).c_str(), FormatUtcTime(hit.seen_at_ms).c_str(),
              hit.source_id.c_str());
  if (!hit.entry_reason.empty()) ImGui::TextWrapped("Reason: %s", hit.entry_reason.c_str());
  Reasons(hit);
  if (row.decided) {
    ImGui::TextDisabled("%s by %s", row.verdict == HitVerdict::Reject ? "Rejected" : "Confirmed",
                        row.decided_by.c_str());
    return;
  }
  ImGui::BeginDisabled(!CanAct(ctx));
  if (ImGui::Button("Confirm")) SendHitDecision(ctx, hit, HitVerdict::Confirm);
  ImGui::SameLine();
  if (ImGui::Button("Reject (not the one sought)")) SendHitDecision(ctx, hit, HitVerdict::Reject);
  ImGui::EndDisabled();
}

}  // namespace

void DrawHitsWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Hits", &ctx.state.show_windows[kHitsWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  const HitQueue& hits = ctx.model.hits();
  ImGui::TextDisabled("%s open of %s hits", FormatCount(hits.open_count()).c_str(), FormatCount(hits.size()).c_str());
  Queue(ctx);
  if (const HitRow* row = hits.Find(ctx.state.selected_hit)) Detail(ctx, *row);
  ImGui::End();
}

}  // namespace opsroom::console
