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
  wire::msg::Handover handover{request.handover_id, officer, request.note, now_ms, {}, request.items_left_out};
  for (const HandoverItemValue& item : request.items) {
    handover.items.push_back({static_cast<wire::HandoverItemKind>(item.kind), item.item_id, item.title, item.assignee,
                              item.since_ms});
  }
  return wire::msg::BuildEnvelope(header, handover);
}

}  // namespace opsroom::console
