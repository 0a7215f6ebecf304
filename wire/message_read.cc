// A verified Envelope -> object API -> plain values: the inverse of message_build.cc.
#include <memory>

#include "wire/messages.h"

namespace opsroom::wire::msg {

namespace {

std::optional<LatLon> FromPoint(const std::unique_ptr<GeoPoint>& p) {
  return p ? std::optional<LatLon>(LatLon{p->lat(), p->lon()}) : std::nullopt;
}

Handling FromT(const HandlingT& t) {
  return Handling{t.distribution, t.recipients, t.no_evidence_use, t.no_onward_dissemination, t.other_restrictions,
                  t.operation_code};
}

Subject FromT(const SubjectT& t) {
  return Subject{t.kind,  t.name, t.date_of_birth, t.nationality,      t.document_number,
                 t.plate, t.vin,  t.imo,           t.container_number, t.phone};
}

ExternalRef FromT(const ExternalRefT& t) { return ExternalRef{t.system, t.reference}; }
Seizure FromT(const SeizureT& t) { return Seizure{t.commodity, t.quantity, t.unit}; }
HitReason FromT(const HitReasonT& t) {
  return HitReason{t.key, t.outcome, t.entry_value, t.seen_value, t.normalized, t.weight};
}

// The values of a vector of tables (FromT above, one overload per table).
template <typename T>
auto FromEach(const std::vector<std::unique_ptr<T>>& items) {
  std::vector<decltype(FromT(*items.front()))> values;
  for (const auto& item : items) {
    if (item) values.push_back(FromT(*item));
  }
  return values;
}

Alert FromT(const AlertT& t) {
  Alert s;
  s.alert_id = t.alert_id;
  s.severity = t.severity;
  s.crime_area = t.crime_area;
  s.title = t.title;
  s.body = t.body;
  s.position = FromPoint(t.position);
  s.place_code = t.place_code;
  s.observed_at_ms = t.observed_at_ms;
  s.expires_at_ms = t.expires_at_ms;
  s.operation_code = t.operation_code;
  s.references = FromEach(t.references);
  s.status = t.status;
  s.subjects = FromEach(t.subjects);
  return s;
}

AlertAction FromT(const AlertActionT& t) {
  return AlertAction{t.alert_id, t.kind, t.actor, t.at_ms, t.assignee, t.text};
}

WatchlistEntry FromT(const WatchlistEntryT& t) {
  WatchlistEntry s;
  s.entry_id = t.entry_id;
  s.revision = t.revision;
  s.kind = t.kind;
  s.name_original = t.name_original;
  s.name_latin = t.name_latin;
  s.aliases = t.aliases;
  s.date_of_birth = t.date_of_birth;
  s.nationality = t.nationality;
  s.document_numbers = t.document_numbers;
  s.plate = t.plate;
  s.vin = t.vin;
  s.imo = t.imo;
  s.container_number = t.container_number;
  s.phone = t.phone;
  s.reason = t.reason;
  s.crime_area = t.crime_area;
  s.action = t.action;
  s.valid_from_ms = t.valid_from_ms;
  s.valid_until_ms = t.valid_until_ms;
  s.removed = t.removed;
  return s;
}

JointOperation FromT(const JointOperationT& t) {
  JointOperation s;
  s.code = t.code;
  s.name = t.name;
  s.lead = t.lead;
  s.participants = t.participants;
  s.crime_areas = t.crime_areas;
  for (const GeoPoint& p : t.area) s.area.push_back({p.lat(), p.lon()});
  s.place_codes = t.place_codes;
  s.starts_at_ms = t.starts_at_ms;
  s.ends_at_ms = t.ends_at_ms;
  s.phase = t.phase;
  s.report_every_minutes = t.report_every_minutes;
  return s;
}

SitRep FromT(const SitRepT& t) {
  SitRep s;
  s.operation_code = t.operation_code;
  s.reporting_country = t.reporting_country;
  s.period_start_ms = t.period_start_ms;
  s.period_end_ms = t.period_end_ms;
  s.persons_checked = t.persons_checked;
  s.vehicles_checked = t.vehicles_checked;
  s.migrants_detected = t.migrants_detected;
  s.facilitators_arrested = t.facilitators_arrested;
  s.victims_identified = t.victims_identified;
  s.other_arrests = t.other_arrests;
  s.refusals_of_entry = t.refusals_of_entry;
  s.seizures = FromEach(t.seizures);
  s.remarks = t.remarks;
  return s;
}

Check FromT(const CheckT& t) {
  return Check{t.check_id, t.checked_at_ms, t.place_code, FromPoint(t.position), t.unit, FromEach(t.subjects)};
}

Hit FromT(const HitT& t) {
  Hit s;
  s.hit_id = t.hit_id;
  s.copy = t.copy;
  s.entry_id = t.entry_id;
  s.entry_revision = t.entry_revision;
  s.entry_owner = t.entry_owner;
  s.entry_kind = t.entry_kind;
  s.source = t.source;
  s.source_hub_seq = t.source_hub_seq;
  s.source_id = t.source_id;
  s.checking_node = t.checking_node;
  s.place_code = t.place_code;
  s.position = FromPoint(t.position);
  s.seen_at_ms = t.seen_at_ms;
  if (t.subject) s.subject = FromT(*t.subject);
  s.subject_key = t.subject_key;
  s.score = t.score;
  s.why = FromEach(t.why);
  s.action = t.action;
  s.entry_reason = t.entry_reason;
  s.answer_by_ms = t.answer_by_ms;
  return s;
}

HitDecision FromT(const HitDecisionT& t) { return HitDecision{t.hit_id, t.verdict, t.actor, t.at_ms, t.comment}; }

HitEscalation FromT(const HitEscalationT& t) { return HitEscalation{t.hit_id, t.at_ms, t.text}; }

Handover FromT(const HandoverT& t) {
  Handover s{t.handover_id, t.from_officer, t.note, t.written_at_ms, {}, t.items_left_out};
  for (const auto& item : t.items) {
    s.items.push_back(HandoverItem{item->kind, item->item_id, item->title, item->assignee, item->since_ms});
  }
  return s;
}

HandoverAck FromT(const HandoverAckT& t) { return HandoverAck{t.handover_id, t.officer, t.at_ms, t.comment}; }

LinkChange FromT(const LinkChangeT& t) {
  return LinkChange{t.node_id, t.country, t.state, t.at_ms, t.reason, t.suppressed};
}

std::optional<Payload> PayloadFromT(const PayloadUnion& u) {
  if (u.value == nullptr) return std::nullopt;
  switch (u.type) {
    case wire::Payload::Alert: return FromT(*u.AsAlert());
    case wire::Payload::AlertAction: return FromT(*u.AsAlertAction());
    case wire::Payload::WatchlistEntry: return FromT(*u.AsWatchlistEntry());
    case wire::Payload::JointOperation: return FromT(*u.AsJointOperation());
    case wire::Payload::SitRep: return FromT(*u.AsSitRep());
    case wire::Payload::Check: return FromT(*u.AsCheck());
    case wire::Payload::Hit: return FromT(*u.AsHit());
    case wire::Payload::HitDecision: return FromT(*u.AsHitDecision());
    case wire::Payload::HitEscalation: return FromT(*u.AsHitEscalation());
    case wire::Payload::Handover: return FromT(*u.AsHandover());
    case wire::Payload::HandoverAck: return FromT(*u.AsHandoverAck());
    case wire::Payload::LinkChange: return FromT(*u.AsLinkChange());
    case wire::Payload::NONE: break;
  }
  return std::nullopt;
}

Header HeaderFromT(const EnvelopeT& t) {
  Header h{t.origin, t.country, t.node_seq, t.message_id, t.sent_at_ms, {}, t.reliability, t.credibility};
  if (t.handling) h.handling = FromT(*t.handling);
  return h;
}

}  // namespace

std::optional<Envelope> ReadEnvelope(const wire::Envelope& envelope) {
  std::unique_ptr<EnvelopeT> t(envelope.UnPack());
  auto payload = PayloadFromT(t->payload);
  if (!payload) return std::nullopt;
  return Envelope{HeaderFromT(*t), std::move(*payload)};
}

}  // namespace opsroom::wire::msg
