// The simulated network: per client one connection to the hub's ROUTER and
// one to its fan-out, rebuilt after each cut (a new peer identity). Each
// stream keeps its order, as one ZeroMQ connection over TCP does (a node's
// node_seq order and the Welcome-before-acks order rest on it); frames are
// delayed (so the two streams, and old and new connections, interleave in
// any order), doubled, and on the way back dropped (a ROUTER or PUB at its
// high-water mark drops). A cut loses everything in flight.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "tests/sim/sim_rng.h"
#include "wire/frame_builder.h"

namespace opsroom::sim {

// The delay of one frame on the wire, in ms: a few, sometimes seconds (a
// congested link), so that retries and late answers cross.
inline int64_t WireDelay(Rng& rng) {
  return static_cast<int64_t>(rng.Chance(0.05) ? 50 + rng.Below(2000) : 1 + rng.Below(20));
}

struct Packet {
  int64_t deliver_at = 0;
  std::string topic;  // fan-out only
  wire::Bytes bytes;
};

// One FIFO stream of one connection: a frame is never overtaken by a later one.
struct Stream {
  std::deque<Packet> packets;
  void Push(int64_t at, std::string topic, wire::Bytes bytes) {
    at = std::max(at, packets.empty() ? at : packets.back().deliver_at);
    packets.push_back({at, std::move(topic), std::move(bytes)});
  }
  bool Due(int64_t now) const { return !packets.empty() && packets.front().deliver_at <= now; }
  Packet Pop() {
    Packet packet = std::move(packets.front());
    packets.pop_front();
    return packet;
  }
};

struct Link {
  uint32_t generation = 0;  // the hub sees each connection as a new peer
  bool up = false;
  int64_t reconnect_at = 0;
  Stream to_hub;
  Stream replies;  // the ROUTER connection back to the client
  Stream events;   // the fan-out (PUB) connection: ordered in itself, not with the replies

  void Cut(int64_t now, int64_t down_for_ms) {
    up = false;
    reconnect_at = now + down_for_ms;
    to_hub.packets.clear();
    replies.packets.clear();
    events.packets.clear();
  }
  void Connect() {
    ++generation;
    up = true;
  }
  void SendToHub(int64_t now, int64_t delay, wire::Bytes bytes) {
    if (up) to_hub.Push(now + delay, {}, std::move(bytes));
  }
};

}  // namespace opsroom::sim
