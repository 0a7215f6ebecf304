// What the day report (`opsroom-hub report`, docs/report.md) is made of, read
// from a hub's log opened read-only: one operation, one UTC day. Everything is
// ordered by hub sequence, so the same log gives the same report. The report
// is the room's: it reads as the duty console (every marking).
// Main thread.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "wire/messages.h"
#include "wire/status.h"

namespace opsroom::hub {

// One sitrep of the operation, as the log holds it.
struct ReportSitRep {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string origin;   // the sending node
  std::string country;  // the sender's participant (from its key): the country it counts for
  wire::msg::SitRep sitrep;
  bool counted = false;     // the latest for its (country, period): a later one corrected it otherwise
  bool correction = false;  // it replaced an earlier sitrep for the same period
};

// One alert of the day: it names the operation, or lies inside its area.
struct ReportAlert {
  std::string alert_id;  // effective id
  uint64_t hub_seq = 0;  // its latest version up to the end of the day
  int64_t first_seen_ms = 0;
  std::string origin;
  wire::msg::Alert alert;
  wire::AlertStatus status = wire::AlertStatus::Open;  // at the end of the day
};

struct TimelineEntry {
  int64_t hub_time_ms = 0;
  uint64_t hub_seq = 0;
  std::string what;
};

// Figures that add up (docs/protocol.md section 6, "Counting").
struct ReportCounters {
  uint64_t persons_checked = 0, vehicles_checked = 0, migrants_detected = 0, facilitators_arrested = 0,
           victims_identified = 0, refusals_of_entry = 0;
  std::map<std::pair<wire::Commodity, wire::Unit>, double> seizures;
  void Add(const wire::msg::SitRep& sitrep);
};

struct ReportData {
  std::string operation_id;  // effective id
  wire::msg::JointOperation operation;  // its latest version up to the end of the day
  int64_t day_start_ms = 0;
  std::vector<ReportSitRep> sitreps;  // periods ending on the day, hub order
  std::vector<ReportAlert> alerts;    // hub order of first sight
  std::vector<TimelineEntry> timeline;
  std::map<std::string, ReportCounters> day_by_country;  // counted sitreps whose period ends on the day
  ReportCounters day_total;
  ReportCounters to_date_total;  // every counted period ending before the day's end
  uint64_t events_read = 0;
};

// `operation`: an effective id ("AL-BP:DRINO-II") or a bare code when only one
// operation has it. `day_start_ms`: 00:00 UTC of the day.
wire::Status ReadReportData(const std::string& data_dir, const std::string& operation, int64_t day_start_ms,
                            ReportData* out);

}  // namespace opsroom::hub
