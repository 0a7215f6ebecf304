// Times as the room's tools print them: ISO 8601 in UTC, "2026-12-07T02:20:40Z"
// (every clock on the wire is UTC milliseconds). Pure.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::wire {

// "2026-12-07T02:20:40Z"; `zone` replaces the "Z" (CAP wants "-00:00").
std::string UtcIsoTime(int64_t ms, const char* zone = "Z");

}  // namespace opsroom::wire
