// Envelope (verified) -> object API -> plain values: the inverse of envelope_builder.cc.
#include <memory>

#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes {

namespace {

HandlingSpec FromT(const wire::HandlingT* t) {
  HandlingSpec s;
  if (t == nullptr) return s;
  s.distribution = t->distribution;
  s.recipients = t->recipients;
  s.no_evidence_use = t->no_evidence_use;
  s.no_onward_dissemination = t->no_onward_dissemination;
  s.other_restrictions = t->other_restrictions;
  return s;
}

AlertSpec FromT(const wire::AlertT& t) {
  AlertSpec s;
  s.alert_id = t.alert_id;
  s.severity = t.severity;
  s.crime_area = t.crime_area;
  s.title = t.title;
  s.body = t.body;
  if (t.position) s.position = LatLon{t.position->lat(), t.position->lon()};
  s.place_code = t.place_code;
  s.observed_at_ms = t.observed_at_ms;
  s.expires_at_ms = t.expires_at_ms;
  s.operation_code = t.operation_code;
  for (const auto& ref : t.references) {
    if (ref) s.references.push_back({ref->system, ref->reference});
  }
  s.status = t.status;
  return s;
}

AlertActionSpec FromT(const wire::AlertActionT& t) {
  return AlertActionSpec{t.alert_id, t.kind, t.actor, t.at_ms, t.assignee, t.text};
}

WatchlistEntrySpec FromT(const wire::WatchlistEntryT& t) {
  WatchlistEntrySpec s;
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

JointOperationSpec FromT(const wire::JointOperationT& t) {
  JointOperationSpec s;
  s.code = t.code;
  s.name = t.name;
  s.lead = t.lead;
  s.participants = t.participants;
  s.crime_areas = t.crime_areas;
  for (const auto& p : t.area) s.area.push_back({p.lat(), p.lon()});
  s.place_codes = t.place_codes;
  s.starts_at_ms = t.starts_at_ms;
  s.ends_at_ms = t.ends_at_ms;
  s.phase = t.phase;
  return s;
}

SitRepSpec FromT(const wire::SitRepT& t) {
  SitRepSpec s;
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
  for (const auto& seizure : t.seizures) {
    if (seizure) s.seizures.push_back({seizure->commodity, seizure->quantity, seizure->unit});
  }
  s.remarks = t.remarks;
  return s;
}

std::optional<PayloadSpec> PayloadFromT(const wire::PayloadUnion& u) {
  switch (u.type) {
    case wire::Payload::Alert: return FromT(*u.AsAlert());
    case wire::Payload::AlertAction: return FromT(*u.AsAlertAction());
    case wire::Payload::WatchlistEntry: return FromT(*u.AsWatchlistEntry());
    case wire::Payload::JointOperation: return FromT(*u.AsJointOperation());
    case wire::Payload::SitRep: return FromT(*u.AsSitRep());
    default: break;  // Check, Hit, HitDecision: read through the object API (check_builder.h)
  }
  return std::nullopt;
}

}  // namespace

EnvelopeHeader ReadHeader(const wire::Envelope& e) {
  EnvelopeHeader h;
  if (e.origin() != nullptr) h.origin = e.origin()->str();
  if (e.country() != nullptr) h.country = e.country()->str();
  h.node_seq = e.node_seq();
  if (e.message_id() != nullptr) h.message_id = e.message_id()->str();
  h.sent_at_ms = e.sent_at_ms();
  if (e.handling() != nullptr) {
    std::unique_ptr<wire::HandlingT> handling(e.handling()->UnPack());
    h.handling = FromT(handling.get());
  }
  h.reliability = e.reliability();
  h.credibility = e.credibility();
  return h;
}

std::optional<EnvelopeSpec> ReadEnvelope(const wire::Envelope& envelope) {
  std::unique_ptr<wire::EnvelopeT> t(envelope.UnPack());
  if (t == nullptr || t->payload.value == nullptr) return std::nullopt;
  auto payload = PayloadFromT(t->payload);
  if (!payload) return std::nullopt;
  return EnvelopeSpec{ReadHeader(envelope), std::move(*payload)};
}

}  // namespace opsroom::nodes
