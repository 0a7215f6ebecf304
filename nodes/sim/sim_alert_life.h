// The simulated room working its alerts, so that the demo's open list stays
// the size of a real desk's while the log grows: each new alert gets a life
// on an agenda, compressed to the demo's pace (a few messages a second):
// acknowledged soon (Flash first), most closed within a minute after, the rest
// left to run out at a short expires_at_ms, and a few never acknowledged, for
// the hub to escalate (docs/protocol.md section 15). Deterministic: times come
// from the clock readings given, choices from the generator's random stream.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

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
  // The earliest planned step due at or before now_ms, taken off the agenda.
  std::optional<AlertStep> TakeDue(int64_t now_ms);
  std::size_t planned() const { return agenda_.size(); }

 private:
  std::multimap<int64_t, AlertStep> agenda_;
};

}  // namespace opsroom::nodes
