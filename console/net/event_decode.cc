#include "console/net/event_decode.h"

#include <type_traits>
#include <utility>

namespace opsroom::console {
namespace {

// The envelope's handling code and evaluation grade: the one place the desk's
// markings are read from the wire (an absent Handling reads as Public).
Marking MarkingOf(const wire::msg::Header& header) {
  Marking m;
  static_cast<wire::msg::Handling&>(m) = header.handling;
  static constexpr char kReliability[] = {0, 'A', 'B', 'C', 'X'};
  auto reliability = static_cast<std::size_t>(header.reliability);
  m.reliability = reliability < sizeof kReliability ? kReliability[reliability] : 0;
  auto credibility = static_cast<uint8_t>(header.credibility);
  m.credibility = credibility <= 4 ? credibility : 0;
  return m;
}

// An item without a position of its own is drawn at its place, and named by it.
template <typename Value>
Value Placed(Value value, const wire::PlaceCatalog& places) {
  const wire::Place* place = value.place_code.empty() ? nullptr : places.Find(value.place_code);
  if (!place) return value;
  value.place_name = place->name_latin;
  if (!value.position) value.position = LatLon{place->lat, place->lon};
  return value;
}

}  // namespace

std::optional<ConsoleEvent> DecodeEvent(const wire::CheckedEvent& event, const wire::PlaceCatalog& places,
                                        bool from_snapshot) {
  if (!event.envelope) return std::nullopt;
  std::optional<wire::msg::Envelope> read = wire::msg::ReadEnvelope(*event.envelope);
  if (!read) return std::nullopt;
  EventMeta meta{event.hub_seq,        event.hub_time_ms, read->header.origin,
                 read->header.country, from_snapshot,     MarkingOf(read->header)};
  return std::visit(
      [&](auto& payload) -> std::optional<ConsoleEvent> {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, wire::msg::Alert>) {
          return Placed(AlertValue(std::move(payload), std::move(meta)), places);
        } else if constexpr (std::is_same_v<T, wire::msg::Hit>) {
          return Placed(HitValue(std::move(payload), std::move(meta)), places);
        } else if constexpr (std::is_same_v<T, wire::msg::Check>) {
          return std::nullopt;  // Checks are the hub's to match, not shown
        } else {
          return Stored<T>(std::move(payload), std::move(meta));
        }
      },
      read->payload);
}

HubStatusValue DecodeHubStatus(const wire::HubStatus& status) {
  auto text = [](const flatbuffers::String* s) { return s ? s->str() : std::string(); };
  HubStatusValue v;
  v.at_ms = status.at_ms();
  v.hub_id = text(status.hub_id());
  v.hub_seq = status.hub_seq();
  v.durable = status.durable();
  v.store_error = text(status.store_error());
  if (status.nodes()) {
    for (const wire::NodeStatus* n : *status.nodes()) {
      v.nodes.push_back(NodeValue{text(n->node_id()), text(n->country()), n->connected(), n->last_heartbeat_ms(),
                                  n->outbox_depth(), n->oldest_unsent_age_ms(), n->messages_last_minute(),
                                  n->last_node_seq(), text(n->software_version())});
    }
  }
  return v;
}

}  // namespace opsroom::console
