#include "console/view/attention_window.h"

#include <algorithm>
#include <cmath>

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

Rgba ReasonColor(AttentionReason reason) {
  switch (reason) {
    case AttentionReason::kFlashUnacknowledged: return SeverityColor(Severity::Flash);
    case AttentionReason::kHandoverUnacknowledged: return kAccent;
    case AttentionReason::kEscalated: return kBad;
    case AttentionReason::kUrgentUnacknowledged: return SeverityColor(Severity::Urgent);
    case AttentionReason::kHitUrgentAction: return kBad;
    case AttentionReason::kHit: return kWarn;
    case AttentionReason::kNodeSilent: return kTextDim;
    case AttentionReason::kAlertUnacknowledged: return SeverityColor(Severity::Priority);
    case AttentionReason::kSitRepOverdue: return kWarn;
  }
  return kTextDim;
}

std::string MarkingOf(const ViewContext& ctx, const AttentionItem& item) {
  if (item.kind == AttentionKind::kAlert) return MarkingText(ctx.model.alerts().at(item.alert_index).marking);
  if (item.kind == AttentionKind::kHit) {
    if (const HitRow* row = ctx.model.hits().Find(item.id)) return MarkingText(row->hit.meta.marking);
  }
  return {};
}

// The clock, or what the operator's own action is waiting for.
std::string ClockCell(const ViewContext& ctx, const AttentionItem& item, int64_t hub_now) {
  if (const PendingAction* pending = ctx.model.pending().For(item.id)) {
    return std::string("pending ") + (item.kind == AttentionKind::kHit ? "decision" : ActionKindName(pending->kind));
  }
  return ClockText(item.deadline_ms, hub_now);
}

void Row(ViewContext& ctx, int row, const AttentionItem& item, int64_t hub_now) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  bool cursor = row == ctx.state.attention_row;
  ImGui::PushID(row);
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(ReasonColor(item.reason)));
  if (ImGui::Selectable(AttentionReasonText(item.reason), cursor, ImGuiSelectableFlags_SpanAllColumns)) {
    ctx.state.attention_row = row;
    ctx.state.attention_id = item.id;
  }
  ImGui::PopStyleColor();
  ImGui::PopID();
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(wire::AgeText(std::max<int64_t>(0, hub_now - item.since_ms)).c_str());
  ImGui::TableSetColumnIndex(2);
  bool pending = ctx.model.pending().For(item.id) != nullptr;
  TextColored(pending
                  ? kAccent
                  : ClockColor(ClockAt(item.since_ms, item.deadline_ms, hub_now, ctx.model.deadlines().amber_percent)),
              ClockCell(ctx, item, hub_now).c_str());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(AttentionTitle(ctx, item).c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::TextDisabled("%s", MarkingOf(ctx, item).c_str());
}

void Table(ViewContext& ctx, const std::vector<AttentionItem>& items, int64_t hub_now) {
  const auto flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                     ImGuiTableFlags_SizingFixedFit;
  // Not "attention": a layout saved when Marking came before Item would squeeze the item again.
  if (!ImGui::BeginTable("attention-queue", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthFixed, 170);
  ImGui::TableSetupColumn("Waited", ImGuiTableColumnFlags_WidthFixed, 60);
  ImGui::TableSetupColumn("Deadline", ImGuiTableColumnFlags_WidthFixed, 120);
  // What needs attention before its marking, as in the feed: the item keeps most of a narrow window.
  ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Marking", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  if (ctx.state.scroll_attention) {
    float visible = ImGui::GetWindowHeight();
    float y = ctx.state.attention_row * row_height;
    if (y < ImGui::GetScrollY() || y + 2 * row_height > ImGui::GetScrollY() + visible) {
      ImGui::SetScrollY(std::max(0.0f, y - visible / 2));
    }
    ctx.state.scroll_attention = false;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(items.size()), row_height);
  int emitted = 0;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) Row(ctx, i, items[i], hub_now);
    emitted += clipper.DisplayEnd - clipper.DisplayStart;
  }
  ctx.stats.attention_rows_emitted = emitted;
  ImGui::EndTable();
}

}  // namespace

std::string AttentionTitle(ViewContext& ctx, const AttentionItem& item) {
  switch (item.kind) {
    case AttentionKind::kAlert: {
      const AlertRecord& a = ctx.model.alerts().at(item.alert_index);
      return a.country + "  " + a.title;
    }
    case AttentionKind::kHit: {
      const HitRow* row = ctx.model.hits().Find(item.id);
      if (!row) return item.id;
      std::string subject = ctx.state.names.Show(SubjectName(row->hit));
      return std::string(ActionRequestedName(row->hit.action)) + "  " + subject + "  (" + row->hit.entry_owner + ")";
    }
    case AttentionKind::kNode: return item.id;
    case AttentionKind::kOperation: return "sitrep due from " + item.id;  // "<code> <participant>"
    case AttentionKind::kHandover: {
      const HandoverRecord* record = ctx.model.handovers().Find(item.id);
      if (!record) return item.id;
      return "from " + record->handover.from_officer + "  (" + std::to_string(record->handover.items.size()) +
             " open items; h to read, a to acknowledge)";
    }
  }
  return item.id;
}

const AttentionItem* CursorItem(ViewContext& ctx) {
  const auto& items = ctx.model.attention().items();
  if (items.empty()) {
    ctx.state.attention_row = 0;
    return nullptr;
  }
  int& row = ctx.state.attention_row;
  // The item moved (rows above it came or went): follow it.
  if (row >= 0 && row < static_cast<int>(items.size()) && items[row].id != ctx.state.attention_id) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const AttentionItem& i) { return i.id == ctx.state.attention_id; });
    if (it != items.end()) row = static_cast<int>(it - items.begin());
  }
  row = std::clamp(row, 0, static_cast<int>(items.size()) - 1);
  ctx.state.attention_id = items[row].id;
  return &items[row];
}

void DrawAttentionWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Attention", &ctx.state.show_windows[kAttentionWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  const auto& items = ctx.model.attention().items();
  CursorItem(ctx);
  int red = 0;
  int64_t hub_now = ctx.model.HubNow(ctx.frame.now_ms);
  for (const auto& item : items)
    red += ClockAt(item.since_ms, item.deadline_ms, hub_now, ctx.model.deadlines().amber_percent) == ClockState::kRed;
  ImGui::TextDisabled("%s need attention  \xC2\xB7  %d overdue  \xC2\xB7  %zu of your actions pending",
                      FormatCount(items.size()).c_str(), red, ctx.model.pending().items().size());
  ImGui::SameLine();
  ImGui::TextDisabled("   j/k move  Enter open  a ack  s assign  e escalate  c close  ? help");
  if (items.empty()) {
    ImGui::TextDisabled("Nothing needs a person now.");
  } else {
    Table(ctx, items, hub_now);
  }
  ImGui::End();
}

}  // namespace opsroom::console
