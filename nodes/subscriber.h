// Follows the hub the Clone way (ZeroMQ guide, 12/CHP): a consistent snapshot
// "at hub sequence N", then replay from N+1, then live events from the PUB
// socket, repairing any gap by replay. Delivers every event exactly once and
// in hub order. Not thread-safe: one owner thread (e.g. the console's network
// thread) calls Poll in a loop.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <zmq.hpp>

#include "wire/frame_check.h"

namespace opsroom::nodes {

struct SubscriberConfig {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";  // the hub's ROUTER
  std::string fanout_endpoint;                        // empty: same host, port + 1
  std::string node_id;                                // who asks (Hello)
  std::string country;
  wire::ClientRole role = wire::ClientRole::Console;
  uint64_t start_after_seq = 0;  // >0: skip the snapshot, replay from this + 1
  bool want_snapshot = true;     // false with start_after_seq == 0: live only
};

enum class LinkState { kConnecting, kSnapshot, kCatchingUp, kLive, kLost };
const char* LinkStateName(LinkState state);

struct SubscriberSink {
  // Bytes behind CheckedEvent are valid only during the call: copy what you keep.
  std::function<void(const wire::CheckedEvent&)> on_event;
  std::function<void(uint64_t snapshot_seq)> on_snapshot_done;
  std::function<void(const wire::HubStatus&)> on_hub_status;
  std::function<void(LinkState)> on_link_state;
};

class Subscriber {
 public:
  Subscriber(zmq::context_t& context, SubscriberConfig config);
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Pumps the sockets for at most timeout_ms and calls the sink.
  void Poll(int timeout_ms, const SubscriberSink& sink);

  uint64_t last_seq() const;       // last hub sequence delivered
  LinkState link_state() const;
  uint64_t gaps_repaired() const;  // gaps detected on the live feed and filled by replay

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::nodes
