#include "console/view/handover_window.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "console/model/handover_contents.h"
#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

void ItemsTable(const char* id, const std::vector<HandoverItemValue>& items, int64_t hub_now) {
  if (items.empty()) {
    ImGui::TextDisabled("No open items.");
    return;
  }
  const auto flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  float height = std::min<float>(220.0f, (static_cast<float>(items.size()) + 1.5f) * ImGui::GetFrameHeight());
  if (!ImGui::BeginTable(id, 5, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, 120);
  ImGui::TableSetupColumn("Item", ImGuiTableColumnFlags_WidthFixed, 190);
  ImGui::TableSetupColumn("Held by", ImGuiTableColumnFlags_WidthFixed, 110);
  ImGui::TableSetupColumn("Waited", ImGuiTableColumnFlags_WidthFixed, 70);
  ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(items.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const HandoverItemValue& item = items[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(HandoverItemKindText(item.kind));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(item.item_id.c_str());
      ImGui::TableSetColumnIndex(2);
      if (item.assignee.empty()) ImGui::TextDisabled("nobody");
      else ImGui::TextUnformatted(item.assignee.c_str());
      ImGui::TableSetColumnIndex(3);
      if (item.since_ms != 0)
        ImGui::TextUnformatted(wire::AgeText(std::max<int64_t>(0, hub_now - item.since_ms)).c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(item.title.c_str());
    }
  }
  ImGui::EndTable();
}

// The hub's refusal of the operator's last request on this handover, if any.
const ActionOutcomeValue* Refusal(const ViewContext& ctx, const std::string& id) {
  for (const ActionOutcomeValue& outcome : ctx.model.outcomes()) {
    if (outcome.alert_id == id) return outcome.accepted ? nullptr : &outcome;
  }
  return nullptr;
}

void Incoming(ViewContext& ctx, int64_t hub_now) {
  ImGui::Separator();
  TextColored(kAccent, "Latest handover");
  const HandoverRecord* latest = ctx.model.handovers().Latest();
  if (latest == nullptr) {
    ImGui::TextDisabled("No handover yet.");
    return;
  }
  const HandoverValue& h = latest->handover;
  ImGui::Text("%s UTC  from %s (%s)", FormatUtcTime(h.written_at_ms).c_str(), h.from_officer.c_str(),
              h.meta.origin.c_str());
  ImGui::TextWrapped("%s", h.note.empty() ? "(no note)" : h.note.c_str());
  ItemsTable("handover_in", h.items, hub_now);
  if (h.items_left_out > 0) ImGui::TextDisabled("and %u more open items not listed", h.items_left_out);
  if (latest->acknowledged) {
    std::string text = "Acknowledged by " + latest->acknowledged_by + " at " +
                       FormatUtcTime(latest->acknowledged_at_ms) + " UTC";
    TextColored(kGood, text.c_str());
  } else if (const PendingAction* pending = ctx.model.pending().For(h.handover_id)) {
    TextColored(kAccent, ("Acknowledgement pending since " + FormatUtcTime(pending->sent_local_ms) +
                          " (queued until the hub acknowledges it)")
                             .c_str());
  } else {
    TextColored(kWarn, "Not acknowledged");
    ImGui::SameLine();
    ImGui::BeginDisabled(!CanAct(ctx));
    if (ImGui::Button("Acknowledge handover")) SendHandoverAck(ctx, h.handover_id);
    ImGui::EndDisabled();
  }
  if (const ActionOutcomeValue* refused = Refusal(ctx, h.handover_id)) {
    TextColored(kBad, ("refused: " + refused->reason).c_str());
  }
}

void Outgoing(ViewContext& ctx, int64_t hub_now) {
  ImGui::Separator();
  TextColored(kAccent, "Hand over the shift");
  if (!CanAct(ctx)) {
    ImGui::TextDisabled("Read-only console: start it with --operator NAME to hand over.");
    return;
  }
  ImGui::InputTextMultiline("##handover_note", ctx.state.handover_note, sizeof ctx.state.handover_note,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 4));
  HandoverContents now = ctx.model.HandoverNow(ctx.frame.now_ms);
  ImGui::TextDisabled("opsroom adds %zu open items:", now.items.size() + now.left_out);
  ItemsTable("handover_out", now.items, hub_now);
  if (now.left_out > 0) ImGui::TextDisabled("and %u more, counted but not listed", now.left_out);
  if (ImGui::Button("Send handover") && SendHandover(ctx, ctx.state.handover_note)) ctx.state.handover_note[0] = 0;
  for (const PendingAction& pending : ctx.model.pending().items()) {
    if (pending.kind != ActionKind::Comment || pending.alert_id.rfind("H-", 0) != 0) continue;
    TextColored(kAccent, ("Handover " + pending.alert_id + " pending since " + FormatUtcTime(pending.sent_local_ms) +
                          " (queued until the hub acknowledges it)")
                             .c_str());
  }
}

}  // namespace

void DrawHandoverWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Handover", &ctx.state.show_windows[kHandoverWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  int64_t hub_now = ctx.model.HubNow(ctx.frame.now_ms);
  Incoming(ctx, hub_now);
  Outgoing(ctx, hub_now);
  ImGui::End();
}

}  // namespace opsroom::console
