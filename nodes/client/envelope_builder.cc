// Plain values -> object API (EnvelopeT) -> Envelope bytes.
#include "nodes/client/envelope_builder.h"

#include <cstdio>
#include <random>

#include <type_traits>

namespace opsroom::nodes {

namespace {

std::unique_ptr<wire::HandlingT> ToHandlingT(const HandlingSpec& spec) {
  if (spec == HandlingSpec{}) return nullptr;  // absent: Public with no restrictions
  auto t = std::make_unique<wire::HandlingT>();
  t->distribution = spec.distribution;
  t->recipients = spec.recipients;
  t->no_evidence_use = spec.no_evidence_use;
  t->no_onward_dissemination = spec.no_onward_dissemination;
  t->other_restrictions = spec.other_restrictions;
  return t;
}

wire::AlertT ToT(const AlertSpec& s) {
  wire::AlertT t;
  t.alert_id = s.alert_id;
  t.severity = s.severity;
  t.crime_area = s.crime_area;
  t.title = s.title;
  t.body = s.body;
  if (s.position) t.position = std::make_unique<wire::GeoPoint>(s.position->lat, s.position->lon);
  t.place_code = s.place_code;
  t.observed_at_ms = s.observed_at_ms;
  t.expires_at_ms = s.expires_at_ms;
  t.operation_code = s.operation_code;
  for (const auto& ref : s.references) {
    auto r = std::make_unique<wire::ExternalRefT>();
    r->system = ref.system;
    r->reference = ref.reference;
    t.references.push_back(std::move(r));
  }
  t.status = s.status;
  return t;
}

wire::AlertActionT ToT(const AlertActionSpec& s) {
  wire::AlertActionT t;
  t.alert_id = s.alert_id;
  t.kind = s.kind;
  t.actor = s.actor;
  t.at_ms = s.at_ms;
  t.assignee = s.assignee;
  t.text = s.text;
  return t;
}

wire::WatchlistEntryT ToT(const WatchlistEntrySpec& s) {
  wire::WatchlistEntryT t;
  t.entry_id = s.entry_id;
  t.revision = s.revision;
  t.kind = s.kind;
  t.name_original = s.name_original;
  t.name_latin = s.name_latin;
  t.aliases = s.aliases;
  t.date_of_birth = s.date_of_birth;
  t.nationality = s.nationality;
  t.document_numbers = s.document_numbers;
  t.plate = s.plate;
  t.vin = s.vin;
  t.imo = s.imo;
  t.container_number = s.container_number;
  t.phone = s.phone;
  t.reason = s.reason;
  t.crime_area = s.crime_area;
  t.action = s.action;
  t.valid_from_ms = s.valid_from_ms;
  t.valid_until_ms = s.valid_until_ms;
  t.removed = s.removed;
  return t;
}

wire::JointOperationT ToT(const JointOperationSpec& s) {
  wire::JointOperationT t;
  t.code = s.code;
  t.name = s.name;
  t.lead = s.lead;
  t.participants = s.participants;
  t.crime_areas = s.crime_areas;
  for (const auto& p : s.area) t.area.emplace_back(p.lat, p.lon);
  t.place_codes = s.place_codes;
  t.starts_at_ms = s.starts_at_ms;
  t.ends_at_ms = s.ends_at_ms;
  t.phase = s.phase;
  return t;
}

wire::SitRepT ToT(const SitRepSpec& s) {
  wire::SitRepT t;
  t.operation_code = s.operation_code;
  t.reporting_country = s.reporting_country;
  t.period_start_ms = s.period_start_ms;
  t.period_end_ms = s.period_end_ms;
  t.persons_checked = s.persons_checked;
  t.vehicles_checked = s.vehicles_checked;
  t.migrants_detected = s.migrants_detected;
  t.facilitators_arrested = s.facilitators_arrested;
  t.victims_identified = s.victims_identified;
  t.other_arrests = s.other_arrests;
  t.refusals_of_entry = s.refusals_of_entry;
  for (const auto& seizure : s.seizures) {
    auto st = std::make_unique<wire::SeizureT>();
    st->commodity = seizure.commodity;
    st->quantity = seizure.quantity;
    st->unit = seizure.unit;
    t.seizures.push_back(std::move(st));
  }
  t.remarks = s.remarks;
  return t;
}

}  // namespace

std::string DefaultMessageId(const std::string& origin, uint64_t node_seq) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(random()));
  return origin + ":" + std::to_string(node_seq) + ":" + suffix;
}

wire::EnvelopeT ToEnvelopeT(const EnvelopeHeader& header, const PayloadSpec& payload) {
  wire::EnvelopeT t = HeaderT(header);
  std::visit([&](const auto& spec) { t.payload.Set(ToT(spec)); }, payload);
  return t;
}

wire::EnvelopeT HeaderT(const EnvelopeHeader& header) {
  wire::EnvelopeT t;
  t.origin = header.origin;
  t.country = header.country;
  t.node_seq = header.node_seq;
  t.message_id = header.message_id.empty() ? DefaultMessageId(header.origin, header.node_seq) : header.message_id;
  t.sent_at_ms = header.sent_at_ms;
  t.handling = ToHandlingT(header.handling);
  t.reliability = header.reliability;
  t.credibility = header.credibility;
  return t;
}

wire::Bytes PackEnvelope(const wire::EnvelopeT& envelope) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  fbb.Finish(wire::Envelope::Pack(fbb, &envelope));
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

wire::Bytes BuildEnvelope(const EnvelopeHeader& header, const PayloadSpec& payload) {
  return PackEnvelope(ToEnvelopeT(header, payload));
}

const char* PayloadFamily(wire::Payload type) {
  switch (type) {
    case wire::Payload::Alert: return "alert";
    case wire::Payload::AlertAction: return "action";
    case wire::Payload::WatchlistEntry: return "watch";
    case wire::Payload::JointOperation: return "operation";
    case wire::Payload::SitRep: return "sitrep";
    case wire::Payload::Check: return "check";
    case wire::Payload::Hit: return "hit";
    case wire::Payload::HitDecision: return "decision";
    case wire::Payload::NONE: break;
  }
  return "unknown";
}

}  // namespace opsroom::nodes
