#include "console/view/nodes_window.h"

#include "console/model/time_format.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

void HealthDot(LinkHealth health) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 5, p.y + h / 2), 4.5f, HealthColor(health), 12);
  ImGui::Dummy(ImVec2(12, h));
  ImGui::SameLine();
  TextColored(HealthColor(health), LinkHealthName(health));
}

void NodeRow(const ViewContext& ctx, const NodeValue& node) {
  const NodeTable& table = ctx.model.nodes();
  int64_t now = ctx.frame.now_ms;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(node.node_id.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s  (%s)\nconnected: %s\nlast node_seq: %llu\noldest unsent: %s\n%s", node.node_id.c_str(),
                      node.country.c_str(), node.connected ? "yes" : "no",
                      static_cast<unsigned long long>(node.last_node_seq),
                      wire::AgeText(node.oldest_unsent_age_ms).c_str(), node.software_version.c_str());
  }
  ImGui::TableSetColumnIndex(1);
  // A lost hub says nothing about the nodes: unknown, not silent (docs/desk.md section 5).
  HealthDot(ctx.model.outage(now).lost ? LinkHealth::kUnknown : table.NodeHealth(node, now));
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(node.last_heartbeat_ms ? wire::AgeText(table.HubNow(now) - node.last_heartbeat_ms).c_str()
                                                : "never");
  ImGui::TableSetColumnIndex(3);
  ImGui::Text("%u", node.messages_last_minute);
  ImGui::TableSetColumnIndex(4);
  if (node.outbox_depth > 0) {
    TextColored(kWarn, FormatCount(node.outbox_depth).c_str());
  } else {
    ImGui::TextUnformatted("0");
  }
}

void LoggedRow(const LoggedLink& link) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(link.node_id.c_str());
  ImGui::TableSetColumnIndex(1);
  HealthDot(HealthOfLogged(link.state));
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(FormatUtcTime(link.since_ms).c_str());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(LinkReasonText(link).c_str());
}

// A replay shows the links the hub logged (LinkChange, docs/protocol.md 4.2)
// up to its moment, and says what the log cannot tell (docs/desk.md 8).
void DrawLoggedLinks(const ViewContext& ctx) {
  const LinkLedger& links = ctx.model.logged_links();
  if (links.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(kWarn));
    ImGui::TextWrapped("REPLAY: the log holds no node link change up to this moment (no node had connected, or "
                       "the hub did not log links yet), so no link is shown and the map's countries are grey. "
                       "Back to live (t) shows them now.");
    ImGui::PopStyleColor();
    return;
  }
  if (ctx.config.replay != nullptr && ctx.config.replay->shows_hub_state()) {
    std::string since = FormatUtcDateTime(ctx.config.replay->past().at_ms());
    ImGui::TextWrapped("REPLAY: links logged since %s only: the hub's state at a moment holds no links, so a node "
                       "whose link did not change since is not listed.",
                       since.c_str());
  } else {
    ImGui::TextDisabled("REPLAY: links as the hub logged them; heartbeats, outboxes and rates are not in the log.");
  }
  const auto flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("logged_links", 4, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Node", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Link", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("healthy").x + 20);
    ImGui::TableSetupColumn("Since", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("00:00:00").x + 4);
    ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    // The room's own consoles (OPSROOM-...) are sessions, not national nodes.
    for (const auto& [node_id, link] : links.links()) {
      if (link.country != "OPSROOM") LoggedRow(link);
    }
    ImGui::EndTable();
  }
}

}  // namespace

void DrawNodesWindow(ViewContext& ctx) {
  if (!BeginPanel(ctx.config, "Nodes", &ctx.state.show_windows[kNodesWindow])) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  const NodeTable& table = ctx.model.nodes();
  if (ctx.state.replay) {
    DrawLoggedLinks(ctx);
    ImGui::End();
    return;
  }
  if (!table.has_status()) {
    ImGui::TextDisabled("No status from the hub yet.");
  } else {
    const HubStatusValue& s = table.status();
    TextColored(table.hub_silent(ctx.frame.now_ms) ? kBad : kGood,
                table.hub_silent(ctx.frame.now_ms) ? "hub silent" : "hub live");
    ImGui::SameLine();
    std::size_t consoles = 0;
    for (const NodeValue& node : s.nodes) consoles += node.country == "OPSROOM" && node.connected;
    ImGui::TextDisabled("%s  ·  seq %s  ·  %s  ·  %zu room sessions", s.hub_id.c_str(), FormatCount(s.hub_seq).c_str(),
                        s.durable ? "durable" : "NOT durable (--sync=none)", consoles);
    if (!s.store_error.empty()) TextColored(kBad, ("Store error: " + s.store_error).c_str());
  }
  const auto flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("nodes", 5, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Node", ImGuiTableColumnFlags_WidthStretch);
    // Widths from their widest text: auto-fit would freeze at the header's
    // width when the table first appears empty.
    const auto fixed = ImGuiTableColumnFlags_WidthFixed;
    ImGui::TableSetupColumn("Link", fixed, ImGui::CalcTextSize("healthy").x + 20);
    ImGui::TableSetupColumn("Beat", fixed, ImGui::CalcTextSize("1h 00m").x + 4);
    ImGui::TableSetupColumn("Msg/min", fixed, ImGui::CalcTextSize("Msg/min").x + 4);
    ImGui::TableSetupColumn("Outbox", fixed, ImGui::CalcTextSize("Outbox").x + 4);
    ImGui::TableHeadersRow();
    // The room's own consoles (OPSROOM-...) are sessions, not national nodes.
    for (const NodeValue& node : table.nodes()) {
      if (node.country != "OPSROOM") NodeRow(ctx, node);
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace opsroom::console
