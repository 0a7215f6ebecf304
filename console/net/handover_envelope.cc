#include "console/net/handover_envelope.h"

namespace opsroom::console {

wire::Bytes BuildHandoverEnvelope(wire::msg::Header header, const HandoverRequest& request, const std::string& officer,
                                  int64_t now_ms) {
  header.handling = {};
  header.handling.distribution = wire::Distribution::Restricted;
  header.handling.recipients = {"OPSROOM"};
  if (request.ack) {
    return wire::msg::BuildEnvelope(header, wire::msg::HandoverAck{request.handover_id, officer, now_ms, request.note});
  }
  return wire::msg::BuildEnvelope(header, wire::msg::Handover{request.handover_id, officer, request.note, now_ms,
                                                              request.items, request.items_left_out});
}

}  // namespace opsroom::console
