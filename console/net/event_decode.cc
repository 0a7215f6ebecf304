#include "console/net/event_decode.h"

#include <type_traits>

#include "wire/messages.h"

namespace opsroom::console {
namespace {

// The console's enums mirror the schema's value for value.
static_assert(static_cast<int>(wire::Severity::MAX) + 1 == kSeverityCount);
static_assert(static_cast<int>(wire::CrimeArea::MAX) + 1 == kCrimeAreaCount);
static_assert(static_cast<int>(wire::AlertStatus::MAX) + 1 == kAlertStatusCount);
static_assert(static_cast<int>(wire::ActionKind::MAX) + 1 == kActionKindCount);
static_assert(static_cast<int>(wire::OperationPhase::MAX) + 1 == kOperationPhaseCount);
static_assert(static_cast<int>(wire::WatchKind::MAX) + 1 == kWatchKindCount);
static_assert(static_cast<int>(wire::ActionRequested::MAX) + 1 == kActionRequestedCount);
static_assert(static_cast<int>(wire::Commodity::MAX) + 1 == kCommodityCount);
static_assert(static_cast<int>(wire::Unit::MAX) + 1 == kUnitCount);
static_assert(static_cast<int>(wire::HitCopy::MAX) == static_cast<int>(HitCopy::kRedacted));
static_assert(static_cast<int>(wire::HitSource::MAX) == static_cast<int>(HitSource::kEntry));
static_assert(static_cast<int>(wire::ReasonOutcome::MAX) == static_cast<int>(ReasonOutcome::kMissing));
static_assert(static_cast<int>(wire::HitVerdict::MAX) == static_cast<int>(HitVerdict::kReject));

template <typename To, typename From>
To As(From value) {
  return static_cast<To>(static_cast<std::underlying_type_t<From>>(value));
}

std::string RefSystemName(wire::RefSystem system) {
  const char* name = wire::EnumNameRefSystem(system);
  return name && *name ? name : "Other";
}

AlertValue Alert(const wire::msg::Alert& a, EventMeta meta, const wire::PlaceCatalog& places) {
  AlertValue v;
  v.meta = std::move(meta);
  v.alert_id = a.alert_id;
  v.severity = As<Severity>(a.severity);
  v.crime_area = As<CrimeArea>(a.crime_area);
  v.title = a.title;
  v.body = a.body;
  v.place_code = a.place_code;
  const wire::Place* place = a.place_code.empty() ? nullptr : places.Find(a.place_code);
  if (place) v.place_name = place->name_latin;
  if (a.position) {
    v.has_position = true;
    v.position = {a.position->lat, a.position->lon};
  } else if (place) {
    v.has_position = true;
    v.position = {place->lat, place->lon};
  }
  v.observed_at_ms = a.observed_at_ms;
  v.expires_at_ms = a.expires_at_ms;
  v.operation_code = a.operation_code;
  for (const auto& ref : a.references) v.references.push_back(RefSystemName(ref.system) + ": " + ref.reference);
  v.status = As<AlertStatus>(a.status);
  return v;
}

ActionValue Action(const wire::msg::AlertAction& a, EventMeta meta) {
  return ActionValue{std::move(meta), a.alert_id, As<ActionKind>(a.kind), a.actor, a.at_ms, a.assignee, a.text};
}

WatchValue Watch(const wire::msg::WatchlistEntry& w, EventMeta meta) {
  WatchValue v;
  v.meta = std::move(meta);
  v.entry_id = w.entry_id;
  v.revision = w.revision;
  v.kind = As<WatchKind>(w.kind);
  v.name_original = w.name_original;
  v.name_latin = w.name_latin;
  v.aliases = w.aliases;
  v.date_of_birth = w.date_of_birth;
  v.nationality = w.nationality;
  v.document_numbers = w.document_numbers;
  v.plate = w.plate;
  v.vin = w.vin;
  v.imo = w.imo;
  v.container_number = w.container_number;
  v.phone = w.phone;
  v.reason = w.reason;
  v.crime_area = As<CrimeArea>(w.crime_area);
  v.action = As<ActionRequested>(w.action);
  v.valid_from_ms = w.valid_from_ms;
  v.valid_until_ms = w.valid_until_ms;
  v.removed = w.removed;
  return v;
}

OperationValue Operation(const wire::msg::JointOperation& o, EventMeta meta) {
  OperationValue v;
  v.meta = std::move(meta);
  v.code = o.code;
  v.name = o.name;
  v.lead = o.lead;
  v.participants = o.participants;
  for (auto area : o.crime_areas) v.crime_areas.push_back(As<CrimeArea>(area));
  for (const auto& p : o.area) v.area.push_back({p.lat, p.lon});
  v.place_codes = o.place_codes;
  v.starts_at_ms = o.starts_at_ms;
  v.ends_at_ms = o.ends_at_ms;
  v.phase = As<OperationPhase>(o.phase);
  v.report_every_minutes = o.report_every_minutes;
  return v;
}

SitRepValue SitRep(const wire::msg::SitRep& s, EventMeta meta) {
  SitRepValue v;
  v.meta = std::move(meta);
  v.operation_code = s.operation_code;
  v.reporting_country = s.reporting_country;
  v.period_start_ms = s.period_start_ms;
  v.period_end_ms = s.period_end_ms;
  v.persons_checked = s.persons_checked;
  v.vehicles_checked = s.vehicles_checked;
  v.migrants_detected = s.migrants_detected;
  v.facilitators_arrested = s.facilitators_arrested;
  v.victims_identified = s.victims_identified;
  v.other_arrests = s.other_arrests;
  v.refusals_of_entry = s.refusals_of_entry;
  for (const auto& z : s.seizures) v.seizures.push_back({As<Commodity>(z.commodity), z.quantity, As<Unit>(z.unit)});
  v.remarks = s.remarks;
  return v;
}

static_assert(static_cast<int>(wire::Distribution::MAX) == static_cast<int>(Distribution::kOperation));

// The envelope's handling code and evaluation grade: the one place the desk's
// markings are read from the wire (an absent Handling reads as Public).
Marking MarkingOf(const wire::msg::Header& header) {
  Marking m;
  static constexpr char kReliability[] = {0, 'A', 'B', 'C', 'X'};
  auto reliability = static_cast<std::size_t>(header.reliability);
  m.reliability = reliability < sizeof kReliability ? kReliability[reliability] : 0;
  auto credibility = static_cast<uint8_t>(header.credibility);
  m.credibility = credibility <= 4 ? credibility : 0;
  m.distribution = As<Distribution>(header.handling.distribution);
  m.recipients = header.handling.recipients;
  m.operation_code = header.handling.operation_code;
  m.no_evidence_use = header.handling.no_evidence_use;
  m.no_onward_dissemination = header.handling.no_onward_dissemination;
  m.other_restrictions = header.handling.other_restrictions;
  return m;
}

// What was seen besides the name: "1984-03-02 RS P1234567 PG123AB".
std::string SubjectDetail(const wire::msg::Subject& s) {
  std::string detail;
  for (const std::string* part : {&s.date_of_birth, &s.nationality, &s.document_number, &s.plate, &s.vin, &s.imo,
                                  &s.container_number, &s.phone}) {
    if (part->empty()) continue;
    if (!detail.empty()) detail += ' ';
    detail += *part;
  }
  return detail;
}

HitValue Hit(const wire::msg::Hit& h, EventMeta meta, const wire::PlaceCatalog& places) {
  HitValue v;
  v.meta = std::move(meta);
  v.hit_id = h.hit_id;
  v.copy = As<HitCopy>(h.copy);
  v.entry_id = h.entry_id;
  v.entry_revision = h.entry_revision;
  v.entry_owner = h.entry_owner;
  v.entry_kind = As<WatchKind>(h.entry_kind);
  v.source = As<HitSource>(h.source);
  v.source_id = h.source_id;
  v.checking_node = h.checking_node;
  v.place_code = h.place_code;
  const wire::Place* place = v.place_code.empty() ? nullptr : places.Find(v.place_code);
  if (place) v.place_name = place->name_latin;
  if (h.position) {
    v.has_position = true;
    v.position = {h.position->lat, h.position->lon};
  } else if (place) {
    v.has_position = true;
    v.position = {place->lat, place->lon};
  }
  v.seen_at_ms = h.seen_at_ms;
  if (h.subject) {
    v.subject_kind = As<WatchKind>(h.subject->kind);
    v.subject_name = h.subject->name;
    v.subject_detail = SubjectDetail(*h.subject);
  }
  v.score = h.score;
  for (const wire::msg::HitReason& r : h.why) {
    v.why.push_back({r.key, As<ReasonOutcome>(r.outcome), r.entry_value, r.seen_value, r.normalized});
  }
  v.action = As<ActionRequested>(h.action);
  v.entry_reason = h.entry_reason;
  v.answer_by_ms = h.answer_by_ms;
  return v;
}

HitDecisionValue Decision(const wire::msg::HitDecision& d, EventMeta meta) {
  return HitDecisionValue{std::move(meta), d.hit_id, As<HitVerdict>(d.verdict), d.actor, d.at_ms, d.comment};
}

HandoverValue Handover(const wire::msg::Handover& h, EventMeta meta) {
  HandoverValue v{std::move(meta), h.handover_id, h.from_officer, h.note, h.written_at_ms, {}, h.items_left_out};
  for (const wire::msg::HandoverItem& item : h.items) {
    v.items.push_back({As<HandoverItemKind>(item.kind), item.item_id, item.title, item.assignee, item.since_ms});
  }
  return v;
}

HandoverAckValue HandoverAck(const wire::msg::HandoverAck& a, EventMeta meta) {
  return HandoverAckValue{std::move(meta), a.handover_id, a.officer, a.at_ms, a.comment};
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
      [&](const auto& payload) -> std::optional<ConsoleEvent> {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, wire::msg::Alert>) return Alert(payload, std::move(meta), places);
        if constexpr (std::is_same_v<T, wire::msg::AlertAction>) return Action(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::WatchlistEntry>) return Watch(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::JointOperation>) return Operation(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::SitRep>) return SitRep(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::Hit>) return Hit(payload, std::move(meta), places);
        if constexpr (std::is_same_v<T, wire::msg::HitDecision>) return Decision(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::HitEscalation>) {
          return HitEscalationValue{std::move(meta), payload.hit_id, payload.at_ms, payload.text};
        }
        if constexpr (std::is_same_v<T, wire::msg::Handover>) return Handover(payload, std::move(meta));
        if constexpr (std::is_same_v<T, wire::msg::HandoverAck>) return HandoverAck(payload, std::move(meta));
        return std::nullopt;  // Checks are the hub's to match, not shown
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

HubLink ToHubLink(nodes::LinkState state) {
  switch (state) {
    case nodes::LinkState::kConnecting: return HubLink::kConnecting;
    case nodes::LinkState::kSnapshot: return HubLink::kSnapshot;
    case nodes::LinkState::kCatchingUp: return HubLink::kCatchingUp;
    case nodes::LinkState::kLive: return HubLink::kLive;
    case nodes::LinkState::kLost: return HubLink::kLost;
  }
  return HubLink::kLost;
}

}  // namespace opsroom::console
