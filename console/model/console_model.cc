#include "console/model/console_model.h"

#include <algorithm>
#include <type_traits>

#include "console/model/item_ids.h"

namespace opsroom::console {
namespace {

bool IsOpenFlash(const AlertRecord& record) {
  return record.severity == Severity::Flash && record.status == AlertStatus::Open;
}

}  // namespace

ConsoleModel::ConsoleModel() : grid_(SpatialGrid::ForRegion()) {}

void ConsoleModel::Apply(const ConsoleEvent& event, int64_t local_now_ms) {
  // Items are keyed, shown and acted on by their effective id (item_ids.h).
  if (std::optional<ConsoleEvent> keyed = WithEffectiveIds(event)) {
    ApplyKeyed(*keyed, local_now_ms);
  } else {
    ApplyKeyed(event, local_now_ms);
  }
}

void ConsoleModel::ApplyKeyed(const ConsoleEvent& event, int64_t local_now_ms) {
  VisitEvent(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, AlertValue>) {
          if (Sequence(value.meta)) ApplyAlert(value, local_now_ms);
        } else if constexpr (std::is_same_v<T, ActionValue>) {
          if (Sequence(value.meta)) ApplyAction(value, local_now_ms);
        } else if constexpr (std::is_same_v<T, WatchValue>) {
          if (Sequence(value.meta)) watchlist_.Apply(value);
        } else if constexpr (std::is_same_v<T, OperationValue> || std::is_same_v<T, SitRepValue>) {
          if (Sequence(value.meta)) operations_.Apply(value);
        } else if constexpr (std::is_same_v<T, HubStatusValue>) {
          nodes_.Apply(value, local_now_ms);
        } else if constexpr (std::is_same_v<T, LinkValue>) {
          ApplyLink(value);
        } else if constexpr (std::is_same_v<T, SnapshotDoneValue>) {
          link_.snapshot_seq = value.hub_seq;
          link_.snapshot_done = true;
          link_.last_seq = std::max(link_.last_seq, value.hub_seq);
        } else if constexpr (std::is_same_v<T, ActionOutcomeValue>) {
          ApplyOutcome(value);
        } else if constexpr (std::is_same_v<T, HubRewoundValue>) {
          ApplyHubRewound(value);
        } else if constexpr (std::is_same_v<T, AuditHeadValue>) {
          ApplyAuditHead(value);
        } else if constexpr (std::is_same_v<T, HitValue> || std::is_same_v<T, HitDecisionValue> ||
                             std::is_same_v<T, HitEscalationValue>) {
          if (Sequence(value.meta)) hits_.Apply(value);
        } else if constexpr (std::is_same_v<T, HandoverValue> || std::is_same_v<T, HandoverAckValue>) {
          if (Sequence(value.meta)) handovers_.Apply(value);
        } else if constexpr (std::is_same_v<T, LinkChangeValue>) {
          if (Sequence(value.meta)) logged_links_.Apply(value);
        }
      },
      event);
}

// The subscriber delivers each event once, in hub order; anything else is a
// bug upstream, counted and dropped rather than applied twice.
bool ConsoleModel::Sequence(const EventMeta& meta) {
  if (meta.from_snapshot) {
    link_.last_seq = std::max(link_.last_seq, meta.hub_seq);
    ++counters_.events_applied;
    return true;
  }
  if (meta.hub_seq != 0 && meta.hub_seq <= link_.last_seq) {
    ++counters_.out_of_order;
    return false;
  }
  if (meta.hub_seq != 0) link_.last_seq = meta.hub_seq;
  ++counters_.events_applied;
  return true;
}

void ConsoleModel::ApplyAlert(const AlertValue& value, int64_t now) {
  auto before = alerts_.Find(value.alert_id);
  bool was_open_flash = before && IsOpenFlash(alerts_.at(*before));
  uint32_t index = alerts_.Apply(value);
  if (!was_open_flash && IsOpenFlash(alerts_.at(index))) alarm_.OnFlashRaised(value.alert_id, now);
}

void ConsoleModel::ApplyAction(const ActionValue& value, int64_t now) {
  auto before = alerts_.Find(value.alert_id);
  bool was_open_flash = before && IsOpenFlash(alerts_.at(*before));
  auto index = alerts_.Apply(value);
  if (!index) {
    ++counters_.unknown_alert_actions;
    return;
  }
  if (!was_open_flash && IsOpenFlash(alerts_.at(*index))) alarm_.OnFlashRaised(value.alert_id, now);
}

// A refusal stays on screen: it means the hub's audit history was rewritten
// or someone else signs for it, which an operator must report.
void ConsoleModel::ApplyAuditHead(const AuditHeadValue& value) {
  if (!value.refused.empty()) {
    link_.audit_problem = value.refused;
    return;
  }
  link_.audit_records = value.records;
  link_.audit_signed_at_ms = value.at_ms;
}

void ConsoleModel::ApplyLink(const LinkValue& value) {
  link_.state = value.state;
  link_.detail = value.detail;
}

// The restored hub no longer has what was built from events above its
// sequence, and will reuse those sequences: drop everything the hub's events
// built so the snapshot that follows rebuilds it as in a fresh console. Kept:
// the operator's filter and sort, the nodes (the next status replaces them),
// the outcomes of the operator's own actions, and the cumulative counters.
void ConsoleModel::ApplyHubRewound(const HubRewoundValue& value) {
  alerts_.Clear();
  feed_.Forget();
  grid_.Clear();
  ++grid_revision_;
  alarm_.OnOpenFlashCount(0);  // the snapshot's open Flash alerts ring again
  operations_.Clear();
  watchlist_.Clear();
  hits_.Clear();
  handovers_.Clear();
  logged_links_.Clear();
  attention_.Invalidate();
  link_.last_seq = 0;
  link_.snapshot_seq = 0;
  link_.snapshot_done = false;
  link_.detail = value.detail;
  ++counters_.hub_rewinds;
}

void ConsoleModel::ApplyOutcome(const ActionOutcomeValue& value) {
  pending_.Answered(value);
  outcomes_.push_front(value);
  if (outcomes_.size() > kMaxOutcomes) outcomes_.pop_back();
}

void ConsoleModel::Refresh(int64_t local_now_ms) {
  const FilterDelta& delta = feed_.Update(alerts_, filter_, sort_);
  if (!delta.empty()) SyncGrid(delta);
  alarm_.OnOpenFlashCount(alerts_.live_flash_count(HubNow(local_now_ms)));
  alarm_.Tick(local_now_ms);
  attention_.Update(AttentionInputs{alerts_, hits_, nodes_, local_now_ms, HubNow(local_now_ms), &operations_, &handovers_},
                    deadlines_);
}

void ConsoleModel::set_deadlines(const DeadlinePolicy& policy) {
  deadlines_ = policy;
  attention_.Invalidate();
}

void ConsoleModel::SyncGrid(const FilterDelta& delta) {
  ++grid_revision_;
  if (delta.rebuilt) {
    grid_.Clear();
    for (uint32_t index : feed_.rows()) InsertInGrid(index);
    return;
  }
  for (uint32_t index : delta.removed) grid_.Remove(index);
  for (uint32_t index : delta.updated) InsertInGrid(index);
  for (uint32_t index : delta.added) InsertInGrid(index);
}

void ConsoleModel::InsertInGrid(uint32_t index) {
  const AlertRecord& alert = alerts_.at(index);
  if (!alert.position) {
    grid_.Remove(index);
    return;
  }
  grid_.Insert(GridItem{alert.world, index, alert.severity, alert.crime_area, alert.arrived_ms});
}

}  // namespace opsroom::console
