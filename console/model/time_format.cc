#include "console/model/time_format.h"

#include <cstdio>
#include <ctime>

namespace opsroom::console {
namespace {

std::tm Split(int64_t unix_ms, bool local) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm parts{};
  if (local) {
    localtime_r(&seconds, &parts);
  } else {
    gmtime_r(&seconds, &parts);
  }
  return parts;
}

}  // namespace

std::string FormatUtcTime(int64_t unix_ms) {
  std::tm t = Split(unix_ms, false);
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", t.tm_hour, t.tm_min, t.tm_sec);
  return text;
}

std::string FormatUtcDateTime(int64_t unix_ms) {
  std::tm t = Split(unix_ms, false);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                t.tm_hour, t.tm_min, t.tm_sec);
  return text;
}

std::string FormatLocalTime(int64_t unix_ms) {
  std::tm t = Split(unix_ms, true);
  char text[48];
  std::strftime(text, sizeof text, "%H:%M:%S %Z", &t);
  return text;
}

std::string FormatCount(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace opsroom::console
