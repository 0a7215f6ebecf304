// Socket set-up, framing and clocks shared by Publisher and Subscriber: one
// place for the ZeroMQ options every opsroom client link uses.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "wire/curve_keys.h"
#include "wire/frame_builder.h"

namespace opsroom::nodes {

// The socket options of docs/protocol.md section 2: small linger, ZMTP
// heartbeats (interval kHeartbeatIntervalMs, timeout kPeerExpiryMs), inbound
// messages bounded by kHardMaxMessageBytes.
inline constexpr int kLingerMs = 200;

// What libzmq tells only a socket monitor about a link. A refused CURVE key
// is not silence: after a ZAP refusal libzmq never reconnects, the socket
// stays silent for good, so its owner must open a new one to retry. And a
// connection the other end closed (a cluster member's process died) is not a
// slow hub: its client can move to the next member at once instead of after
// kPeerExpiryMs of silence.
class LinkWatch {
 public:
  // Monitors `socket`'s handshakes, and its disconnections when asked (attach before connect).
  LinkWatch(zmq::context_t& context, zmq::socket_t& socket, bool disconnections);
  LinkWatch(const LinkWatch&) = delete;
  LinkWatch& operator=(const LinkWatch&) = delete;

  enum class Failure { kNone, kKeyRefused, kHandshakeFailed };
  // The latest failure since the last call (kNone: none), and why in words.
  Failure Take(std::string* why);
  // True when the connection was closed since the last call.
  bool TakeDisconnected();

 private:
  void Drain();
  zmq::socket_t pair_;
  Failure failure_ = Failure::kNone;
  std::string why_;
  bool disconnected_ = false;
};

// With keys enabled, both sockets are CURVE clients of the hub (docs/protocol.md
// section 2.1); the options are set before connect, as libzmq requires, and
// `watch` (if given) is attached before connect too: with keys, or when
// `watch_disconnections` (a client of a cluster's members).
zmq::socket_t OpenDealer(zmq::context_t& context, const std::string& endpoint, int send_hwm,
                         const wire::CurveClientKeys& keys = {}, std::optional<LinkWatch>* watch = nullptr,
                         bool watch_disconnections = false);
// SUB to the fan-out, subscribed to "ev." and "st".
zmq::socket_t OpenSub(zmq::context_t& context, const std::string& endpoint, const wire::CurveClientKeys& keys = {});

// Non-blocking send of one single-frame message; false when the queue is full.
bool SendFrame(zmq::socket_t& socket, wire::ByteView bytes);
// The next message part if one is waiting.
std::optional<zmq::message_t> RecvNow(zmq::socket_t& socket);
// Waits up to timeout_ms for either socket (sub may be null) to be readable.
void WaitReadable(zmq::socket_t& dealer, zmq::socket_t* sub, int timeout_ms);

// "tcp://host:7700" -> "tcp://host:7701"; empty when there is no numeric port.
std::string FanoutEndpointFor(const std::string& hub_endpoint);

int64_t SteadyNowMs();  // for timeouts
int64_t WallNowMs();    // ms since 1970 UTC, for message times

// The message's bytes at an 8-byte aligned address, as FlatBuffers accessors
// require: libzmq hands out message data at any offset of its receive buffer,
// so a misaligned message is copied into `scratch`.
wire::ByteView AlignedView(const zmq::message_t& message, std::vector<uint64_t>& scratch);

}  // namespace opsroom::nodes
