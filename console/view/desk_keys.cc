#include "console/view/desk_keys.h"

#include <algorithm>
#include <cstdio>

#include "console/view/attention_window.h"
#include "console/view/replay_window.h"
#include "console/view/theme.h"
#include "wire/participants.h"

namespace opsroom::console {
namespace {

struct Shortcut {
  const char* keys;
  const char* does;
};
constexpr Shortcut kShortcuts[] = {
    {"j / Down", "next row of the attention queue"},
    {"k / Up", "previous row"},
    {"Enter", "open the row (alert detail, hit, node)"},
    {"a", "acknowledge the alert (on a handover row: the handover)"},
    {"s", "assign the alert (type a code or desk, Enter sends)"},
    {"e", "escalate the alert"},
    {"c", "close the alert"},
    {"l", "names: original / Latin / Cyrillic"},
    {"h", "shift handover: write and send, or read and acknowledge"},
    {"t", "replay the log (time slider); again: back to live"},
    {"o", "operation editor (planners)"},
    {"F1 or ?", "this help"},
    {"Esc", "close help or prompt; otherwise deselect"},
    {"R / Home", "reset the map"},
};

bool Pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); }

void Move(ViewContext& ctx, int delta) {
  const auto& items = ctx.model.attention().items();
  if (items.empty()) return;
  int row = std::clamp(ctx.state.attention_row + delta, 0, static_cast<int>(items.size()) - 1);
  ctx.state.attention_row = row;
  ctx.state.attention_id = items[row].id;
  ctx.state.scroll_attention = true;
}

void Open(ViewContext& ctx, const AttentionItem& item) {
  switch (item.kind) {
    case AttentionKind::kAlert: SelectAlert(ctx, item.alert_index, true); break;
    case AttentionKind::kHit:
      ctx.state.selected_hit = item.id;
      ctx.state.show_windows[kHitsWindow] = true;
      break;
    case AttentionKind::kNode: ctx.state.show_windows[kNodesWindow] = true; break;
    case AttentionKind::kOperation: ctx.state.show_windows[kOperationsWindow] = true; break;
    case AttentionKind::kHandover: ctx.state.show_windows[kHandoverWindow] = true; break;
  }
}

void Act(ViewContext& ctx, const AttentionItem& item, ActionKind kind) {
  if (item.kind == AttentionKind::kHandover && kind == ActionKind::Acknowledge) {
    if (ctx.model.pending().For(item.id) == nullptr) SendHandoverAck(ctx, item.id);
    return;
  }
  if (item.kind != AttentionKind::kAlert) return;
  SendActionOn(ctx, item.alert_index, kind);
}

void NextScript(ViewContext& ctx) {
  auto next = static_cast<NameScript>((static_cast<int>(ctx.state.names.script()) + 1) % kNameScriptCount);
  ctx.state.names.set_script(next);
}

void OnCharacter(ViewContext& ctx, ImWchar c, const AttentionItem* item) {
  switch (c) {
    case 'j': Move(ctx, 1); break;
    case 'k': Move(ctx, -1); break;
    case '?': ctx.state.show_help = !ctx.state.show_help; break;
    case 'l': NextScript(ctx); break;
    case 'h': ctx.state.show_windows[kHandoverWindow] = !ctx.state.show_windows[kHandoverWindow]; break;
    case 't': ToggleReplay(ctx); break;
    case 'o': ctx.state.show_windows[kOperationEditorWindow] = !ctx.state.show_windows[kOperationEditorWindow]; break;
    case 'a':
      if (item) Act(ctx, *item, ActionKind::Acknowledge);
      break;
    case 'e':
      if (item) Act(ctx, *item, ActionKind::Escalate);
      break;
    case 'c':
      if (item) Act(ctx, *item, ActionKind::Close);
      break;
    case 's':
      if (item && item->kind == AttentionKind::kAlert && CanAct(ctx)) {
        ctx.state.assign_prompt = true;
        ctx.state.assign_to[0] = 0;
        ctx.state.assign_refusal.clear();
      }
      break;
    default: break;
  }
}

}  // namespace

void HandleDeskKeys(ViewContext& ctx) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(kF1KeyIndex, false)) ctx.state.show_help = !ctx.state.show_help;
  if (io.WantTextInput || ctx.state.assign_prompt) return;
  const AttentionItem* item = CursorItem(ctx);
  if (Pressed(ImGuiKey_DownArrow)) Move(ctx, 1);
  if (Pressed(ImGuiKey_UpArrow)) Move(ctx, -1);
  item = CursorItem(ctx);
  if (item && (Pressed(ImGuiKey_Enter) || Pressed(ImGuiKey_KeyPadEnter))) Open(ctx, *item);
  for (ImWchar c : io.InputQueueCharacters) {
    OnCharacter(ctx, c, item);
    item = CursorItem(ctx);
  }
}

namespace {

void AssignPrompt(ViewContext& ctx) {
  const AttentionItem* item = CursorItem(ctx);
  if (!item || item->kind != AttentionKind::kAlert) {
    ctx.state.assign_prompt = false;
    return;
  }
  const AlertRecord& alert = ctx.model.alerts().at(item->alert_index);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 3),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("Assign##prompt", nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Assign %s", alert.alert_id.c_str());
  ImGui::TextDisabled("%s", MarkingText(alert.marking).c_str());
  std::string allowed;
  for (const auto& participant : wire::AllParticipants()) {
    std::string code(participant.code);
    if (MayAssign(alert, code)) allowed += (allowed.empty() ? "" : " ") + code;
  }
  ImGui::TextDisabled("its marking allows: %s, or a desk of the room", allowed.c_str());
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(240);
  bool enter = ImGui::InputTextWithHint("##assign_to", "participant code or desk", ctx.state.assign_to,
                                        sizeof ctx.state.assign_to, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter && ctx.state.assign_to[0]) {
    if (SendActionOn(ctx, item->alert_index, ActionKind::Assign, ctx.state.assign_to)) {
      ctx.state.assign_prompt = false;
    } else {
      ctx.state.assign_refusal = std::string("its marking does not allow ") + ctx.state.assign_to;
    }
  }
  if (!ctx.state.assign_refusal.empty()) TextColored(kBad, ctx.state.assign_refusal.c_str());
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ctx.state.assign_prompt = false;
  ImGui::End();
}

void HelpOverlay(ViewContext& ctx) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("Keyboard##help", &ctx.state.show_help,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  ctx.stats.help_drawn = true;
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const Shortcut& s : kShortcuts) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      TextColored(kAccent, s.keys);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(s.does);
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Names are shown in: %s", NameScriptName(ctx.state.names.script()));
  if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    ctx.state.show_help = false;
  }
  ImGui::End();
}

}  // namespace

void DrawDeskOverlays(ViewContext& ctx) {
  ctx.stats.help_drawn = false;
  if (ctx.state.assign_prompt) AssignPrompt(ctx);
  if (ctx.state.show_help) HelpOverlay(ctx);
}

}  // namespace opsroom::console
