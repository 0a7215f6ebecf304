#include "console/model/handover_contents.h"

#include <algorithm>
#include <tuple>

#include "console/model/attention_queue.h"
#include "wire/protocol_constants.h"

namespace opsroom::console {

namespace {

// Cut at a UTF-8 character boundary (never inside a multi-byte sequence).
std::string Cut(const std::string& text) {
  if (text.size() <= kHandoverTitleBytes) return text;
  std::size_t end = kHandoverTitleBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

void AddAlerts(const HandoverInputs& in, std::vector<HandoverItemValue>& out) {
  for (uint32_t i = 0; i < in.alerts.size(); ++i) {
    const AlertRecord& alert = in.alerts.at(i);
    // Acknowledged, assigned or escalated, it is still the room's until closed.
    if (alert.status == AlertStatus::Closed || alert.status == AlertStatus::Expired) continue;
    if (IsExpired(alert, in.hub_now_ms)) continue;
    if (alert.severity != Severity::Flash && alert.severity != Severity::Urgent) continue;
    HandoverItemKind kind =
        alert.severity == Severity::Flash ? HandoverItemKind::FlashAlert : HandoverItemKind::UrgentAlert;
    out.push_back({kind, alert.alert_id, Cut(alert.title), alert.assignee, alert.arrived_ms});
  }
}

void AddHits(const HandoverInputs& in, const DeadlinePolicy& policy, std::vector<HandoverItemValue>& out) {
  for (const HitRow* row : in.hits.Ordered()) {
    if (row->decided) continue;
    const HitValue& hit = row->hit;
    int64_t since = hit.meta.hub_time_ms;
    int64_t due = hit.answer_by_ms != 0 ? hit.answer_by_ms : (policy.answer_ms > 0 ? since + policy.answer_ms : 0);
    bool overdue = due != 0 && in.hub_now_ms >= due;
    out.push_back({overdue ? HandoverItemKind::OverdueAnswer : HandoverItemKind::PendingHit, hit.hit_id,
                   Cut(SubjectName(hit)), hit.entry_owner, since});
  }
}

void AddNodes(const HandoverInputs& in, std::vector<HandoverItemValue>& out) {
  if (in.nodes.hub_silent(in.local_now_ms)) return;  // every node would look silent
  for (const NodeValue& node : in.nodes.nodes()) {
    if (node.last_heartbeat_ms == 0 || in.nodes.NodeHealth(node, in.local_now_ms) != LinkHealth::kSilent) continue;
    out.push_back({HandoverItemKind::SilentNode, node.node_id, node.country, {}, node.last_heartbeat_ms});
  }
}

void AddOperations(const HandoverInputs& in, std::vector<HandoverItemValue>& out) {
  for (const OperationRecord* record : in.operations.Ordered()) {
    const OperationValue& op = record->operation;
    if (!record->known || op.phase != OperationPhase::Active) continue;
    out.push_back({HandoverItemKind::ActiveOperation, op.code, Cut(op.name), op.lead, op.starts_at_ms});
  }
}

}  // namespace

HandoverContents BuildHandoverContents(const HandoverInputs& in, const DeadlinePolicy& policy) {
  HandoverContents contents;
  std::vector<HandoverItemValue>& items = contents.items;
  AddAlerts(in, items);
  AddHits(in, policy, items);
  AddNodes(in, items);
  AddOperations(in, items);
  std::sort(items.begin(), items.end(), [](const HandoverItemValue& a, const HandoverItemValue& b) {
    return std::tie(a.kind, a.since_ms, a.item_id) < std::tie(b.kind, b.since_ms, b.item_id);
  });
  if (items.size() > wire::kMaxHandoverItems) {
    contents.left_out = static_cast<uint32_t>(items.size() - wire::kMaxHandoverItems);
    items.resize(wire::kMaxHandoverItems);
  }
  return contents;
}

const char* HandoverItemKindText(HandoverItemKind kind) {
  switch (kind) {
    case HandoverItemKind::FlashAlert: return "Flash alert";
    case HandoverItemKind::UrgentAlert: return "Urgent alert";
    case HandoverItemKind::PendingHit: return "Pending hit";
    case HandoverItemKind::OverdueAnswer: return "Overdue answer";
    case HandoverItemKind::SilentNode: return "Silent node";
    case HandoverItemKind::ActiveOperation: return "Active operation";
  }
  return "?";
}

std::string NewHandoverId(int64_t now_ms) { return "H-" + std::to_string(now_ms); }

}  // namespace opsroom::console
