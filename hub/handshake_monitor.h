// Handshakes the ZAP handler never sees. A client that does not speak CURVE
// (plain text, or PLAIN) fails at the ZMTP greeting, before ZAP is asked, so
// libzmq reports it only to a socket monitor: this watches the hub's ROUTER
// and fan-out sockets for failed handshakes so that the audit trail records
// plain-text attempts like refused keys. libzmq reports one either as a
// mechanism mismatch or, when the client hung up first (it notices the
// mismatch too), as a handshake broken off: both are recorded. Owned by the hub's loop thread, which
// drains it every tick (libzmq does not say which peer address failed).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <zmq.hpp>

namespace opsroom::hub {

struct HandshakeFailure {
  std::string socket;     // "router" or "fanout"
  std::string endpoint;   // the hub's endpoint the peer connected to
  std::string mechanism;  // "not CURVE" when the greeting said so, else "unknown"
  std::string reason;     // why, in words
};

class HandshakeMonitor {
 public:
  explicit HandshakeMonitor(zmq::context_t& context) : context_(context) {}
  HandshakeMonitor(const HandshakeMonitor&) = delete;
  HandshakeMonitor& operator=(const HandshakeMonitor&) = delete;

  // Starts watching `socket` under `name` (before it binds); a socket of the
  // same name watched before (the fan-out socket is re-opened) is replaced.
  void Watch(zmq::socket_t& socket, const std::string& name);
  // The failures since the last call, at most kMaxPerTake (the rest stay queued).
  std::vector<HandshakeFailure> Take();

  static constexpr std::size_t kMaxPerTake = 10'000;

 private:
  struct Watched {
    std::string name;
    zmq::socket_t pair;
  };
  zmq::context_t& context_;
  std::vector<Watched> watched_;
  uint64_t next_id_ = 0;
};

}  // namespace opsroom::hub
