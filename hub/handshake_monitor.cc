#include "hub/handshake_monitor.h"

#include <cstring>
#include <sstream>

namespace opsroom::hub {

namespace {

// Events queued for the loop thread between two ticks: libzmq's monitor
// blocks its I/O thread on a full queue, so the queue is deep.
constexpr int kMonitorQueue = 100'000;

constexpr int kEvents = ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;

HandshakeFailure Describe(uint16_t event, uint32_t value) {
  HandshakeFailure failure;
  failure.mechanism = "unknown";
  if (event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
    failure.reason = std::string("handshake broken off (") + std::strerror(static_cast<int>(value)) +
                     "): a client without CURVE, one with a wrong hub key, or a dropped connection";
  } else if (value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) {
    failure.mechanism = "not CURVE";
    failure.reason = "not CURVE (plain text or PLAIN)";
  } else {
    std::ostringstream text;
    text << "ZMTP protocol error 0x" << std::hex << value;
    failure.reason = text.str();
  }
  return failure;
}

}  // namespace

void HandshakeMonitor::Watch(zmq::socket_t& socket, const std::string& name) {
  std::erase_if(watched_, [&](const Watched& w) { return w.name == name; });
  std::string endpoint = "inproc://opsroom-hub-monitor-" + name + "-" + std::to_string(next_id_++);
  if (zmq_socket_monitor(socket.handle(), endpoint.c_str(), kEvents) != 0) {
    throw zmq::error_t();
  }
  zmq::socket_t pair(context_, zmq::socket_type::pair);
  pair.set(zmq::sockopt::linger, 0);
  pair.set(zmq::sockopt::rcvhwm, kMonitorQueue);
  pair.connect(endpoint);
  watched_.push_back({name, std::move(pair)});
}

std::vector<HandshakeFailure> HandshakeMonitor::Take() {
  std::vector<HandshakeFailure> failures;
  for (Watched& w : watched_) {
    while (failures.size() < kMaxPerTake) {
      zmq::message_t event;
      if (!w.pair.recv(event, zmq::recv_flags::dontwait)) break;
      zmq::message_t endpoint;
      if (event.more()) static_cast<void>(w.pair.recv(endpoint, zmq::recv_flags::dontwait));
      if (event.size() < 6) continue;
      uint16_t id = 0;
      uint32_t value = 0;
      std::memcpy(&id, event.data(), sizeof id);
      std::memcpy(&value, static_cast<const char*>(event.data()) + 2, sizeof value);
      if ((id & kEvents) == 0) continue;
      HandshakeFailure failure = Describe(id, value);
      failure.socket = w.name;
      failure.endpoint = endpoint.to_string();
      failures.push_back(std::move(failure));
    }
  }
  return failures;
}

}  // namespace opsroom::hub
