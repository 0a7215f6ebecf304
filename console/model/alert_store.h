// Every alert the console knows, built from alert and action events in hub
// order. Alerts get a stable index on arrival (append only); a change log of
// indices lets filters and the map update incrementally. UI thread only.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "console/model/events.h"

namespace opsroom::console {

struct ActionRecord {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string origin;
  ActionKind kind = ActionKind::Comment;
  std::string actor;
  int64_t at_ms = 0;
  std::string assignee;
  std::string text;
};

// An alert's latest version as sent (its status then set by the actions
// after it), and what the console keeps beside it.
struct AlertRecord : wire::msg::Alert {
  std::string origin;
  std::string country;
  std::string place_name;
  WorldPoint world;              // Project(*position), computed once
  uint64_t first_hub_seq = 0;    // when the alert first arrived at the hub
  uint64_t last_hub_seq = 0;     // the latest event that touched it
  uint64_t version_hub_seq = 0;  // the latest version of the alert itself
  int64_t arrived_ms = 0;        // hub time of the first version
  int64_t updated_ms = 0;        // hub time of the latest event
  std::string assignee;          // from the latest Assign
  uint32_t version_count = 0;
  std::vector<ActionRecord> actions;
  Marking marking;          // the latest version's handling and grade
  std::string search_text;  // folded id, title, body, place, origin, assignee
};

class AlertStore {
 public:
  // The change log is compacted past this many entries; readers that fell
  // behind rebuild (ChangesSince returns false).
  static constexpr std::size_t kMaxChangeLog = 1 << 20;

  // Applies an alert (a new one, or a newer version from its owner).
  // Returns the alert's index.
  uint32_t Apply(const AlertValue& value);
  // Forgets every alert (the hub was restored). The change log's marks and
  // revision() keep counting up, so readers see a change and rebuild.
  void Clear();
  // Applies an action; returns the index, or nullopt when the alert is unknown.
  std::optional<uint32_t> Apply(const ActionValue& value);

  std::size_t size() const { return alerts_.size(); }
  const AlertRecord& at(uint32_t index) const { return alerts_[index]; }
  std::optional<uint32_t> Find(std::string_view alert_id) const;

  // Indices changed (not added) since `mark`; false when the log no longer
  // reaches back that far. change_mark() is the mark to pass next time.
  bool ChangesSince(uint64_t mark, std::vector<uint32_t>* out) const;
  uint64_t change_mark() const { return log_base_ + change_log_.size(); }

  // Open Flash alerts (flash severity, status Open): the alarm's input.
  std::size_t open_flash_count() const { return open_flash_.size(); }
  // The same at hub time, leaving out those past their expires_at whose
  // Expire has not come yet: an expired Flash rings no alarm.
  std::size_t live_flash_count(int64_t hub_now_ms) const;
  // The most recently arrived open Flash alert, if any.
  std::optional<uint32_t> newest_open_flash() const;
  // The most recently arrived one not past its expires_at at hub time.
  std::optional<uint32_t> newest_live_flash(int64_t hub_now_ms) const;
  std::size_t count_by_status(AlertStatus status) const { return by_status_[static_cast<int>(status)]; }
  // Bumped by every Apply that changed something.
  uint64_t revision() const { return revision_; }

 private:
  void NoteChanged(uint32_t index);
  void Count(uint32_t index, int delta);
  static void Refold(AlertRecord* record);

  std::vector<AlertRecord> alerts_;
  std::unordered_map<std::string, uint32_t> by_id_;
  std::vector<uint32_t> change_log_;
  uint64_t log_base_ = 0;
  std::set<uint32_t> open_flash_;
  std::size_t by_status_[kAlertStatusCount] = {};
  uint64_t revision_ = 0;
};

// True when the alert is past its expires_at at hub time (it leaves the open
// work even before the hub's Expire arrives).
bool IsExpired(const AlertRecord& alert, int64_t hub_now_ms);

}  // namespace opsroom::console
