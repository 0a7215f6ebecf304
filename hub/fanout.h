// Fan-out on the hub's XPUB socket (clients use SUB): every committed event as
// [topic "ev.<family>.<origin>"][Frame{Event}], and ["st"][Frame{HubStatus}]
// every heartbeat interval. A subscriber at its HWM loses events (libzmq drops
// them); it sees the gap in hub_seq and repairs it with Replay. The socket is
// owned by the hub's loop thread, which alone calls these.
#pragma once
#include <cstdint>

#include <zmq.hpp>

#include "hub/batch.h"
#include "hub/ingest.h"
#include "hub/stats.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

class Fanout {
 public:
  Fanout(zmq::socket_t& pub, Stats& stats) : pub_(pub), stats_(stats) {}

  void PublishBatch(const Batch& batch);
  void PublishStatus(const wire::HubStatusFields& status);
  // Reads subscribe/unsubscribe notifications (XPUB_VERBOSER) to keep the
  // "subscriptions" gauge; call when the socket is readable.
  void DrainSubscriptions();

 private:
  void Send(std::string_view topic, std::string_view bytes);

  zmq::socket_t& pub_;
  Stats& stats_;
  int64_t subscriptions_ = 0;
};

// HubStatus from what ingest knows: one NodeStatus per node ever seen.
wire::HubStatusFields BuildStatusFields(const Ingest& ingest, const std::string& hub_id, bool durable,
                                        int64_t now_ms);

}  // namespace opsroom::hub
