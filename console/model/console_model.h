// Everything the console shows, built from plain events in hub order: alerts,
// the filtered feed, the map's alert grid, the flash alarm, nodes, operations,
// the watchlist and the state of the link. The view reads it every frame and
// keeps no copy. UI thread only.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "console/model/alert_filter.h"
#include "console/model/alert_store.h"
#include "console/model/attention_queue.h"
#include "console/model/deadlines.h"
#include "console/model/events.h"
#include "console/model/filtered_alerts.h"
#include "console/model/flash_alarm.h"
#include "console/model/handover_board.h"
#include "console/model/handover_contents.h"
#include "console/model/hit_queue.h"
#include "console/model/hub_outage.h"
#include "console/model/link_health.h"
#include "console/model/link_ledger.h"
#include "console/model/operations_board.h"
#include "console/model/spatial_grid.h"
#include "console/model/watchlist.h"

namespace opsroom::console {

struct LinkInfo {
  LinkState state = LinkState::kConnecting;
  std::string detail;
  uint64_t last_seq = 0;      // last hub sequence applied
  uint64_t snapshot_seq = 0;  // the snapshot was "at hub sequence N"
  bool snapshot_done = false;
  // The latest signed audit head the subscriber accepted, and the latest refusal.
  uint64_t audit_records = 0;
  int64_t audit_signed_at_ms = 0;
  std::string audit_problem;
};

struct ModelCounters {
  uint64_t events_applied = 0;
  uint64_t out_of_order = 0;  // hub_seq not above the last one (dropped)
  uint64_t unknown_alert_actions = 0;
  uint64_t hub_rewinds = 0;  // times the hub's state was dropped for a restored hub's snapshot
};

class ConsoleModel {
 public:
  static constexpr std::size_t kMaxOutcomes = 32;

  ConsoleModel();

  void Apply(const ConsoleEvent& event, int64_t local_now_ms);
  // Brings the feed rows, the map grid and the alarm up to date. Once per frame.
  void Refresh(int64_t local_now_ms);

  AlertFilter& filter() { return filter_; }
  SortSpec& sort() { return sort_; }
  const AlertFilter& filter() const { return filter_; }
  SortSpec sort() const { return sort_; }

  const AlertStore& alerts() const { return alerts_; }
  const FilteredAlerts& feed() const { return feed_; }
  const SpatialGrid& grid() const { return grid_; }
  uint64_t grid_revision() const { return grid_revision_; }
  FlashAlarm& alarm() { return alarm_; }
  const FlashAlarm& alarm() const { return alarm_; }
  const NodeTable& nodes() const { return nodes_; }
  // Node links as the log tells them (a replay's picture; live, HubStatus rules).
  const LinkLedger& logged_links() const { return logged_links_; }
  // A country's link as the map shows it: live from HubStatus (unknown while
  // the hub is lost); `from_log` (a replay) from the logged links.
  LinkHealth ShownCountryLink(std::string_view country, int64_t local_now_ms, bool from_log) const {
    return from_log ? logged_links_.CountryHealth(country)
                    : ShownCountryHealth(nodes_, outage(local_now_ms), country, local_now_ms);
  }
  const OperationsBoard& operations() const { return operations_; }
  const Watchlist& watchlist() const { return watchlist_; }
  const HitQueue& hits() const { return hits_; }
  const HandoverBoard& handovers() const { return handovers_; }
  // What a handover written now would list (handover_contents.h).
  HandoverContents HandoverNow(int64_t local_now_ms) const {
    return BuildHandoverContents({alerts_, hits_, nodes_, operations_, local_now_ms, HubNow(local_now_ms)}, deadlines_);
  }
  const LinkInfo& link() const { return link_; }
  const ModelCounters& counters() const { return counters_; }
  const std::deque<ActionOutcomeValue>& outcomes() const { return outcomes_; }

  // The desk (docs/desk.md): deadlines, the attention queue as of the last
  // Refresh, the operator's actions the hub has not answered, the outage.
  void set_deadlines(const DeadlinePolicy& policy);
  const DeadlinePolicy& deadlines() const { return deadlines_; }
  const AttentionQueue& attention() const { return attention_; }
  PendingActions& pending() { return pending_; }
  const PendingActions& pending() const { return pending_; }
  HubOutage outage(int64_t local_now_ms) const { return AssessHub(link_.state, nodes_, local_now_ms); }
  // The hub's clock (estimated from its last status; the local one before any).
  int64_t HubNow(int64_t local_now_ms) const {
    return nodes_.has_status() ? nodes_.HubNow(local_now_ms) : local_now_ms;
  }

 private:
  bool Sequence(const EventMeta& meta);
  void ApplyKeyed(const ConsoleEvent& event, int64_t local_now_ms);  // ids already effective
  void ApplyAlert(const AlertValue& value, int64_t now);
  void ApplyAction(const ActionValue& value, int64_t now);
  void ApplyLink(const LinkValue& value);
  void ApplyAuditHead(const AuditHeadValue& value);
  void ApplyHubRewound(const HubRewoundValue& value);
  void ApplyOutcome(const ActionOutcomeValue& value);
  void SyncGrid(const FilterDelta& delta);
  void InsertInGrid(uint32_t index);

  AlertStore alerts_;
  AlertFilter filter_;
  SortSpec sort_;
  FilteredAlerts feed_;
  SpatialGrid grid_;
  uint64_t grid_revision_ = 0;
  FlashAlarm alarm_;
  NodeTable nodes_;
  LinkLedger logged_links_;
  OperationsBoard operations_;
  Watchlist watchlist_;
  HitQueue hits_;
  HandoverBoard handovers_;
  LinkInfo link_;
  ModelCounters counters_;
  std::deque<ActionOutcomeValue> outcomes_;
  DeadlinePolicy deadlines_;
  AttentionQueue attention_;
  PendingActions pending_;
};

}  // namespace opsroom::console
