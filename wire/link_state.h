// The state of a subscriber's link to the hub: the node library's Subscriber
// drives it (nodes/client/subscriber_link.h), the console shows it. Here so the
// console model names it without linking the node library.
#pragma once
#include <cstdint>

namespace opsroom::wire {

enum class LinkState : uint8_t { kConnecting, kSnapshot, kCatchingUp, kLive, kLost };

}  // namespace opsroom::wire
