#include "console/model/alert_store.h"

#include <algorithm>

#include "console/model/text_fold.h"
#include "wire/alert_status.h"

namespace opsroom::console {

uint32_t AlertStore::Apply(const AlertValue& value) {
  auto [it, inserted] = by_id_.try_emplace(value.alert_id, static_cast<uint32_t>(alerts_.size()));
  uint32_t index = it->second;
  if (inserted) {
    alerts_.emplace_back();
    alerts_.back().first_hub_seq = value.meta.hub_seq;
    alerts_.back().arrived_ms = value.meta.hub_time_ms;
  } else {
    Count(index, -1);
  }
  AlertRecord& record = alerts_[index];
  static_cast<wire::msg::Alert&>(record) = value;
  record.origin = value.meta.origin;
  record.country = value.meta.country;
  record.place_name = value.place_name;
  record.world = Project(record.position.value_or(LatLon{}));
  record.marking = value.meta.marking;
  record.last_hub_seq = std::max(record.last_hub_seq, value.meta.hub_seq);
  record.version_hub_seq = value.meta.hub_seq;
  record.updated_ms = value.meta.hub_time_ms;
  ++record.version_count;
  Refold(&record);
  Count(index, +1);
  if (!inserted) NoteChanged(index);
  ++revision_;
  return index;
}

std::optional<uint32_t> AlertStore::Apply(const ActionValue& value) {
  auto found = Find(value.alert_id);
  if (!found) return std::nullopt;
  AlertRecord& record = alerts_[*found];
  ActionRecord action{value.meta.hub_seq, value.meta.hub_time_ms, value.meta.origin, value.kind, value.actor,
                      value.at_ms,        value.assignee,         value.text};
  // A snapshot sends an alert's latest version before all its actions: an
  // action older than that version is history and does not set the status.
  bool current = value.meta.hub_seq == 0 || value.meta.hub_seq > record.version_hub_seq;
  auto at = std::upper_bound(record.actions.begin(), record.actions.end(), action.hub_seq,
                             [](uint64_t seq, const ActionRecord& a) { return seq < a.hub_seq; });
  record.actions.insert(at, std::move(action));
  if (current) {
    Count(*found, -1);
    record.status = wire::StatusAfter(record.status, value.kind);
    if (value.kind == ActionKind::Assign) record.assignee = value.assignee;
    Count(*found, +1);
  }
  record.last_hub_seq = std::max(record.last_hub_seq, value.meta.hub_seq);
  record.updated_ms = std::max(record.updated_ms, value.meta.hub_time_ms);
  if (current && value.kind == ActionKind::Assign) Refold(&record);
  NoteChanged(*found);
  ++revision_;
  return found;
}

std::optional<uint32_t> AlertStore::Find(std::string_view alert_id) const {
  auto it = by_id_.find(std::string(alert_id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void AlertStore::Clear() {
  alerts_.clear();
  by_id_.clear();
  log_base_ += change_log_.size() + 1;  // past every mark handed out
  change_log_.clear();
  open_flash_.clear();
  std::fill(std::begin(by_status_), std::end(by_status_), 0);
  ++revision_;
}

bool AlertStore::ChangesSince(uint64_t mark, std::vector<uint32_t>* out) const {
  if (mark < log_base_) return false;
  for (std::size_t i = mark - log_base_; i < change_log_.size(); ++i) out->push_back(change_log_[i]);
  return true;
}

void AlertStore::NoteChanged(uint32_t index) {
  if (change_log_.size() >= kMaxChangeLog) {
    log_base_ += change_log_.size();
    change_log_.clear();
  }
  change_log_.push_back(index);
}

void AlertStore::Count(uint32_t index, int delta) {
  const AlertRecord& record = alerts_[index];
  by_status_[static_cast<int>(record.status)] += delta;
  if (record.severity != Severity::Flash || record.status != AlertStatus::Open) return;
  if (delta > 0) {
    open_flash_.insert(index);
  } else {
    open_flash_.erase(index);
  }
}

std::optional<uint32_t> AlertStore::newest_open_flash() const {
  if (open_flash_.empty()) return std::nullopt;
  return *open_flash_.rbegin();
}

bool IsExpired(const AlertRecord& alert, int64_t hub_now_ms) {
  return alert.expires_at_ms != 0 && hub_now_ms >= alert.expires_at_ms;
}

// Open Flash alerts are few (the alarm's whole point): a scan is cheap.
std::size_t AlertStore::live_flash_count(int64_t hub_now_ms) const {
  std::size_t live = 0;
  for (uint32_t index : open_flash_) live += IsExpired(alerts_[index], hub_now_ms) ? 0 : 1;
  return live;
}

std::optional<uint32_t> AlertStore::newest_live_flash(int64_t hub_now_ms) const {
  for (auto it = open_flash_.rbegin(); it != open_flash_.rend(); ++it) {
    if (!IsExpired(alerts_[*it], hub_now_ms)) return *it;
  }
  return std::nullopt;
}

void AlertStore::Refold(AlertRecord* record) {
  std::string all = record->alert_id;
  for (const std::string* part : {&record->title, &record->body, &record->place_code, &record->place_name,
                                  &record->origin, &record->assignee, &record->operation_code}) {
    all += '\n';
    all += *part;
  }
  for (const auto& reference : record->references) {
    all += '\n';
    all += ReferenceText(reference);
  }
  record->search_text = FoldForSearch(all);
}

}  // namespace opsroom::console
