// `opsroom-hub report --data DIR --operation CODE --day YYYY-MM-DD --out DIR`:
// the day report of one joint operation (docs/report.md), from a store
// opened read-only. Called by main.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace opsroom::hub {

bool IsReportCommand(const std::vector<std::string>& args);
// 0 written, 1 failed (store, operation, files), 2 usage (says what was expected).
int RunReportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
