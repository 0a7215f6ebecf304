// Turns checked wire values (FlatBuffers, valid only during the subscriber's
// callback) into the console's plain events: a stored message through wire's
// one reader (wire::msg::ReadEnvelope), plus the hub's stamp and the place it
// names; the hub's status. Pure; called on the network thread.
#pragma once
#include <optional>

#include "console/model/events.h"
#include "nodes/client/subscriber.h"
#include "wire/frame_check.h"
#include "wire/places.h"

namespace opsroom::console {

std::optional<ConsoleEvent> DecodeEvent(const wire::CheckedEvent& event, const wire::PlaceCatalog& places,
                                        bool from_snapshot);
HubStatusValue DecodeHubStatus(const wire::HubStatus& status);

}  // namespace opsroom::console
