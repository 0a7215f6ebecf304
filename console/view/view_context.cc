#include "console/view/view_context.h"

namespace opsroom::console {

void SelectAlert(ViewContext& ctx, uint32_t index, bool scroll_feed) {
  if (index >= ctx.model.alerts().size()) return;
  if (ctx.state.selected != index) {
    ctx.state.comment[0] = 0;
    ctx.state.assignee[0] = 0;
  }
  ctx.state.selected = index;
  ctx.state.scroll_feed_to_selected = scroll_feed;
  ctx.state.show_windows[kDetailWindow] = true;  // selecting opens the detail
}

bool CanAct(const ViewContext& ctx) {
  return !ctx.config.operator_name.empty() && static_cast<bool>(ctx.config.send_action);
}

bool SendAction(ViewContext& ctx, ActionKind kind, const std::string& assignee, const std::string& text) {
  if (!CanAct(ctx) || !ctx.state.selected) return false;
  ActionRequest request;
  request.alert_id = ctx.model.alerts().at(*ctx.state.selected).alert_id;
  request.kind = kind;
  request.assignee = assignee;
  request.text = text;
  ctx.config.send_action(request);
  return true;
}

bool SendHitDecision(ViewContext& ctx, const HitValue& hit, HitVerdict verdict) {
  if (!CanAct(ctx) || !ctx.config.send_hit_decision) return false;
  // The owner is a node id "<participant>-<agency>".
  std::string owner_country = hit.entry_owner.substr(0, hit.entry_owner.find('-'));
  ctx.config.send_hit_decision(HitDecisionRequest{hit.hit_id, verdict, {}, owner_country});
  return true;
}

}  // namespace opsroom::console
