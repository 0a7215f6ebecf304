#include "console/model/hub_outage.h"

#include <algorithm>

#include "console/model/time_format.h"

namespace opsroom::console {

HubOutage AssessHub(LinkState link, const NodeTable& nodes, int64_t local_now_ms) {
  if (!nodes.has_status()) return {};
  bool link_down = link == LinkState::kLost || link == LinkState::kConnecting;
  if (!link_down && !nodes.hub_silent(local_now_ms)) return {};
  return HubOutage{true, nodes.received_local_ms()};
}

std::string HubLostText(const HubOutage& outage, int64_t local_now_ms) {
  if (!outage.lost) return {};
  std::string since = FormatUtcTime(outage.since_ms).substr(0, 5);  // "14:02"
  int64_t minutes = std::max<int64_t>(0, local_now_ms - outage.since_ms) / 60'000;
  return "hub lost since " + since + " (" + std::to_string(minutes) + " min)";
}

LinkHealth ShownCountryHealth(const NodeTable& nodes, const HubOutage& outage, std::string_view country,
                              int64_t local_now_ms) {
  if (outage.lost) return LinkHealth::kUnknown;
  return nodes.CountryHealth(country, local_now_ms);
}

void PendingActions::Sent(std::string id, ActionKind kind, int64_t local_now_ms) {
  if (pending_.size() >= kMax) {
    pending_.pop_front();
    ++dropped_;
  }
  pending_.push_back(PendingAction{std::move(id), kind, local_now_ms});
}

void PendingActions::Answered(const ActionOutcomeValue& outcome) {
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const PendingAction& p) {
    return p.alert_id == outcome.alert_id && p.kind == outcome.kind;
  });
  if (it != pending_.end()) pending_.erase(it);
}

const PendingAction* PendingActions::For(std::string_view id) const {
  for (const auto& p : pending_) {
    if (p.alert_id == id) return &p;
  }
  return nullptr;
}

}  // namespace opsroom::console
