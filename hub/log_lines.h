// Logging a text of several lines (a banner, a notice) through spdlog's
// default logger (opsroom-hub sets it up: hub/tools/hub_log.h), one line at a
// time so that each line carries the time and level. Any thread.
#pragma once
#include <string_view>

#include <spdlog/spdlog.h>

namespace opsroom::hub {

// Empty lines are left out.
void LogLines(spdlog::level::level_enum level, std::string_view text);

}  // namespace opsroom::hub
