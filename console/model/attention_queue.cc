#include "console/model/attention_queue.h"

#include <algorithm>
#include <limits>

#include "console/model/report_clock.h"

namespace opsroom::console {

const char* AttentionReasonText(AttentionReason reason) {
  switch (reason) {
    case AttentionReason::kFlashUnacknowledged: return "Flash not acknowledged";
    case AttentionReason::kHandoverUnacknowledged: return "Handover not acknowledged";
    case AttentionReason::kEscalated: return "Escalated";
    case AttentionReason::kUrgentUnacknowledged: return "Urgent not acknowledged";
    case AttentionReason::kHitUrgentAction: return "Hit: arrest / refuse entry";
    case AttentionReason::kHit: return "Hit to decide";
    case AttentionReason::kNodeSilent: return "Node silent";
    case AttentionReason::kAlertUnacknowledged: return "Not acknowledged";
    case AttentionReason::kSitRepOverdue: return "Sitrep overdue";
  }
  return "?";
}

namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// Collects the rows and the earliest future time at which any of them (or a
// candidate left out for now) would change.
class Builder {
 public:
  Builder(const AttentionInputs& in, const DeadlinePolicy& policy) : in_(in), policy_(policy) {}

  void Alerts() {
    for (uint32_t i = 0; i < in_.alerts.size(); ++i) Alert(i, in_.alerts.at(i));
  }

  void Hits() {
    for (const HitRow* row : in_.hits.Ordered()) {
      if (row->decided) continue;
      const HitValue& hit = row->hit;
      int64_t since = hit.meta.hub_time_ms;
      int64_t deadline = hit.answer_by_ms != 0 ? hit.answer_by_ms : Plus(since, policy_.answer_ms);
      AttentionReason reason = UrgencyRank(hit.action) >= UrgencyRank(ActionRequested::RefuseEntry)
                                   ? AttentionReason::kHitUrgentAction
                                   : AttentionReason::kHit;
      // The hub escalated it (its answer is overdue): it rises with the escalated alerts.
      if (row->escalated_at_ms != 0) reason = AttentionReason::kEscalated;
      Add(AttentionItem{reason, AttentionKind::kHit, 0, hit.hit_id, since, deadline, {}});
    }
  }

  // While the hub itself is silent every node looks silent: the status bar
  // and the stale banner say so once, not a row per node.
  void Nodes() {
    if (in_.nodes.hub_silent(in_.local_now_ms)) return;
    for (const NodeValue& node : in_.nodes.nodes()) {
      if (node.last_heartbeat_ms == 0) continue;
      if (in_.nodes.NodeHealth(node, in_.local_now_ms) != LinkHealth::kSilent) {
        Boundary(node.last_heartbeat_ms + kNodeSilentAfterMs + 1);
        continue;
      }
      items_.push_back(AttentionItem{AttentionReason::kNodeSilent, AttentionKind::kNode, 0, node.node_id,
                                     node.last_heartbeat_ms, 0, ClockState::kNone});
    }
  }

  // A sitrep enters the queue once it is overdue (red); amber shows on the
  // operations board only.
  void SitReps() {
    if (in_.operations == nullptr) return;
    for (const OperationRecord* record : in_.operations->Ordered()) {
      for (const ReportClock& clock : ReportClocks(*record, in_.hub_now_ms, policy_.amber_percent)) {
        if (clock.clock != ClockState::kRed) {
          Boundary(clock.due_ms);
          continue;
        }
        items_.push_back(AttentionItem{AttentionReason::kSitRepOverdue, AttentionKind::kOperation, 0,
                                       record->operation.code + " " + clock.participant, clock.since_ms, clock.due_ms,
                                       ClockState::kRed});
      }
    }
  }

  // Only the latest: an older handover left unacknowledged was overtaken by it.
  void Handover() {
    const HandoverRecord* latest = in_.handovers != nullptr ? in_.handovers->Latest() : nullptr;
    if (latest == nullptr || latest->acknowledged) return;
    items_.push_back(AttentionItem{AttentionReason::kHandoverUnacknowledged, AttentionKind::kHandover, 0,
                                   latest->handover.handover_id, latest->handover.meta.hub_time_ms, 0,
                                   ClockState::kNone});
  }

  std::vector<AttentionItem> Sorted() {
    std::sort(items_.begin(), items_.end(), [](const AttentionItem& a, const AttentionItem& b) {
      if (a.reason != b.reason) return a.reason < b.reason;
      int64_t due_a = a.deadline_ms != 0 ? a.deadline_ms : kNever, due_b = b.deadline_ms != 0 ? b.deadline_ms : kNever;
      if (due_a != due_b) return due_a < due_b;
      if (a.since_ms != b.since_ms) return a.since_ms < b.since_ms;
      return a.id < b.id;
    });
    return std::move(items_);
  }
  int64_t next() const { return next_; }

