// Fan-out on the hub's XPUB socket (clients use SUB): every committed event as
// [topic "ev.<family>.<origin>"][Frame{Event}], and ["st"][Frame{HubStatus}]
// every heartbeat interval. A subscriber at its HWM loses events (libzmq drops
// them); it sees the gap in hub_seq and repairs it with Replay. The socket is
// owned by the hub's loop thread, which alone calls these.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "hub/batch.h"
#include "hub/key_registry.h"
#include "hub/node_table.h"
#include "hub/sessions.h"
#include "hub/stats.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

class Fanout {
 public:
  Fanout(zmq::socket_t& pub, Stats& stats) : pub_(pub), stats_(stats) {}

  void PublishBatch(const Batch& batch);
  // Insecure mode: the whole status to everyone under "st".
  void PublishStatus(const wire::HubStatusFields& status);
  // Secure mode: each identity's part under its own topic (status_audience.h).
  void PublishStatus(const wire::HubStatusFields& status, const KeyTable& keys);
  // ["audit"][Frame{SignedAuditHead}] (docs/protocol.md 7.1), for every identity.
  void PublishAuditHead(const wire::Bytes& frame);
  // Reads subscribe/unsubscribe notifications (XPUB_VERBOSER) to keep the
  // "subscriptions" gauge; call when the socket is readable.
  void DrainSubscriptions();

  // Secure mode (the socket has ZMQ_XPUB_MANUAL): each subscription request
  // is granted only the topic prefixes its authenticated identity may hold
  // (audience.h); `on_grant` records each decision for the audit.
  using GrantRecorder = std::function<void(const std::string& node, const std::string& requested,
                                           const std::vector<std::string>& granted, bool subscribe)>;
  void SetRegistry(const KeyRegistry* registry, GrantRecorder on_grant) {
    registry_ = registry;
    on_grant_ = std::move(on_grant);
  }

 private:
  void Send(std::string_view topic, std::string_view bytes);

  void Grant(const zmq::message_t& request, bool subscribe, std::string_view topic);

  zmq::socket_t& pub_;
  Stats& stats_;
  const KeyRegistry* registry_ = nullptr;
  GrantRecorder on_grant_;
  int64_t subscriptions_ = 0;
};

// HubStatus from the node table and the sessions: one NodeStatus per node ever seen.
wire::HubStatusFields BuildStatusFields(const NodeTable& nodes, const SessionTable& sessions, uint64_t hub_seq,
                                        const std::string& store_error, const std::string& hub_id, bool durable,
                                        int64_t now_ms);

}  // namespace opsroom::hub
