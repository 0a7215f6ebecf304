// Deadlines of the room's work: how long each severity may wait for an
// acknowledgement and how long a request or hit may wait for its answer,
// and the state of a deadline's clock at a given time. Set from the
// console's --deadlines option; pure, so tests give exact times.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "console/model/types.h"

namespace opsroom::console {

enum class ClockState : uint8_t { kNone, kOk, kAmber, kRed };
const char* ClockStateName(ClockState state);

struct DeadlinePolicy {
  // Time to acknowledge, by Severity (Routine, Priority, Urgent, Flash); 0: none.
  int64_t ack_ms[kSeverityCount] = {0, 4 * 3'600'000, 30 * 60'000, 5 * 60'000};
  int64_t answer_ms = 12 * 3'600'000;  // a request or hit (SIRENE's 12 hours)
  // Amber once this share of the allowance has passed.
  int amber_percent = 75;

  int64_t ack_allowance(Severity severity) const { return ack_ms[static_cast<int>(severity)]; }
};

// Ok until amber_percent of [start, deadline) has passed, amber until the
// deadline, red from the deadline on (exactly at it: red). kNone when
// deadline_ms is 0.
ClockState ClockAt(int64_t start_ms, int64_t deadline_ms, int64_t now_ms, int amber_percent);

// "flash=5m,urgent=30m,priority=4h,answer=12h,amber=75" (any subset, any
// order; units s, m, h; 0 switches a deadline off). Returns "" or why not.
std::string ParseDeadlines(std::string_view text, DeadlinePolicy* policy);

// "4:59 left", "overdue 12:03", "11h 59m left": a counting clock.
std::string ClockText(int64_t deadline_ms, int64_t now_ms);

}  // namespace opsroom::console
