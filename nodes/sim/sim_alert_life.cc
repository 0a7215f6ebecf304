#include "nodes/sim/sim_alert_life.h"

namespace opsroom::nodes {

namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
// A run that outpaces its clock (rate 0: as fast as acks allow) keeps at most
// this many steps; the oldest plans are dropped first.
constexpr std::size_t kMaxPlannedSteps = 20'000;
// Alerts tracked past this many are forgotten, oldest first (and no longer
// acted on): they have long expired at the demo's pace.
constexpr std::size_t kMaxTracked = 20'000;
// The room stops acting this long before an alert's expires_at_ms: an action
// reaching the hub after its Expire would reopen it.
constexpr int64_t kExpiryMarginMs = 15 * kSecondMs;

}  // namespace

int64_t AlertLife::Plan(SimRandom& rng, std::size_t owner, const std::string& alert_id, wire::Severity severity,
                        int64_t now_ms) {
  int64_t expires_at_ms = now_ms + rng.Between(3, 6) * kMinuteMs;
  if (tracked_.emplace(alert_id, Tracked{wire::AlertStatus::Open, expires_at_ms}).second) {
    tracked_order_.push_back(alert_id);
  }
  while (tracked_order_.size() > kMaxTracked) {
    tracked_.erase(tracked_order_.front());
    tracked_order_.pop_front();
  }
  if (rng.Chance(0.05)) return expires_at_ms;  // nobody picks it up: the hub escalates, then it expires
  bool flash = severity == wire::Severity::Flash;
  int64_t ack_at = now_ms + (flash ? rng.Between(5, 40) : rng.Between(10, 90)) * kSecondMs;
  agenda_.emplace(ack_at, AlertStep{owner, alert_id, wire::ActionKind::Acknowledge});
  if (rng.Chance(0.92)) {
    int64_t close_at = ack_at + rng.Between(15, 60) * kSecondMs;
    agenda_.emplace(close_at, AlertStep{owner, alert_id, wire::ActionKind::Close});
  }
  while (agenda_.size() > kMaxPlannedSteps) agenda_.erase(agenda_.begin());
  return expires_at_ms;
}

std::optional<AlertStep> AlertLife::TakeDue(int64_t now_ms) {
  while (!agenda_.empty() && agenda_.begin()->first <= now_ms) {
    AlertStep step = std::move(agenda_.begin()->second);
    agenda_.erase(agenda_.begin());
    if (!Workable(step.alert_id, now_ms)) continue;
    // Acknowledging is for an alert nobody has picked up yet.
    if (step.kind == wire::ActionKind::Acknowledge && StatusOf(step.alert_id) != wire::AlertStatus::Open) continue;
    return step;
  }
  return std::nullopt;
}

bool AlertLife::Workable(const std::string& alert_id, int64_t now_ms) const {
  auto it = tracked_.find(alert_id);
  if (it == tracked_.end() || it->second.status == wire::AlertStatus::Closed) return false;
  return now_ms < it->second.expires_at_ms - kExpiryMarginMs;
}

wire::AlertStatus AlertLife::StatusOf(const std::string& alert_id) const {
  auto it = tracked_.find(alert_id);
  return it == tracked_.end() ? wire::AlertStatus::Open : it->second.status;
}

void AlertLife::Record(const std::string& alert_id, wire::ActionKind kind) {
  auto it = tracked_.find(alert_id);
  if (it == tracked_.end()) return;
  switch (kind) {
    case wire::ActionKind::Acknowledge: it->second.status = wire::AlertStatus::Acknowledged; break;
    case wire::ActionKind::Assign: it->second.status = wire::AlertStatus::Assigned; break;
    case wire::ActionKind::Escalate: it->second.status = wire::AlertStatus::Escalated; break;
    case wire::ActionKind::Close: it->second.status = wire::AlertStatus::Closed; break;
    case wire::ActionKind::Reopen: it->second.status = wire::AlertStatus::Open; break;
    default: break;  // Comment: unchanged; Expire: the hub's alone
  }
}

}  // namespace opsroom::nodes
