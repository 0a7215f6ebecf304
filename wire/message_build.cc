// Plain values (messages.h) -> object API (EnvelopeT) -> Envelope bytes.
#include <cstdio>
#include <random>

#include "wire/messages.h"

namespace opsroom::wire::msg {

namespace {

std::unique_ptr<GeoPoint> ToPoint(const std::optional<LatLon>& p) {
  return p ? std::make_unique<GeoPoint>(p->lat, p->lon) : nullptr;
}

std::unique_ptr<HandlingT> ToT(const Handling& s) {
  if (s == Handling{}) return nullptr;  // absent: Public with no restrictions
  auto t = std::make_unique<HandlingT>();
  t->distribution = s.distribution;
  t->recipients = s.recipients;
  t->no_evidence_use = s.no_evidence_use;
  t->no_onward_dissemination = s.no_onward_dissemination;
  t->other_restrictions = s.other_restrictions;
  t->operation_code = s.operation_code;
  return t;
}

std::unique_ptr<SubjectT> ToT(const Subject& s) {
  auto t = std::make_unique<SubjectT>();
  t->kind = s.kind;
  t->name = s.name;
  t->date_of_birth = s.date_of_birth;
  t->nationality = s.nationality;
  t->document_number = s.document_number;
  t->plate = s.plate;
  t->vin = s.vin;
  t->imo = s.imo;
  t->container_number = s.container_number;
  t->phone = s.phone;
  return t;
}

AlertT ToT(const Alert& s, const Header&) {
  AlertT t;
  t.alert_id = s.alert_id;
  t.severity = s.severity;
  t.crime_area = s.crime_area;
  t.title = s.title;
  t.body = s.body;
  t.position = ToPoint(s.position);
  t.place_code = s.place_code;
  t.observed_at_ms = s.observed_at_ms;
  t.expires_at_ms = s.expires_at_ms;
  t.operation_code = s.operation_code;
  for (const ExternalRef& ref : s.references) {
    auto r = std::make_unique<ExternalRefT>();
    r->system = ref.system;
    r->reference = ref.reference;
    t.references.push_back(std::move(r));
  }
  t.status = s.status;
  for (const Subject& subject : s.subjects) t.subjects.push_back(ToT(subject));
  return t;
}

AlertActionT ToT(const AlertAction& s, const Header&) {
  AlertActionT t;
  t.alert_id = s.alert_id;
  t.kind = s.kind;
  t.actor = s.actor;
  t.at_ms = s.at_ms;
  t.assignee = s.assignee;
  t.text = s.text;
  return t;
}

WatchlistEntryT ToT(const WatchlistEntry& s, const Header&) {
  WatchlistEntryT t;
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

JointOperationT ToT(const JointOperation& s, const Header&) {
  JointOperationT t;
  t.code = s.code;
  t.name = s.name;
  t.lead = s.lead;
  t.participants = s.participants;
  t.crime_areas = s.crime_areas;
  for (const LatLon& p : s.area) t.area.emplace_back(p.lat, p.lon);
  t.place_codes = s.place_codes;
  t.starts_at_ms = s.starts_at_ms;
  t.ends_at_ms = s.ends_at_ms;
  t.phase = s.phase;
  t.report_every_minutes = s.report_every_minutes;
  return t;
}

SitRepT ToT(const SitRep& s, const Header&) {
  SitRepT t;
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
  for (const Seizure& seizure : s.seizures) {
    auto z = std::make_unique<SeizureT>();
    z->commodity = seizure.commodity;
    z->quantity = seizure.quantity;
    z->unit = seizure.unit;
    t.seizures.push_back(std::move(z));
  }
  t.remarks = s.remarks;
  return t;
}

CheckT ToT(const Check& s, const Header& header) {
  CheckT t;
  t.check_id = s.check_id.empty() ? header.origin + ":C" + std::to_string(header.node_seq) : s.check_id;
  t.checked_at_ms = s.checked_at_ms;
  t.place_code = s.place_code;
  t.position = ToPoint(s.position);
  t.unit = s.unit;
  for (const Subject& subject : s.subjects) t.subjects.push_back(ToT(subject));
  return t;
}

HitT ToT(const Hit& s, const Header&) {
  HitT t;
  t.hit_id = s.hit_id;
  t.copy = s.copy;
  t.entry_id = s.entry_id;
  t.entry_revision = s.entry_revision;
  t.entry_owner = s.entry_owner;
  t.entry_kind = s.entry_kind;
  t.source = s.source;
  t.source_hub_seq = s.source_hub_seq;
  t.source_id = s.source_id;
  t.checking_node = s.checking_node;
  t.place_code = s.place_code;
  t.position = ToPoint(s.position);
  t.seen_at_ms = s.seen_at_ms;
  if (s.subject) t.subject = ToT(*s.subject);
  t.subject_key = s.subject_key;
  t.score = s.score;
  for (const HitReason& reason : s.why) {
    auto r = std::make_unique<HitReasonT>();
    r->key = reason.key;
    r->outcome = reason.outcome;
    r->entry_value = reason.entry_value;
    r->seen_value = reason.seen_value;
    r->normalized = reason.normalized;
    r->weight = reason.weight;
    t.why.push_back(std::move(r));
  }
  t.action = s.action;
  t.entry_reason = s.entry_reason;
  t.answer_by_ms = s.answer_by_ms;
  return t;
}

HitDecisionT ToT(const HitDecision& s, const Header&) {
  HitDecisionT t;
  t.hit_id = s.hit_id;
  t.verdict = s.verdict;
  t.actor = s.actor;
  t.at_ms = s.at_ms;
  t.comment = s.comment;
  return t;
}

HitEscalationT ToT(const HitEscalation& s, const Header&) {
  HitEscalationT t;
  t.hit_id = s.hit_id;
  t.at_ms = s.at_ms;
  t.text = s.text;
  return t;
}

HandoverT ToT(const Handover& s, const Header&) {
  HandoverT t;
  t.handover_id = s.handover_id;
  t.from_officer = s.from_officer;
  t.note = s.note;
  t.written_at_ms = s.written_at_ms;
  for (const HandoverItem& item : s.items) {
    auto i = std::make_unique<HandoverItemT>();
    i->kind = item.kind;
    i->item_id = item.item_id;
    i->title = item.title;
    i->assignee = item.assignee;
    i->since_ms = item.since_ms;
    t.items.push_back(std::move(i));
  }
  t.items_left_out = s.items_left_out;
  return t;
}

HandoverAckT ToT(const HandoverAck& s, const Header&) {
  HandoverAckT t;
  t.handover_id = s.handover_id;
  t.officer = s.officer;
  t.at_ms = s.at_ms;
  t.comment = s.comment;
  return t;
}

LinkChangeT ToT(const LinkChange& s, const Header&) {
  LinkChangeT t;
  t.node_id = s.node_id;
  t.country = s.country;
  t.state = s.state;
  t.at_ms = s.at_ms;
  t.reason = s.reason;
  t.suppressed = s.suppressed;
  return t;
}

}  // namespace

std::string DefaultMessageId(const std::string& origin, uint64_t node_seq) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(random()));
  return origin + ":" + std::to_string(node_seq) + ":" + suffix;
}

