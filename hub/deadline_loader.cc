#include "hub/deadline_loader.h"

#include <vector>

#include "hub/hit_deadline.h"

namespace opsroom::hub {

std::optional<std::string_view> DeadlineItemOfKey(std::string_view key) {
  std::optional<SequencedKey> parsed = ParseSequencedKey(key);
  if (!parsed || parsed->seq != 0 || parsed->name.empty()) return std::nullopt;
  return parsed->name;
}

void IndexItem(DeadlineIndex& index, std::string_view item, const EntityRecord& record,
               const VersionReader& version_of) {
  // An item whose version is gone (retention) keeps no deadline.
  std::optional<std::string> version = version_of(record.hub_seq);
  if (IsAlertItem(item)) {
    auto status = static_cast<wire::AlertStatus>(record.status);
    return index.Set(item, version ? ClockOfEvent(*version, status) : std::nullopt);
  }
  std::optional<std::string_view> hit = HitStateOfKeyName(item);
  if (!hit) return;
  std::optional<Due> due = version ? HitAnswerDue(*hit, record, *version) : std::nullopt;
  index.SetDue(*hit, due ? std::vector<Due>{*due} : std::vector<Due>());
}

StoreStatus IndexAll(StoreReader& reader, const VersionReader& version_of, DeadlineIndex& index,
                     const std::atomic<bool>& stop) {
  bool corrupt = false;
  StoreStatus status = reader.Scan(Family::kAlerts, "", [&](std::string_view key, std::string_view value) {
    if (stop.load(std::memory_order_relaxed)) return false;
    std::optional<std::string_view> item = DeadlineItemOfKey(key);
    if (!item) return true;
    std::optional<EntityRecord> record = DecodeEntity(value);
    if (!record) return !(corrupt = true);
    IndexItem(index, *item, *record, version_of);
    return true;
  });
  if (corrupt) return {StoreCode::kCorruption, "unreadable alert record"};
  return status;
}

DeadlineLoader::DeadlineLoader(std::unique_ptr<StoreView> view, const AckDeadlines& ack, std::function<void()> built)
    : view_(std::move(view)), index_(ack) {
  thread_ = std::thread([this, built = std::move(built)] {
    StoreStatus read_failure = StoreStatus::Ok();
    VersionReader from_view = [&](uint64_t hub_seq) -> std::optional<std::string> {
      Lookup event = view_->Get(Family::kLog, LogKey(hub_seq));
      if (!event.status.ok() && read_failure.ok()) read_failure = event.status;
      return event.value;
    };
    status_ = IndexAll(*view_, from_view, index_, stop_);
    // A version that could not be read is not a version that is gone: the
    // load failed, and the keeper indexes again rather than drop a deadline.
    if (status_.ok()) status_ = read_failure;
    view_.reset();  // releases the snapshot: a store reopening after a failure waits for it
    if (built) built();
    done_.store(true, std::memory_order_release);
  });
}

DeadlineLoader::~DeadlineLoader() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

}  // namespace opsroom::hub
