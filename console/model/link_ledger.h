// Node links as the hub's log tells them: its LinkChange entries
// (docs/protocol.md 4.2), applied in hub order. The replay's picture of which
// node was connected, silent or disconnected at its moment; the live picture
// keeps HubStatus and heartbeats (link_health.h). UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "console/model/events.h"
#include "console/model/link_health.h"

namespace opsroom::console {

struct LoggedLink {
  std::string node_id;
  std::string country;
  wire::NodeLinkState state = wire::NodeLinkState::Connected;
  int64_t since_ms = 0;  // hub time of the change
  wire::NodeLinkReason reason = wire::NodeLinkReason::SessionOpened;
  uint32_t suppressed = 0;  // changes before it the hub did not log (a flapping node)
  uint64_t hub_seq = 0;
};

// The console's health for a logged state: connected is healthy (the log
// holds no heartbeats, so never late), silent and disconnected as live.
LinkHealth HealthOfLogged(wire::NodeLinkState state);
// "hello", "heartbeat expiry", "hub stopped", "flapping (3 changes not logged)".
std::string LinkReasonText(const LoggedLink& link);

class LinkLedger {
 public:
  void Apply(const LinkChangeValue& change);
  void Clear() { *this = LinkLedger(); }

  // By node id.
  const std::map<std::string, LoggedLink, std::less<>>& links() const { return links_; }
  bool empty() const { return links_.empty(); }
  // Hub time of the first LinkChange applied (0: none): before it the log says nothing of links.
  int64_t first_ms() const { return first_ms_; }
  // The best logged state among the country's nodes (kUnknown: none logged).
  LinkHealth CountryHealth(std::string_view country) const;
  uint64_t revision() const { return revision_; }

 private:
  std::map<std::string, LoggedLink, std::less<>> links_;
  int64_t first_ms_ = 0;
  uint64_t revision_ = 0;
};

}  // namespace opsroom::console
