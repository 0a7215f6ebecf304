#include "hub/deadlines.h"

#include <cctype>
#include <utility>

#include "frame_generated.h"
#include "wire/utc_time.h"

namespace opsroom::hub {

std::vector<Due> DeadlinesOf(std::string_view alert_id, const AlertClock& clock, const AckDeadlines& ack) {
  std::vector<Due> due;
  auto severity = static_cast<std::size_t>(clock.severity);
  if (clock.status == wire::AlertStatus::Open && severity < ack.size() && ack[severity] > 0) {
    due.push_back({clock.version_ms + ack[severity], DeadlineKind::kAcknowledge, std::string(alert_id)});
  }
  bool finished = clock.status == wire::AlertStatus::Closed || clock.status == wire::AlertStatus::Expired;
  if (clock.expires_at_ms > 0 && !finished) {
    due.push_back({clock.expires_at_ms, DeadlineKind::kExpiry, std::string(alert_id)});
  }
  return due;
}

std::optional<AlertClock> ClockOfEvent(std::string_view event_frame, wire::AlertStatus status) {
  // The log holds Frame{Event} bytes the hub itself verified and wrote.
  const wire::Frame* frame = wire::GetFrame(event_frame.data());
  const wire::Event* event = frame->body_as_Event();
  if (event == nullptr || event->envelope() == nullptr) return std::nullopt;
  const wire::Alert* alert = event->envelope_nested_root()->payload_as_Alert();
  if (alert == nullptr) return std::nullopt;
  return AlertClock{alert->severity(), event->hub_time_ms(), alert->expires_at_ms(), status};
}

std::string DurationText(int64_t ms) {
  struct Unit {
    int64_t ms;
    const char* name;
  };
  for (Unit unit : {Unit{86'400'000, "d"}, Unit{3'600'000, "h"}, Unit{60'000, "min"}, Unit{1000, "s"}}) {
    if (ms >= unit.ms && ms % unit.ms == 0) return std::to_string(ms / unit.ms) + " " + unit.name;
  }
  return std::to_string(ms) + " ms";
}

// wire::ParseDuration's forms ("1h30m" and ISO "PT4H" too), plus "0" and "off".
std::optional<int64_t> ParseDuration(std::string_view text) {
  if (text == "0" || text == "off") return 0;
  wire::ParsedTime span = wire::ParseDuration(text);
  if (!span.ok()) return std::nullopt;
  return span.ms;
}

std::string ParseAckDeadlines(std::string_view text, AckDeadlines& ack) {
  AckDeadlines parsed = ack;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    std::size_t equals = item.find('=');
    std::string_view name = item.substr(0, equals);
    std::optional<int64_t> ms =
        equals == std::string_view::npos ? std::nullopt : ParseDuration(item.substr(equals + 1));
    int severity = -1;
    for (int s = 0; s <= static_cast<int>(wire::Severity::MAX); ++s) {
      std::string lower = wire::EnumNamesSeverity()[s];
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == lower) severity = s;
    }
    if (severity < 0 || !ms) {
      return "--ack-deadline takes SEVERITY=DURATION items separated by commas, like flash=5m,urgent=30m,priority=4h "
             "(severities routine, priority, urgent, flash; durations in ms, s, m, h or d; 0 or off: none), not \"" +
             std::string(item) + "\"";
    }
    parsed[static_cast<std::size_t>(severity)] = *ms;
  }
  ack = parsed;
  return {};
}

std::string SpanText(int64_t ms) {
  // The largest unit that divides it, as hub.toml writes it (ParseAckDeadlines reads it back).
  std::string span = std::to_string(ms) + "ms";
  using Unit = std::pair<int64_t, const char*>;
  for (auto [unit_ms, unit] : {Unit{1000, "s"}, Unit{60'000, "m"}, Unit{3'600'000, "h"}, Unit{86'400'000, "d"}}) {
    if (ms != 0 && ms % unit_ms == 0) span = std::to_string(ms / unit_ms) + unit;
  }
  return ms == 0 ? "0" : span;
}

std::string AckDeadlinesText(const AckDeadlines& ack) {
  std::string text;
  for (std::size_t s = 0; s < ack.size(); ++s) {
    std::string name = wire::EnumNamesSeverity()[s];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    text += (text.empty() ? "" : ",") + name + "=" + (ack[s] <= 0 ? "off" : SpanText(ack[s]));
  }
  return text;
}

void DeadlineIndex::Set(std::string_view alert_id, const std::optional<AlertClock>& clock) {
  SetDue(alert_id, clock ? DeadlinesOf(alert_id, *clock, ack_) : std::vector<Due>());
}

void DeadlineIndex::SetDue(std::string_view item_id, std::vector<Due> pending) {
  // One hash lookup per call: with every open alert in the map (a million
  // under load) each lookup is a cache miss, and this runs for every alert
  // a batch stores (issue 16).
  std::string id(item_id);
  if (pending.empty()) {
    if (auto it = by_alert_.find(id); it != by_alert_.end()) {
      for (const Due& old : it->second) due_.erase(old);
      by_alert_.erase(it);
    }
    return;
  }
  auto [it, inserted] = by_alert_.try_emplace(std::move(id));
  if (!inserted) {
    for (const Due& old : it->second) due_.erase(old);
  }
  for (const Due& due : pending) due_.insert(due);
  it->second = std::move(pending);
}

void DeadlineIndex::Clear() {
  due_.clear();
  by_alert_.clear();
}

std::optional<Due> DeadlineIndex::PopDue(int64_t now_ms) {
  if (due_.empty() || due_.begin()->due_ms > now_ms) return std::nullopt;
  Due due = *due_.begin();
  due_.erase(due_.begin());
  auto it = by_alert_.find(due.alert_id);
  if (it != by_alert_.end()) {
    std::erase(it->second, due);
    if (it->second.empty()) by_alert_.erase(it);
  }
  return due;
}

}  // namespace opsroom::hub
