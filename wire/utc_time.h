// Times as the room's tools print and read them: ISO 8601 in UTC,
// "2026-12-07T02:20:40Z" (every clock on the wire is UTC milliseconds), the
// durations people type for "since" ("2h", "PT2H") and ages as people read
// them ("3m 05s"). The one parser every command line and the console's forms
// use, on Howard Hinnant's date. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace opsroom::wire {

// "2026-12-07T02:20:40Z"; `zone` replaces the "Z" (CAP wants "-00:00").
std::string UtcIsoTime(int64_t ms, const char* zone = "Z");
// An age as the console and the command lines print it: "12s", "3m 05s",
// "2h 07m", "3d 04h" (a negative age, from clocks apart, reads "0s").
std::string AgeText(int64_t age_ms);

// What a caller accepts besides a date and time with a zone
// ("2026-12-07T09:30:00Z", "2026-12-07T09:30Z", "2026-12-07T09:30:00.250Z",
// "2026-12-07T10:30:00+01:00", "+0100" and "+01" alike).
struct TimeForms {
  // "2026-12-07" alone stands for 00:00 UTC that day: where a day is meant (--since).
  bool date_alone = false;
  // No zone means UTC and a space may stand for the "T" ("2026-12-07 09:30"): only for
  // fields labelled UTC. Elsewhere a time without a zone is refused as ambiguous.
  bool zone_implied = false;
};

// ms since 1970 UTC (or a duration's length), or what was expected and what came.
struct ParsedTime {
  int64_t ms = 0;
  std::string error;  // empty when `ms` holds the value
  bool ok() const { return error.empty(); }
};

ParsedTime ParseUtcTime(std::string_view text, TimeForms forms = {});
// A day and nothing else: "2026-12-07" -> 00:00 UTC of that day.
ParsedTime ParseUtcDay(std::string_view text);
// "45s", "90m" (or "90min"), "2h", "3d", "1h30m", "500ms", or ISO 8601 "PT2H",
// "P3D", "P1DT2H30M".
ParsedTime ParseDuration(std::string_view text);
// --since: a time as ParseUtcTime with a date alone, or an age back from `now_ms`.
ParsedTime ParseSince(std::string_view text, int64_t now_ms);

}  // namespace opsroom::wire
