// Each participant's "last reported" clock in a joint operation with a
// reporting rhythm (JointOperation.report_every_minutes): amber once most of
// the rhythm has passed since its last sitrep (the desk's amber share), red
// once the next sitrep is overdue. Only an Active operation owes sitreps.
// Pure: the hub time is given.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "console/model/deadlines.h"
#include "console/model/operations_board.h"

namespace opsroom::console {

struct ReportClock {
  std::string participant;
  int64_t last_reported_ms = 0;  // hub time; 0: never reported
  int64_t since_ms = 0;          // the clock runs from here: the last sitrep, else the operation's start
  int64_t due_ms = 0;            // the next sitrep is due
  ClockState clock = ClockState::kNone;
};

// Who owes sitreps: the participants and the lead (a lead reports too), the
// room itself excepted, in the order the operation lists them.
std::vector<std::string> ReportingParticipants(const OperationValue& operation);

// One clock per reporting participant; empty when the operation is not
// Active or has no rhythm.
std::vector<ReportClock> ReportClocks(const OperationRecord& record, int64_t hub_now_ms, int amber_percent);

}  // namespace opsroom::console
