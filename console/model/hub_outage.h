// Whether the hub is out of reach, and since when: the status bar's "hub lost
// since 14:02 (3 min)", the stale-picture banner, and the map's country links
// shown as unknown rather than failed (a silent hub says nothing about the
// countries). Actions the operator took meanwhile wait in the network
// thread's queue; PendingActions shows them until the hub answers. Pure, or
// UI thread only.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "console/model/events.h"
#include "console/model/link_health.h"

namespace opsroom::console {

struct HubOutage {
  bool lost = false;
  int64_t since_ms = 0;  // local clock: when the hub was last heard from
};

// The hub is lost when it was heard from once (a status arrived) and either
// the link reports it lost or connecting again, or its status stopped coming
// (NodeTable::hub_silent). Before the first status the console is still
// connecting: nothing to call stale.
HubOutage AssessHub(LinkState link, const NodeTable& nodes, int64_t local_now_ms);

// "hub lost since 14:02 (3 min)"; the time in UTC.
std::string HubLostText(const HubOutage& outage, int64_t local_now_ms);

// A country's link as the map shows it: unknown while the hub is lost.
LinkHealth ShownCountryHealth(const NodeTable& nodes, const HubOutage& outage, std::string_view country,
                              int64_t local_now_ms);

struct PendingAction {
  std::string alert_id;  // or hit_id
  ActionKind kind = ActionKind::Comment;
  int64_t sent_local_ms = 0;
};

// The operator's actions the hub has not answered yet, oldest first; the
// hub's outcome (accepted or refused) for the same item and kind clears the
// oldest. Bounded: past kMax the oldest is dropped (and counted).
class PendingActions {
 public:
  static constexpr std::size_t kMax = 1000;

  void Sent(std::string id, ActionKind kind, int64_t local_now_ms);
  void Answered(const ActionOutcomeValue& outcome);
  void Clear() { pending_.clear(); }

  const std::deque<PendingAction>& items() const { return pending_; }
  // The oldest pending action on this item, or nullptr.
  const PendingAction* For(std::string_view id) const;
  uint64_t dropped() const { return dropped_; }

 private:
  std::deque<PendingAction> pending_;
  uint64_t dropped_ = 0;
};

}  // namespace opsroom::console
