#include "console/view/view_context.h"

#include "wire/participants.h"

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
  return !ctx.state.replay && !ctx.config.operator_name.empty() && static_cast<bool>(ctx.config.send_action);
}

bool SendAction(ViewContext& ctx, ActionKind kind, const std::string& assignee, const std::string& text) {
  if (!ctx.state.selected) return false;
  return SendActionOn(ctx, *ctx.state.selected, kind, assignee, text);
}

bool SendActionOn(ViewContext& ctx, uint32_t index, ActionKind kind, const std::string& assignee,
                  const std::string& text) {
  if (!CanAct(ctx) || index >= ctx.model.alerts().size()) return false;
  const AlertRecord& alert = ctx.model.alerts().at(index);
  if (kind == ActionKind::Assign && !MayAssign(alert, assignee)) return false;
  ActionRequest request;
  request.alert_id = alert.alert_id;
  request.kind = kind;
  request.assignee = assignee;
  request.text = text;
  ctx.config.send_action(request);
  ctx.model.pending().Sent(request.alert_id, kind, ctx.frame.now_ms);
  return true;
}

bool MayAssign(const AlertRecord& alert, const std::string& assignee) {
  const wire::Participant* participant = wire::FindParticipant(assignee);
  // Limited reaches only the room's national agencies: partners and neighbours are outside it.
  bool partner = participant && (participant->kind == wire::ParticipantKind::kPartner ||
                                 participant->kind == wire::ParticipantKind::kNeighbour);
  return MayPassTo(alert.marking, alert.country, assignee, participant != nullptr, partner);
}

bool SendHitDecision(ViewContext& ctx, const HitValue& hit, HitVerdict verdict) {
  if (!CanAct(ctx) || !ctx.config.send_hit_decision) return false;
  // The owner is a node id "<participant>-<agency>".
  std::string owner_country = hit.entry_owner.substr(0, hit.entry_owner.find('-'));
  ctx.config.send_hit_decision(HitDecisionRequest{hit.hit_id, verdict, {}, owner_country});
  ctx.model.pending().Sent(hit.hit_id, ActionKind::Comment, ctx.frame.now_ms);  // its outcome carries that kind
  return true;
}

bool SendHandover(ViewContext& ctx, const std::string& note) {
  if (!CanAct(ctx) || !ctx.config.send_handover) return false;
  HandoverContents contents = ctx.model.HandoverNow(ctx.frame.now_ms);
  HandoverRequest request{false, NewHandoverId(ctx.frame.now_ms), note, std::move(contents.items), contents.left_out};
  ctx.config.send_handover(request);
  ctx.model.pending().Sent(request.handover_id, ActionKind::Comment, ctx.frame.now_ms);  // its outcome's kind
  return true;
}

bool SendHandoverAck(ViewContext& ctx, const std::string& handover_id) {
  if (!CanAct(ctx) || !ctx.config.send_handover) return false;
  ctx.config.send_handover(HandoverRequest{true, handover_id, {}, {}, 0});
  ctx.model.pending().Sent(handover_id, ActionKind::Acknowledge, ctx.frame.now_ms);
  return true;
}

bool CanPlan(const ViewContext& ctx) {
  return !ctx.state.replay && !ctx.config.operator_name.empty() && static_cast<bool>(ctx.config.send_operation);
}

bool SendOperation(ViewContext& ctx, const OperationForm& form) {
  if (!CanPlan(ctx)) return false;
  if (!FormProblems(form, ctx.config.node_id, ctx.frame.now_ms).empty()) return false;
  ctx.config.send_operation(form);
  ctx.model.pending().Sent(form.code, ActionKind::Comment, ctx.frame.now_ms);  // its outcome's kind
  return true;
}

}  // namespace opsroom::console
