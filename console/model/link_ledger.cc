#include "console/model/link_ledger.h"

namespace opsroom::console {

LinkHealth HealthOfLogged(wire::NodeLinkState state) {
  switch (state) {
    case wire::NodeLinkState::Connected: return LinkHealth::kHealthy;
    case wire::NodeLinkState::Silent: return LinkHealth::kSilent;
    case wire::NodeLinkState::Disconnected: return LinkHealth::kDisconnected;
  }
  return LinkHealth::kUnknown;
}

std::string LinkReasonText(const LoggedLink& link) {
  switch (link.reason) {
    case wire::NodeLinkReason::SessionOpened: return "hello";
    case wire::NodeLinkReason::HeartbeatExpiry: return "heartbeat expiry";
    case wire::NodeLinkReason::HubStop: return "hub stopped";
    case wire::NodeLinkReason::Flapping:
      return "flapping (" + std::to_string(link.suppressed) + " changes not logged)";
  }
  return "?";
}

void LinkLedger::Apply(const LinkChangeValue& change) {
  LoggedLink& link = links_[change.node_id];
  link = LoggedLink{change.node_id, change.country, change.state, change.at_ms,
                    change.reason,  change.suppressed, change.meta.hub_seq};
  if (first_ms_ == 0) first_ms_ = change.meta.hub_time_ms;
  ++revision_;
}

LinkHealth LinkLedger::CountryHealth(std::string_view country) const {
  // As NodeTable::CountryHealth: the country's link is up while any of its nodes is.
  LinkHealth best = LinkHealth::kUnknown;
  for (const auto& [node_id, link] : links_) {
    if (link.country != country) continue;
    LinkHealth health = HealthOfLogged(link.state);
    if (best == LinkHealth::kUnknown || health < best) best = health;
  }
  return best;
}

}  // namespace opsroom::console
