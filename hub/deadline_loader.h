// Indexing the room's deadlines (hub/deadline_keeper.h) from the store. At a
// start the keeper reads every alert's current version from the log: a store
// with millions of open alerts took tens of seconds to index, and the hub
// served nothing meanwhile. A DeadlineLoader does it on a thread of its own,
// from a view of the store (a RocksDB snapshot), while the hub serves; the
// keeper raises no deadline until the index is complete and then brings in
// what was committed after the view was taken. Nothing is lost or raised
// twice: a deadline that fell due during the load is raised when it ends.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "hub/deadlines.h"
#include "hub/key_layout.h"
#include "hub/store.h"

namespace opsroom::hub {

// The Frame{Event} bytes of a hub_seq; nullopt when the log no longer holds it.
using VersionReader = std::function<std::optional<std::string>(uint64_t hub_seq)>;

// The name of an item's own record (sequence 0) in the alerts family: an
// alert_id, or a hit's HitStateId (hits share the family under a
// control-character id); nullopt for an action's index key.
std::optional<std::string_view> DeadlineItemOfKey(std::string_view key);
inline bool IsAlertItem(std::string_view item) { return !item.empty() && item.front() != '\x01'; }

// Sets the pending deadlines of one alert or hit from its record and current version.
void IndexItem(DeadlineIndex& index, std::string_view item, const EntityRecord& record,
               const VersionReader& version_of);

// Indexes every alert and hit `reader` holds; stops early (Ok, index partial)
// when `stop` becomes true.
StoreStatus IndexAll(StoreReader& reader, const VersionReader& version_of, DeadlineIndex& index,
                     const std::atomic<bool>& stop);

class DeadlineLoader {
 public:
  // Starts indexing `view` at once, on its own thread.
  // `built` (tests): called on that thread when the index is built.
  DeadlineLoader(std::unique_ptr<StoreView> view, const AckDeadlines& ack, std::function<void()> built = nullptr);
  ~DeadlineLoader();  // stops the thread and waits for it
  DeadlineLoader(const DeadlineLoader&) = delete;
  DeadlineLoader& operator=(const DeadlineLoader&) = delete;

  bool done() const { return done_.load(std::memory_order_acquire); }
  // After done(): the load's outcome and its index (moved out).
  const StoreStatus& status() const { return status_; }
  DeadlineIndex TakeIndex() { return std::move(index_); }

 private:
  std::unique_ptr<StoreView> view_;
  DeadlineIndex index_;
  StoreStatus status_ = StoreStatus::Ok();
  std::atomic<bool> stop_{false};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace opsroom::hub
