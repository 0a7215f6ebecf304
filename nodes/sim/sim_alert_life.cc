#include "nodes/sim/sim_alert_life.h"

namespace opsroom::nodes {

namespace {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
// A run that outpaces its clock (rate 0: as fast as acks allow) keeps at most
// this many steps; the oldest plans are dropped first.
constexpr std::size_t kMaxPlannedSteps = 20'000;

}  // namespace

int64_t AlertLife::Plan(SimRandom& rng, std::size_t owner, const std::string& alert_id, wire::Severity severity,
                        int64_t now_ms) {
  int64_t expires_at_ms = now_ms + rng.Between(3, 6) * kMinuteMs;
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
  if (agenda_.empty() || agenda_.begin()->first > now_ms) return std::nullopt;
  AlertStep step = std::move(agenda_.begin()->second);
  agenda_.erase(agenda_.begin());
  return step;
}

}  // namespace opsroom::nodes
