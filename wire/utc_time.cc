#include "wire/utc_time.h"

#include <cstdio>
#include <ctime>

namespace opsroom::wire {

std::string UtcIsoTime(int64_t ms, const char* zone) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%s", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec, zone);
  return text;
}

}  // namespace opsroom::wire
