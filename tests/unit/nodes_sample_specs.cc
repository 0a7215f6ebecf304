#include "unit/nodes_sample_specs.h"

namespace opsroom::nodes::testing {

EnvelopeHeader Header(const std::string& origin, const std::string& country, uint64_t node_seq) {
  EnvelopeHeader h;
  h.origin = origin;
  h.country = country;
  h.node_seq = node_seq;
  h.sent_at_ms = kNowMs - 1000;
  h.reliability = wire::SourceReliability::B;
  h.credibility = wire::InfoCredibility::KnownToSource;
  return h;
}

EnvelopeSpec AlertEnvelope() {
  AlertSpec a;
  a.alert_id = "ME-BP:A-2026-0412";
  a.severity = wire::Severity::Urgent;
  a.crime_area = wire::CrimeArea::MigrantSmuggling;
  a.title = "Van with 14 migrants hidden behind pallets heading for Sukobin";
  a.body = "Grey Fiat Ducato PG-123-AB; driver known as Šćepanović (Шћепановић).";
  a.position = LatLon{42.03, 19.41};
  a.place_code = "BCP-AL-ME-MURIQAN";
  a.observed_at_ms = kNowMs - 60'000;
  a.expires_at_ms = kNowMs + 7'200'000;
  a.references = {{wire::RefSystem::Siena, "SIENA-ME-2026-77310"}};
  return {Header("ME-BP", "ME", 1041), a};
}

EnvelopeSpec ActionEnvelope() {
  AlertActionSpec a;
  a.alert_id = "ME-BP:A-2026-0412";
  a.kind = wire::ActionKind::Assign;
  a.actor = "duty officer A. Marković";
  a.at_ms = kNowMs - 500;
  a.assignee = "AL";
  a.text = "Albanian border police at Muriqan to intercept";
  return {Header("AL-BP", "AL", 7), a};
}

EnvelopeSpec WatchEnvelope() {
  WatchlistEntrySpec w;
  w.entry_id = "RS-CP:W-118";
  w.revision = 2;
  w.kind = wire::WatchKind::Person;
  w.name_original = "Шћепановић Марко";
  w.name_latin = "Šćepanović Marko";
  w.aliases = {"Scepanovic Marko"};
  w.date_of_birth = "1984-03-02";
  w.nationality = "RS";
  w.document_numbers = {"P1234567"};
  w.reason = "Organiser of smuggling transports via Horgoš";
  w.crime_area = wire::CrimeArea::MigrantSmuggling;
  w.valid_from_ms = kNowMs - 86'400'000;
  return {Header("RS-CP", "RS", 5), w};
}

EnvelopeSpec OperationEnvelope() {
  JointOperationSpec o;
  o.code = "JAD-WB-2026";
  o.name = "Joint Action Days Western Balkans 2026";
  o.lead = "EUROPOL";
  o.participants = {"AL", "BA", "HR", "XK", "ME", "MK", "RS", "FRONTEX"};
  o.crime_areas = {wire::CrimeArea::MigrantSmuggling, wire::CrimeArea::Firearms};
  o.area = {{41.8, 19.2}, {42.7, 19.2}, {42.7, 20.6}, {41.8, 20.6}};
  o.place_codes = {"PORT-ME-BAR"};
  o.starts_at_ms = kNowMs - 3'600'000;
  o.ends_at_ms = kNowMs + 5 * 86'400'000LL;
  o.phase = wire::OperationPhase::Active;
  return {Header("EUROPOL-EMSC", "EUROPOL", 12), o};
}

EnvelopeSpec SitRepEnvelope() {
  SitRepSpec s;
  s.operation_code = "JAD-WB-2026";
  s.reporting_country = "AL";
  s.period_start_ms = kNowMs - 86'400'000;
  s.period_end_ms = kNowMs - 1000;
  s.persons_checked = 1840;
  s.vehicles_checked = 612;
  s.migrants_detected = 37;
  s.facilitators_arrested = 3;
  s.seizures = {{wire::Commodity::Cigarettes, 40'000, wire::Unit::Pieces},
                {wire::Commodity::Cannabis, 112.5, wire::Unit::Kilograms}};
  s.remarks = "Mixed patrols at Kakavijë";
  return {Header("AL-BP", "AL", 310), s};
}

}  // namespace opsroom::nodes::testing
