#include "hub/tools/report_command.h"

#include "hub/tools/report_data.h"
#include "hub/tools/report_write.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

namespace {

constexpr const char* kUsage =
    "usage: opsroom-hub report --data DIR --operation CODE --day YYYY-MM-DD --out DIR\n"
    "  --data       the hub's data directory (opened read-only: beside a running hub or without one)\n"
    "  --operation  the operation's code (AL-BP:DRINO-II, or DRINO-II when only one operation has it)\n"
    "  --day        the UTC day to report (ISO 8601: 2026-12-07)\n"
    "  --out        the directory to write index.html, report.md, sitreps.csv, alerts.csv, map.png into\n";

struct ReportArgs {
  std::string data_dir, operation, day, out;
};

std::string ParseArgs(const std::vector<std::string>& args, ReportArgs* parsed) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return "report: " + flag + " is not an option, or it needs a value";
    const std::string& value = args[++i];
    if (flag == "--data") parsed->data_dir = value;
    else if (flag == "--operation") parsed->operation = value;
    else if (flag == "--day") parsed->day = value;
    else if (flag == "--out") parsed->out = value;
    else return "report: unknown option " + flag;
  }
  if (parsed->data_dir.empty()) return "report needs --data DIR";
  if (parsed->operation.empty()) return "report needs --operation CODE";
  if (parsed->day.empty()) return "report needs --day YYYY-MM-DD";
  if (parsed->out.empty()) return "report needs --out DIR";
  return "";
}

}  // namespace

bool IsReportCommand(const std::vector<std::string>& args) { return !args.empty() && args[0] == "report"; }

int RunReportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ReportArgs parsed;
  if (std::string wrong = ParseArgs(args, &parsed); !wrong.empty()) {
    err << wrong << "\n" << kUsage;
    return 2;
  }
  wire::ParsedTime day_start = wire::ParseUtcDay(parsed.day);
  if (!day_start.ok()) {
    err << "report: --day " << day_start.error << "\n" << kUsage;
    return 2;
  }
  ReportData data;
  if (wire::Status read = ReadReportData(parsed.data_dir, parsed.operation, day_start.ms, &data); !read.ok) {
    err << "opsroom-hub report: " << read.error << "\n";
    return 1;
  }
  if (wire::Status written = WriteReport(data, parsed.out); !written.ok) {
    err << "opsroom-hub report: " << written.error << "\n";
    return 1;
  }
  out << "report of " << data.operation_id << " for " << parsed.day << " in " << parsed.out << ": "
      << data.sitreps.size() << " sitreps, " << data.alerts.size() << " alerts, " << data.timeline.size()
      << " timeline entries\n";
  return 0;
}

}  // namespace opsroom::hub
