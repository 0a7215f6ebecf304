#include "console/model/report_clock.h"

#include <algorithm>

namespace opsroom::console {

std::vector<std::string> ReportingParticipants(const OperationValue& operation) {
  std::vector<std::string> out;
  auto add = [&](const std::string& code) {
    if (code.empty() || code == "OPSROOM") return;  // the room reads sitreps, it does not file them
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  };
  for (const std::string& code : operation.participants) add(code);
  add(operation.lead);
  return out;
}

std::vector<ReportClock> ReportClocks(const OperationRecord& record, int64_t hub_now_ms, int amber_percent) {
  const OperationValue& op = record.operation;
  std::vector<ReportClock> clocks;
  if (!record.known || op.phase != OperationPhase::Active || op.report_every_minutes == 0) return clocks;
  int64_t rhythm_ms = static_cast<int64_t>(op.report_every_minutes) * 60'000;
  // Before a first sitrep the clock runs from the planned start; an operation
  // without one runs from the version that made it known.
  int64_t start_ms = op.starts_at_ms != 0 ? op.starts_at_ms : op.meta.hub_time_ms;
  for (const std::string& participant : ReportingParticipants(op)) {
    ReportClock clock;
    clock.participant = participant;
    clock.last_reported_ms = record.ledger.LastReportedMs(participant);
    clock.since_ms = clock.last_reported_ms != 0 ? clock.last_reported_ms : start_ms;
    clock.due_ms = clock.since_ms + rhythm_ms;
    clock.clock = ClockAt(clock.since_ms, clock.due_ms, hub_now_ms, amber_percent);
    clocks.push_back(std::move(clock));
  }
  return clocks;
}

}  // namespace opsroom::console