 private:
  static int64_t Plus(int64_t at, int64_t allowance) { return allowance > 0 ? at + allowance : 0; }

  void Boundary(int64_t at) {
    if (at > in_.hub_now_ms) next_ = std::min(next_, at);
  }

  int64_t AmberAt(int64_t start, int64_t deadline) const {
    int64_t allowance = deadline - start;
    return start + allowance / 100 * policy_.amber_percent + allowance % 100 * policy_.amber_percent / 100;
  }

  void Add(AttentionItem item, bool only_when_late = false) {
    item.clock = ClockAt(item.since_ms, item.deadline_ms, in_.hub_now_ms, policy_.amber_percent);
    if (item.deadline_ms != 0) {
      Boundary(AmberAt(item.since_ms, item.deadline_ms));
      Boundary(item.deadline_ms);
    }
    if (only_when_late && item.clock != ClockState::kAmber && item.clock != ClockState::kRed) return;
    items_.push_back(std::move(item));
  }

  void Alert(uint32_t index, const AlertRecord& alert) {
    if (alert.status != AlertStatus::Open && alert.status != AlertStatus::Escalated) return;
    if (IsExpired(alert, in_.hub_now_ms)) return;
    if (alert.expires_at_ms != 0) Boundary(alert.expires_at_ms);
    if (alert.status == AlertStatus::Escalated) {
      int64_t since = EscalatedAt(alert);
      Add(AttentionItem{AttentionReason::kEscalated,
                        AttentionKind::kAlert,
                        index,
                        alert.alert_id,
                        since,
                        Plus(since, policy_.answer_ms),
                        {}});
      return;
    }
    int64_t deadline = Plus(alert.arrived_ms, policy_.ack_allowance(alert.severity));
    AttentionItem item{AttentionReason::kAlertUnacknowledged,
                       AttentionKind::kAlert,
                       index,
                       alert.alert_id,
                       alert.arrived_ms,
                       deadline,
                       {}};
    if (alert.severity == Severity::Flash) item.reason = AttentionReason::kFlashUnacknowledged;
    if (alert.severity == Severity::Urgent) item.reason = AttentionReason::kUrgentUnacknowledged;
    bool always = item.reason != AttentionReason::kAlertUnacknowledged;
    if (!always && deadline == 0) return;
    Add(std::move(item), !always);
  }

  // The latest Escalate action's hub time (the alert's own time when the
  // alert arrived escalated).
  static int64_t EscalatedAt(const AlertRecord& alert) {
    for (auto it = alert.actions.rbegin(); it != alert.actions.rend(); ++it) {
      if (it->kind == ActionKind::Escalate) return it->hub_time_ms;
    }
    return alert.updated_ms;
  }

  const AttentionInputs& in_;
  const DeadlinePolicy& policy_;
  std::vector<AttentionItem> items_;
  int64_t next_ = kNever;
};

}  // namespace

namespace {

uint64_t OperationsRevision(const AttentionInputs& in) {
  return in.operations == nullptr ? 0 : in.operations->revision();
}

uint64_t HandoversRevision(const AttentionInputs& in) {
  return in.handovers != nullptr ? in.handovers->revision() : 0;
}

Builder Collect(const AttentionInputs& in, const DeadlinePolicy& policy) {
  Builder builder(in, policy);
  builder.Alerts();
  builder.Hits();
  builder.Nodes();
  builder.SitReps();
  builder.Handover();
  return builder;
}

}  // namespace

std::vector<AttentionItem> BuildAttention(const AttentionInputs& in, const DeadlinePolicy& policy) {
  return Collect(in, policy).Sorted();
}

int64_t NextAttentionChange(const AttentionInputs& in, const DeadlinePolicy& policy) {
  return Collect(in, policy).next();
}

void AttentionQueue::Update(const AttentionInputs& in, const DeadlinePolicy& policy) {
  bool same_inputs = built_ && alerts_revision_ == in.alerts.revision() && hits_revision_ == in.hits.revision() &&
                     nodes_revision_ == in.nodes.revision() && operations_revision_ == OperationsRevision(in) &&
                     handovers_revision_ == HandoversRevision(in);
  if (same_inputs && in.hub_now_ms < next_change_ms_) return;
  Builder builder = Collect(in, policy);
  items_ = builder.Sorted();
  next_change_ms_ = builder.next();
  alerts_revision_ = in.alerts.revision();
  hits_revision_ = in.hits.revision();
  nodes_revision_ = in.nodes.revision();
  operations_revision_ = OperationsRevision(in);
  handovers_revision_ = HandoversRevision(in);
  built_ = true;
  ++revision_;
}

}  // namespace opsroom::console
