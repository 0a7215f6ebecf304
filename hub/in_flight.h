// Reading the hub's state as the next message is judged: the batch being
// built, then the one in commit, then the store. The publish check judges a
// sender's message this way and the deadline keeper (hub/deadline_keeper.h)
// judges the hub's own actions this way, so both see the same state.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "hub/batch_in_hand.h"
#include "hub/state_merge.h"
#include "hub/store.h"

namespace opsroom::hub {

struct EntityLookup {
  StoreStatus status = StoreStatus::Ok();
  std::optional<EntityRecord> record;  // nullopt: no such entity yet
};

// The entity's record including every accepted, not yet committed message.
EntityLookup FindEntityInFlight(const BatchInHand& batches, StoreReader& store, const StateRef& ref,
                                const std::string& overlay_key);

// The Frame{Event} bytes of hub_seq, from a batch in flight or the store;
// nullopt when the event is gone (retention) or the store cannot read it.
std::optional<std::string> EventBytesInFlight(const BatchInHand& batches, StoreReader& store, uint64_t hub_seq);

}  // namespace opsroom::hub
