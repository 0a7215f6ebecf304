// Dates of birth as checks and watchlists write them. A node calls CheckDob to refuse a date
// it cannot read with a clear error, instead of sending one the matcher would treat as unknown.
// Pure functions; any thread.
#pragma once
#include <string>
#include <string_view>

namespace opsroom::match {

struct DobCheck {
  bool ok = false;
  std::string value;                 // "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when no date was given
  std::string error;                 // for a person to fix
  int year = 0, month = 0, day = 0;  // 0 = not given
};

// Accepts YYYY-MM-DD, YYYY-MM, YYYY, YYYY.MM.DD, YYYYMMDD and DD.MM.YYYY (a trailing dot, as
// Serbian writes dates, is allowed), years 1800-2200, the day checked against its month (31
// February and 29 February 1983 are errors). Empty or blank text: ok, no date.
DobCheck CheckDob(std::string_view text);

}  // namespace opsroom::match
