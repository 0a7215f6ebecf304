// Text for times, ages and counts as the console shows them. Pure; any thread.
#pragma once
#include <cstdint>
#include <string>

#include "wire/utc_time.h"  // ages: wire::AgeText, the same text as the command lines print

namespace opsroom::console {

std::string FormatUtcTime(int64_t unix_ms);      // "14:05:09"
std::string FormatUtcDateTime(int64_t unix_ms);  // "2026-03-01 14:05:09Z"
std::string FormatLocalTime(int64_t unix_ms);    // "15:05:09 CET" (the machine's zone)
std::string FormatCount(uint64_t value);         // "12,345"

}  // namespace opsroom::console
