// The simulated room working its alerts, so that the demo's open list stays
// the size of a real desk's while the log grows: each new alert gets a life
// on an agenda, compressed to the demo's pace (a few messages a second):
// acknowledged soon (Flash first), most closed within a minute after, the rest
// left to run out at a short expires_at_ms, and a few never acknowledged, for
// the hub to escalate (docs/protocol.md section 15).
//
// It also keeps the status the room's own messages gave each alert, because an
// alert's status is whatever its latest event says (section 6): an
// Acknowledge, or a new version sent with status Open, would reopen an alert
// already closed or expired. The traffic acts only on alerts still Workable,
// and sends updates with the status they have. Deterministic: times come from
// the clock readings given, choices from the generator's random stream.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "alert_generated.h"
#include "nodes/sim/sim_random.h"

namespace opsroom::nodes {

struct AlertStep {
  std::size_t owner = 0;  // the agency that acts: the alert's owner (it may always see it)
  std::string alert_id;
  wire::ActionKind kind = wire::ActionKind::Acknowledge;
};

class AlertLife {
 public:
  // Plans the steps of a new alert; returns the expires_at_ms to give it.
  int64_t Plan(SimRandom& rng, std::size_t owner, const std::string& alert_id, wire::Severity severity, int64_t now_ms);
  // The earliest planned step due at or before now_ms on an alert still
  // Workable, taken off the agenda (steps of finished alerts are dropped).
  std::optional<AlertStep> TakeDue(int64_t now_ms);
  // True while the room may still act on the alert: it is tracked, not
  // Closed, and not near its expires_at_ms (the hub's clock may run ahead of ours).
  bool Workable(const std::string& alert_id, int64_t now_ms) const;
  // The status the room's messages gave it; Open for an alert not tracked.
  wire::AlertStatus StatusOf(const std::string& alert_id) const;
  // An action the room sends: its effect on the status (section 6).
  void Record(const std::string& alert_id, wire::ActionKind kind);
  std::size_t planned() const { return agenda_.size(); }

 private:
  struct Tracked {
    wire::AlertStatus status = wire::AlertStatus::Open;
    int64_t expires_at_ms = 0;
  };
  std::multimap<int64_t, AlertStep> agenda_;
  std::unordered_map<std::string, Tracked> tracked_;
  std::deque<std::string> tracked_order_;  // oldest first, to bound tracked_
};

}  // namespace opsroom::nodes
