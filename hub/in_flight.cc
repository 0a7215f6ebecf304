#include "hub/in_flight.h"

namespace opsroom::hub {

EntityLookup FindEntityInFlight(const BatchInHand& batches, StoreReader& store, const StateRef& ref,
                                const std::string& overlay_key) {
  for (const Batch* batch : batches.InFlight()) {
    if (batch == nullptr) continue;
    if (auto it = batch->entities.find(overlay_key); it != batch->entities.end())
      return {StoreStatus::Ok(), it->second};
  }
  Lookup stored = store.Get(ref.family, ref.key);
  if (!stored.status.ok() || !stored.value) return {std::move(stored.status), std::nullopt};
  std::optional<EntityRecord> record = DecodeEntity(*stored.value);
  if (!record) return {StoreStatus(StoreCode::kCorruption, "unreadable state record"), std::nullopt};
  return {StoreStatus::Ok(), std::move(record)};
}

std::optional<std::string> EventBytesInFlight(const BatchInHand& batches, StoreReader& store, uint64_t hub_seq) {
  for (const Batch* batch : batches.InFlight()) {
    if (batch == nullptr || batch->first_seq == 0 || hub_seq < batch->first_seq || hub_seq > batch->last_seq) continue;
    return std::string(batch->writes.at(batch->log_writes[hub_seq - batch->first_seq]).value);
  }
  Lookup lookup = store.Get(Family::kLog, LogKey(hub_seq));
  if (!lookup.status.ok() || !lookup.value) return std::nullopt;
  return std::move(*lookup.value);
}

}  // namespace opsroom::hub
