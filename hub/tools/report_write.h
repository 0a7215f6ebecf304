// Writes the day report's files (docs/report.md) from its data: index.html,
// report.md, sitreps.csv, alerts.csv and map.png. Pure functions of the data:
// no wall clock, no map iteration order that is not sorted; so the same log
// gives the same bytes. Main thread.
#pragma once
#include <string>

#include "hub/tools/report_data.h"
#include "wire/status.h"

namespace opsroom::hub {

std::string ReportMarkdown(const ReportData& data);
std::string ReportHtml(const ReportData& data);
std::string ReportSitRepsCsv(const ReportData& data);
std::string ReportAlertsCsv(const ReportData& data);
std::string ReportMapPng(const ReportData& data);

// All five into `dir` (created when missing).
wire::Status WriteReport(const ReportData& data, const std::string& dir);

}  // namespace opsroom::hub
