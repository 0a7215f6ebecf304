// A node's raw DEALER over CurveZMQ for tests against a hub with a key
// registry: Hello, publish one envelope and read its Ack or Nack. Every wait
// is bounded.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "integration/hub_fixture.h"
#include "integration/security_key_dir.h"
#include "wire/curve_keys.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {

inline void Curve(zmq::socket_t& socket, const wire::CurveKeyPair& mine, const std::string& hub_public) {
  socket.set(zmq::sockopt::curve_serverkey, hub_public);
  socket.set(zmq::sockopt::curve_publickey, mine.public_z85);
  socket.set(zmq::sockopt::curve_secretkey, mine.secret_z85);
  socket.set(zmq::sockopt::linger, 0);
}

inline bool Readable(zmq::socket_t& socket, int timeout_ms) {
  zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
  return zmq::poll(&item, 1, std::chrono::milliseconds(timeout_ms)) > 0;
}

// A node's DEALER over CURVE.
class SecureClient {
 public:
  SecureClient(zmq::context_t& context, const std::string& endpoint, const wire::CurveKeyPair& keys,
               const std::string& hub_public)
      : socket_(context, zmq::socket_type::dealer) {
    Curve(socket_, keys, hub_public);
    socket_.connect(endpoint);
  }
  void Send(const wire::Bytes& frame) { socket_.send(zmq::buffer(frame.data(), frame.size())); }
  std::optional<wire::Bytes> Receive(int timeout_ms = kDefaultTimeoutMs) {
    if (!Readable(socket_, timeout_ms)) return std::nullopt;
    zmq::message_t message;
    if (!socket_.recv(message)) return std::nullopt;
    auto* data = static_cast<const uint8_t*>(message.data());
    return wire::Bytes(data, data + message.size());
  }
  // The next reply that is not a query answer of another kind; its body type.
  wire::Body ReceiveType(wire::Bytes* out = nullptr, int timeout_ms = kDefaultTimeoutMs) {
    auto bytes = Receive(timeout_ms);
    if (!bytes) return wire::Body::NONE;
    const wire::Frame* frame = AsFrame(*bytes);
    if (out) *out = *bytes;
    return frame ? frame->body_type() : wire::Body::NONE;
  }
  wire::Body Hello(const Identity& as) {
    Send(wire::BuildHello(as.node_id, as.country, as.role, "security-test", wire::kProtocolVersion));
    return ReceiveType();
  }
  // The result of one Publish: the Ack's hub_seq, or the Nack's code as a
  // negative number (0: no answer); the Nack's reason text.
  struct Answer {
    int64_t result = 0;
    std::string text;
    bool operator==(const Answer&) const = default;
  };
  Answer Publish(const wire::EnvelopeT& envelope) {
    Send(wire::BuildPublish(Pack(envelope)));
    wire::Bytes bytes;
    wire::Body type = ReceiveType(&bytes);
    if (type == wire::Body::Ack) {
      return {static_cast<int64_t>(AsFrame(bytes)->body_as_Ack()->entries()->Get(0)->hub_seq()), ""};
    }
    if (type != wire::Body::Nack) return {};
    const wire::Nack* nack = AsFrame(bytes)->body_as_Nack();
    return {-static_cast<int64_t>(nack->code()), nack->reason() ? nack->reason()->str() : ""};
  }
  int64_t PublishOne(const wire::EnvelopeT& envelope) { return Publish(envelope).result; }
  zmq::socket_t& socket() { return socket_; }

 private:
  zmq::socket_t socket_;
};

inline std::string MessageIdOf(const wire::Bytes& event_frame) {
  const wire::Frame* frame = AsFrame(event_frame);
  if (frame == nullptr || frame->body_as_Event() == nullptr) return "";
  const wire::Envelope* envelope = frame->body_as_Event()->envelope_nested_root();
  return envelope == nullptr ? "" : envelope->message_id()->str();
}

inline void SetHandling(wire::EnvelopeT& envelope, wire::Distribution distribution, std::vector<std::string> recipients,
                        bool h2 = false) {
  envelope.handling = std::make_unique<wire::HandlingT>();
  envelope.handling->distribution = distribution;
  envelope.handling->recipients = std::move(recipients);
  envelope.handling->no_onward_dissemination = h2;
}

// Pages through a replay from sequence 1 to the end, calling on_page for each
// page; false when a page did not come.
inline bool ReplayPages(SecureClient& client, const std::function<void(const wire::ReplayPage&)>& on_page) {
  uint64_t from = 1;
  for (int page = 0; page < 1000; ++page) {
    client.Send(wire::BuildReplayRequest(7, from, 0));
    wire::Bytes bytes;
    if (client.ReceiveType(&bytes) != wire::Body::ReplayPage) return false;
    const wire::ReplayPage* reply = AsFrame(bytes)->body_as_ReplayPage();
    on_page(*reply);
    if (reply->next_seq() == from) return true;  // up to date
    from = reply->next_seq();
  }
  return false;
}

// Pages through a whole snapshot, calling on_page for each page.
inline bool SnapshotPages(SecureClient& client, const std::function<void(const wire::SnapshotPage&)>& on_page) {
  uint64_t token = 0;
  for (int page = 0; page < 1000; ++page) {
    client.Send(wire::BuildSnapshotRequest(9, token, 0));
    wire::Bytes bytes;
    if (client.ReceiveType(&bytes) != wire::Body::SnapshotPage) return false;
    const wire::SnapshotPage* reply = AsFrame(bytes)->body_as_SnapshotPage();
    on_page(*reply);
    if (reply->done()) return true;
    token = reply->token();
  }
  return false;
}

// Every event `client` may replay from hub_seq 1 to the end, as Frame{Event}
// bytes in hub order.
inline std::vector<wire::Bytes> ReplayEvents(SecureClient& client) {
  std::vector<wire::Bytes> events;
  ReplayPages(client, [&](const wire::ReplayPage& page) {
    if (!page.events()) return;
    for (const wire::Blob* blob : *page.events()) events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
  });
  return events;
}

// Every event of a snapshot `client` may see, as Frame{Event} bytes, in the
// snapshot's order.
inline std::vector<wire::Bytes> SnapshotEvents(SecureClient& client) {
  std::vector<wire::Bytes> events;
  SnapshotPages(client, [&](const wire::SnapshotPage& page) {
    if (!page.events()) return;
    for (const wire::Blob* blob : *page.events()) events.emplace_back(blob->bytes()->begin(), blob->bytes()->end());
  });
  return events;
}

}  // namespace opsroom::testing
