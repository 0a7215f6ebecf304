#include "console/model/deadlines.h"

#include <charconv>
#include <cstdio>

#include "wire/utc_time.h"

namespace opsroom::console {

const char* ClockStateName(ClockState state) {
  switch (state) {
    case ClockState::kNone: return "none";
    case ClockState::kOk: return "ok";
    case ClockState::kAmber: return "amber";
    case ClockState::kRed: return "red";
  }
  return "?";
}

ClockState ClockAt(int64_t start_ms, int64_t deadline_ms, int64_t now_ms, int amber_percent) {
  if (deadline_ms == 0) return ClockState::kNone;
  if (now_ms >= deadline_ms) return ClockState::kRed;
  int64_t allowance = deadline_ms - start_ms;
  int64_t amber_at = start_ms + allowance / 100 * amber_percent + allowance % 100 * amber_percent / 100;
  return now_ms >= amber_at ? ClockState::kAmber : ClockState::kOk;
}

namespace {

// "5m" -> 300000 (wire::ParseDuration's forms; a bare number is seconds); -1
// when malformed or longer than 30 days.
int64_t ParseDuration(std::string_view text) {
  int64_t seconds = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  const bool bare = !text.empty() && error == std::errc() && end == text.data() + text.size();
  constexpr int64_t kMaxMs = 30LL * 24 * 3'600'000;
  if (bare && (seconds < 0 || seconds > kMaxMs / 1000)) return -1;
  wire::ParsedTime span = bare ? wire::ParsedTime{seconds * 1000, ""} : wire::ParseDuration(text);
  if (!span.ok() || span.ms > kMaxMs) return -1;
  return span.ms;
}

std::string ApplyOne(std::string_view key, std::string_view value, DeadlinePolicy* policy) {
  if (key == "amber") {
    int percent = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), percent);
    if (error != std::errc() || end != value.data() + value.size() || percent < 1 || percent > 99) {
      return "amber wants a percentage 1..99, e.g. amber=75";
    }
    policy->amber_percent = percent;
    return "";
  }
  int64_t ms = ParseDuration(value);
  if (ms < 0) return std::string(key) + " wants a duration like 5m, 30m, 4h or 90s";
  if (key == "flash") policy->ack_ms[static_cast<int>(Severity::Flash)] = ms;
  else if (key == "urgent") policy->ack_ms[static_cast<int>(Severity::Urgent)] = ms;
  else if (key == "priority") policy->ack_ms[static_cast<int>(Severity::Priority)] = ms;
  else if (key == "routine") policy->ack_ms[static_cast<int>(Severity::Routine)] = ms;
  else if (key == "answer") policy->answer_ms = ms;
  else return "unknown deadline '" + std::string(key) + "' (flash, urgent, priority, routine, answer, amber)";
  return "";
}

}  // namespace

std::string ParseDeadlines(std::string_view text, DeadlinePolicy* policy) {
  DeadlinePolicy parsed = *policy;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) return "expected NAME=DURATION, got '" + std::string(item) + "'";
    std::string error = ApplyOne(item.substr(0, eq), item.substr(eq + 1), &parsed);
    if (!error.empty()) return error;
  }
  *policy = parsed;
  return "";
}

std::string ClockText(int64_t deadline_ms, int64_t now_ms) {
  if (deadline_ms == 0) return {};
  int64_t left = deadline_ms - now_ms;
  bool overdue = left <= 0;
  int64_t seconds = (overdue ? -left : left + 999) / 1000;  // a clock counting down shows 0:01 until it is due
  long long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  char text[48];
  // Hours read as "11h 59m" (as the Waited column), never "11:59:30", which a tired eye takes for a time of day.
  if (h > 0) {
    std::snprintf(text, sizeof text, "%s%lldh %02lldm%s", overdue ? "overdue " : "", h, m, overdue ? "" : " left");
  } else {
    std::snprintf(text, sizeof text, "%s%lld:%02lld%s", overdue ? "overdue " : "", m, s, overdue ? "" : " left");
  }
  return text;
}

}  // namespace opsroom::console
