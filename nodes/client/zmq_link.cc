#include "nodes/client/zmq_link.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>
#include <vector>

#include "wire/aligned_bytes.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {

namespace {

void CommonOptions(zmq::socket_t& socket) {
  socket.set(zmq::sockopt::linger, kLingerMs);
  socket.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(wire::kHardMaxMessageBytes));
  socket.set(zmq::sockopt::heartbeat_ivl, static_cast<int>(wire::kHeartbeatIntervalMs));
  socket.set(zmq::sockopt::heartbeat_ttl, static_cast<int>(wire::kPeerExpiryMs));
  socket.set(zmq::sockopt::heartbeat_timeout, static_cast<int>(wire::kPeerExpiryMs));
  socket.set(zmq::sockopt::reconnect_ivl, 100);
  socket.set(zmq::sockopt::reconnect_ivl_max, 1000);
}

}  // namespace

LinkWatch::LinkWatch(zmq::context_t& context, zmq::socket_t& socket, bool disconnections)
    : pair_(context, zmq::socket_type::pair) {
  static std::atomic<uint64_t> counter{0};
  std::string endpoint = "inproc://opsroom-link-" + std::to_string(counter++);
  int events =
      ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
  if (disconnections) events |= ZMQ_EVENT_DISCONNECTED;
  if (zmq_socket_monitor(socket.handle(), endpoint.c_str(), events) != 0) throw zmq::error_t();
  pair_.set(zmq::sockopt::linger, 0);
  pair_.connect(endpoint);
}

void LinkWatch::Drain() {
  for (int i = 0; i < 64; ++i) {  // bounded: a few events per second at most
    zmq::message_t event;
    if (!pair_.recv(event, zmq::recv_flags::dontwait)) break;
    zmq::message_t address;
    if (event.more()) static_cast<void>(pair_.recv(address, zmq::recv_flags::dontwait));
    if (event.size() < 6) continue;
    uint16_t id = 0;
    uint32_t value = 0;
    std::memcpy(&id, event.data(), sizeof id);
    std::memcpy(&value, static_cast<const char*>(event.data()) + 2, sizeof value);
    if (id == ZMQ_EVENT_DISCONNECTED) {
      disconnected_ = true;
    } else if (id == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
      failure_ = Failure::kKeyRefused;
      why_ = "the hub refused this key (ZAP status " + std::to_string(value) +
             "): it is not in the hub's key registry, or was revoked";
    } else {
      failure_ = Failure::kHandshakeFailed;
      why_ = "the CurveZMQ handshake with the hub failed: is the hub key (--hub-key) the hub's public key?";
    }
  }
}

LinkWatch::Failure LinkWatch::Take(std::string* why) {
  Drain();
  Failure latest = std::exchange(failure_, Failure::kNone);
  if (latest != Failure::kNone) *why = std::move(why_);
  return latest;
}

bool LinkWatch::TakeDisconnected() {
  Drain();
  return std::exchange(disconnected_, false);
}

zmq::socket_t OpenDealer(zmq::context_t& context, const std::string& endpoint, int send_hwm,
                         const wire::CurveClientKeys& keys, std::optional<LinkWatch>* watch, bool watch_disconnections) {
  zmq::socket_t socket(context, zmq::socket_type::dealer);
  CommonOptions(socket);
  wire::ApplyCurveClient(socket, keys);
  socket.set(zmq::sockopt::sndhwm, send_hwm);
  socket.set(zmq::sockopt::rcvhwm, 0);  // replies are bounded by what we asked for
  if (watch != nullptr) {
    watch->reset();
    if (keys.enabled() || watch_disconnections) watch->emplace(context, socket, watch_disconnections);
  }
  socket.connect(endpoint);
  return socket;
}

zmq::socket_t OpenSub(zmq::context_t& context, const std::string& endpoint, const wire::CurveClientKeys& keys) {
  zmq::socket_t socket(context, zmq::socket_type::sub);
  CommonOptions(socket);
  wire::ApplyCurveClient(socket, keys);
  socket.set(zmq::sockopt::rcvhwm, 100'000);  // drops beyond this are gaps, repaired by replay
  socket.set(zmq::sockopt::subscribe, wire::kTopicEventPrefix);
  socket.set(zmq::sockopt::subscribe, wire::kTopicHubStatus);
  socket.set(zmq::sockopt::subscribe, wire::kTopicAuditHead);
  socket.connect(endpoint);
  return socket;
}

bool SendFrame(zmq::socket_t& socket, wire::ByteView bytes) {
  auto sent = socket.send(zmq::const_buffer(bytes.data(), bytes.size()), zmq::send_flags::dontwait);
  return sent.has_value();
}

std::optional<zmq::message_t> RecvNow(zmq::socket_t& socket) {
  zmq::message_t message;
  if (!socket.recv(message, zmq::recv_flags::dontwait)) return std::nullopt;
  return message;
}

void WaitReadable(zmq::socket_t& dealer, zmq::socket_t* sub, int timeout_ms) {
  std::vector<zmq::pollitem_t> items = {{dealer.handle(), 0, ZMQ_POLLIN, 0}};
  if (sub != nullptr) items.push_back({sub->handle(), 0, ZMQ_POLLIN, 0});
  try {
    zmq::poll(items, std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms));
  } catch (const zmq::error_t& e) {
    if (e.num() != EINTR) throw;  // a signal (Ctrl-C): the caller's loop checks its stop flag
  }
}

wire::ByteView AlignedView(const zmq::message_t& message, std::vector<uint64_t>& scratch) {
  return wire::AlignedBytes({static_cast<const uint8_t*>(message.data()), message.size()}, scratch);
}

std::string FanoutEndpointFor(const std::string& hub_endpoint) {
  auto colon = hub_endpoint.rfind(':');
  if (colon == std::string::npos || colon + 1 >= hub_endpoint.size()) return "";
  std::string port_text = hub_endpoint.substr(colon + 1);
  for (char c : port_text) {
    if (c < '0' || c > '9') return "";
  }
  if (port_text.size() > 5) return "";
  int port = std::stoi(port_text);
  if (port <= 0 || port >= 65535) return "";
  return hub_endpoint.substr(0, colon + 1) + std::to_string(port + 1);
}

int64_t SteadyNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t WallNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace opsroom::nodes