EnvelopeT ToEnvelopeT(const Header& header, const Payload& payload) {
  EnvelopeT t;
  t.origin = header.origin;
  t.country = header.country;
  t.node_seq = header.node_seq;
  t.message_id = header.message_id.empty() ? DefaultMessageId(header.origin, header.node_seq) : header.message_id;
  t.sent_at_ms = header.sent_at_ms;
  t.handling = ToT(header.handling);
  t.reliability = header.reliability;
  t.credibility = header.credibility;
  std::visit([&](const auto& value) { t.payload.Set(ToT(value, header)); }, payload);
  return t;
}

Bytes PackEnvelope(const EnvelopeT& envelope) {
  flatbuffers::FlatBufferBuilder fbb(1024);
  fbb.Finish(wire::Envelope::Pack(fbb, &envelope));
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

Bytes BuildEnvelope(const Header& header, const Payload& payload) { return PackEnvelope(ToEnvelopeT(header, payload)); }

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
    case wire::Payload::HitEscalation: return "hit";
    case wire::Payload::Handover: return "handover";
    case wire::Payload::HandoverAck: return "handover_ack";
    case wire::Payload::LinkChange: return "link";
    case wire::Payload::NONE: break;
  }
  return "unknown";
}

}  // namespace opsroom::wire::msg
