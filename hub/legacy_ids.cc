#include "hub/legacy_ids.h"

#include "hub/key_layout.h"
#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

std::optional<std::pair<Family, std::string>> BareKey(const wire::Envelope& envelope, std::string_view id) {
  switch (envelope.payload_type()) {
    case wire::Payload::Alert: return std::make_pair(Family::kAlerts, AlertKey(id));
    case wire::Payload::WatchlistEntry: return std::make_pair(Family::kWatchlist, std::string(id));
    case wire::Payload::JointOperation: return std::make_pair(Family::kOperations, std::string(id));
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<ClaimRefusal> LegacyItemRefusal(const wire::Envelope& envelope, StoreReader& store) {
  std::string origin = envelope.origin() == nullptr ? std::string() : envelope.origin()->str();
  std::string effective = wire::ItemIdOf(envelope);
  // "<origin>:<local>", whether the sender wrote it whole or as "<local>":
  // a bare "<local>" of the sender's, stored before, is that same item.
  if (effective.size() <= origin.size() + 1 || effective.compare(0, origin.size(), origin) != 0) return std::nullopt;
  std::string_view local = std::string_view(effective).substr(origin.size() + 1);
  if (!wire::NodePrefix(local).empty()) return std::nullopt;
  auto key = BareKey(envelope, local);
  if (!key) return std::nullopt;
  Lookup stored = store.Get(key->first, key->second);
  if (!stored.status.ok() || !stored.value) return std::nullopt;
  std::optional<EntityRecord> record = DecodeEntity(*stored.value);
  if (!record || record->owner != origin) return std::nullopt;
  return ClaimRefusal{wire::RejectReason::InvalidValue,
                      effective + " was stored before ids were namespaced (as \"" + std::string(local) +
                          "\") and is read-only: create it under a new id (docs/protocol.md section 6.1)"};
}

}  // namespace opsroom::hub
