// Reading the hub's log as the invariants see it: one Frame{Event} per hub
// sequence, parsed once into what the checks need, and the reference model
// of a subscriber's state (the latest version of every alert it may see).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "wire/entitlement.h"

namespace opsroom::sim {

struct LoggedEvent {
  uint64_t hub_seq = 0;
  std::string origin;
  uint64_t node_seq = 0;
  std::string alert_id;  // empty: not an alert (the simulator's nodes send alerts only)
  std::string link_node;  // a LinkChange (the hub's, docs/protocol.md 4.2): the node it names
  wire::Marking marking;
  uint64_t digest = 0;  // of the envelope bytes: what a subscriber must hold exactly
};

// One frame in a few words for the trace: "Publish ME-1/27", "Ack 27>33", "Nack StaleSequence 27".
std::string Describe(const uint8_t* frame_bytes);

// Parses one Frame{Event}; nullopt when it is not one.
std::optional<LoggedEvent> ParseEvent(std::string_view frame_bytes);

// A subscriber's state: alert id -> (hub_seq, digest) of its latest version.
using AlertState = std::map<std::string, std::pair<uint64_t, uint64_t>>;
void ApplyToState(const LoggedEvent& event, AlertState& state);
uint64_t StateDigest(const AlertState& state);

// The durable log, indexed incrementally as the store syncs more of it.
class LogIndex {
 public:
  // Indexes durable log entries beyond those seen; rebuilds from scratch
  // after a power cut (`reset`). Returns the invariant violations found.
  std::string Refresh(const std::map<std::string, std::string, std::less<>>& durable_log, bool reset);
  const std::map<uint64_t, LoggedEvent>& events() const { return events_; }
  const LoggedEvent* Find(uint64_t hub_seq) const;
  uint64_t last_seq() const { return events_.empty() ? 0 : events_.rbegin()->first; }

 private:
  std::map<uint64_t, LoggedEvent> events_;
  std::set<std::pair<std::string, uint64_t>> pairs_;  // (origin, node_seq) stored
};

}  // namespace opsroom::sim
