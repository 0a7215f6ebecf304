// Text for times, ages and counts as the console shows them. Pure; any thread.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::console {

std::string FormatUtcTime(int64_t unix_ms);      // "14:05:09"
std::string FormatUtcDateTime(int64_t unix_ms);  // "2026-03-01 14:05:09Z"
std::string FormatLocalTime(int64_t unix_ms);    // "15:05:09 CET" (the machine's zone)
std::string FormatAge(int64_t age_ms);           // "12s", "3m 05s", "2h 07m", "3d 04h"
std::string FormatCount(uint64_t value);         // "12,345"

}  // namespace opsroom::console
