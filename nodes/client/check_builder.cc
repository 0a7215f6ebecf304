#include "nodes/client/check_builder.h"

namespace opsroom::nodes {

wire::SubjectT ToSubjectT(const SubjectSpec& s) {
  wire::SubjectT t;
  t.kind = s.kind;
  t.name = s.name;
  t.date_of_birth = s.date_of_birth;
  t.nationality = s.nationality;
  t.document_number = s.document_number;
  t.plate = s.plate;
  t.vin = s.vin;
  t.imo = s.imo;
  t.container_number = s.container_number;
  t.phone = s.phone;
  return t;
}

wire::Bytes BuildCheckEnvelope(const EnvelopeHeader& header, const CheckSpec& s) {
  wire::EnvelopeT envelope = HeaderT(header);
  wire::CheckT check;
  check.check_id = s.check_id.empty() ? header.origin + ":C" + std::to_string(header.node_seq) : s.check_id;
  check.checked_at_ms = s.checked_at_ms;
  check.place_code = s.place_code;
  if (s.position) check.position = std::make_unique<wire::GeoPoint>(s.position->lat, s.position->lon);
  check.unit = s.unit;
  for (const SubjectSpec& subject : s.subjects) check.subjects.push_back(std::make_unique<wire::SubjectT>(ToSubjectT(subject)));
  envelope.payload.Set(std::move(check));
  return PackEnvelope(envelope);
}

wire::Bytes BuildHitDecisionEnvelope(const EnvelopeHeader& header, const HitDecisionSpec& s) {
  wire::EnvelopeT envelope = HeaderT(header);
  wire::HitDecisionT decision;
  decision.hit_id = s.hit_id;
  decision.verdict = s.verdict;
  decision.actor = s.actor;
  decision.at_ms = s.at_ms;
  decision.comment = s.comment;
  envelope.payload.Set(std::move(decision));
  return PackEnvelope(envelope);
}

}  // namespace opsroom::nodes
