// The room's clocks on alerts (docs/protocol.md section 15): the time to
// acknowledge per severity and the alert's own expires_at_ms. A small index of
// the deadlines still pending, kept by ingest from the state it commits and
// rebuilt from the store on start; the hub's loop asks it what is due by hub
// time and logs an Escalate or Expire action for each (hub/ingest_deadlines.cc).
// One rule (DeadlinesOf) serves the live path and the rebuild alike, so a
// restart neither repeats nor loses an escalation. No I/O; loop thread only.
#pragma once
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "alert_generated.h"

namespace opsroom::hub {

// Time to acknowledge per wire::Severity (Routine, Priority, Urgent, Flash); 0: none.
using AckDeadlines = std::array<int64_t, 4>;
inline constexpr AckDeadlines kDefaultAckDeadlines = {0, 4LL * 3600 * 1000, 30LL * 60 * 1000, 5LL * 60 * 1000};

// kAnswer: a hit's time to answer (hub/hit_deadline.h); its Due names the hit's HitStateId.
enum class DeadlineKind : uint8_t { kAcknowledge = 0, kExpiry = 1, kAnswer = 2 };

// What an alert's deadlines depend on: its current version (severity, the hub
// time it was logged, expires_at_ms) and its status after every action.
struct AlertClock {
  wire::Severity severity = wire::Severity::Routine;
  int64_t version_ms = 0;     // hub_time_ms of the current Alert version
  int64_t expires_at_ms = 0;  // 0: never
  wire::AlertStatus status = wire::AlertStatus::Open;
};

struct Due {
  int64_t due_ms = 0;
  DeadlineKind kind = DeadlineKind::kAcknowledge;
  std::string alert_id;
  auto operator<=>(const Due&) const = default;
};

// The rule: an Open alert whose severity has a time to acknowledge is due
// version_ms + that time; an alert neither Closed nor Expired with an
// expires_at_ms is due then.
std::vector<Due> DeadlinesOf(std::string_view alert_id, const AlertClock& clock, const AckDeadlines& ack);

// The AlertClock of a logged Frame{Event} holding an Alert; nullopt otherwise.
std::optional<AlertClock> ClockOfEvent(std::string_view event_frame, wire::AlertStatus status);

// "5 min", "4 h", "90 s", "1500 ms": for the texts of escalations.
std::string DurationText(int64_t ms);

// "90s", "5m", "4h", "2d", "1500ms" -> milliseconds; "0" and "off" -> 0; nullopt otherwise.
std::optional<int64_t> ParseDuration(std::string_view text);
// "flash=5m,urgent=30m,priority=4h" (any subset, also routine=...) over `ack`;
// an error text, or "" when every item was understood.
std::string ParseAckDeadlines(std::string_view text, AckDeadlines& ack);
// The other way: "routine=off,priority=4h,urgent=30m,flash=5m" (logs of a changed setting).
std::string AckDeadlinesText(const AckDeadlines& ack);
// A span in the largest unit that divides it: "7d", "30m", "1500ms"; "0".
std::string SpanText(int64_t ms);

class DeadlineIndex {
 public:
  explicit DeadlineIndex(const AckDeadlines& ack) : ack_(ack) {}

  // Replaces the alert's pending deadlines with those of `clock` (none: nullopt).
  void Set(std::string_view alert_id, const std::optional<AlertClock>& clock);
  // Replaces the item's pending deadlines with `pending`.
  void SetDue(std::string_view id, std::vector<Due> pending);
  void Clear();
  // Removes and returns the earliest deadline at or before now_ms.
  std::optional<Due> PopDue(int64_t now_ms);
  std::size_t size() const { return due_.size(); }
  const AckDeadlines& ack() const { return ack_; }

 private:
  AckDeadlines ack_;
  std::set<Due> due_;
  std::unordered_map<std::string, std::vector<Due>> by_alert_;
};

}  // namespace opsroom::hub
