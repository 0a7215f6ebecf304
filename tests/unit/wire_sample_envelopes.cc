#include "unit/wire_sample_envelopes.h"

namespace opsroom::wire::testing {

namespace {

EnvelopeT Header(uint64_t node_seq) {
  EnvelopeT e;
  e.origin = "ME-BP";
  e.country = "ME";
  e.node_seq = node_seq;
  e.message_id = "ME-BP:" + std::to_string(node_seq);
  e.sent_at_ms = kNowMs - 1000;
  e.reliability = SourceReliability::B;
  e.credibility = InfoCredibility::KnownToSource;
  return e;
}

}  // namespace

EnvelopeT SampleAlert() {
  EnvelopeT e = Header(1);
  AlertT alert;
  alert.alert_id = "ME-BP:A1";
  alert.severity = Severity::Urgent;
  alert.crime_area = CrimeArea::MigrantSmuggling;
  alert.title = "Van with 14 migrants heading for Sukobin";
  alert.body = "Grey Fiat Ducato, plates PG-123-AB, driver Шћепановић (Šćepanović).";
  alert.position = std::make_unique<GeoPoint>(42.0, 19.4);
  alert.observed_at_ms = kNowMs - 60'000;
  alert.expires_at_ms = kNowMs + 3'600'000;
  e.payload.Set(std::move(alert));
  return e;
}

EnvelopeT SampleAction() {
  EnvelopeT e = Header(2);
  AlertActionT action;
  action.alert_id = "ME-BP:A1";
  action.kind = ActionKind::Assign;
  action.actor = "duty officer Marković";
  action.at_ms = kNowMs - 500;
  action.assignee = "AL";
  e.payload.Set(std::move(action));
  return e;
}

EnvelopeT SampleWatchlistEntry() {
  EnvelopeT e = Header(3);
  WatchlistEntryT entry;
  entry.entry_id = "ME-BP:W7";
  entry.revision = 1;
  entry.kind = WatchKind::Person;
  entry.name_original = "Шћепановић Марко";
  entry.name_latin = "Šćepanović Marko";
  entry.aliases = {"Scepanovic Marko"};
  entry.date_of_birth = "1984-03-02";
  entry.nationality = "ME";
  entry.crime_area = CrimeArea::MigrantSmuggling;
  entry.action = ActionRequested::DiscreetCheck;
  entry.valid_from_ms = kNowMs - 86'400'000;
  e.payload.Set(std::move(entry));
  return e;
}

EnvelopeT SampleOperation() {
  EnvelopeT e = Header(4);
  JointOperationT op;
  op.code = "JAD-WB-2026";
  op.name = "Joint Action Days Western Balkans 2026";
  op.lead = "EUROPOL";
  op.participants = {"AL", "BA", "HR", "XK", "ME", "MK", "RS", "FRONTEX"};
  op.crime_areas = {CrimeArea::MigrantSmuggling, CrimeArea::Firearms};
  op.area = {GeoPoint(42.0, 19.0), GeoPoint(42.5, 19.5), GeoPoint(42.0, 20.0)};
  op.starts_at_ms = kNowMs - 3'600'000;
  op.ends_at_ms = kNowMs + 5 * 86'400'000LL;
  op.phase = OperationPhase::Active;
  e.payload.Set(std::move(op));
  return e;
}

EnvelopeT SampleSitRep() {
  EnvelopeT e = Header(5);
  SitRepT sitrep;
  sitrep.operation_code = "JAD-WB-2026";
  sitrep.reporting_country = "ME";
  sitrep.period_start_ms = kNowMs - 86'400'000;
  sitrep.period_end_ms = kNowMs - 1000;
  sitrep.persons_checked = 1200;
  sitrep.migrants_detected = 37;
  auto seizure = std::make_unique<SeizureT>();
  seizure->commodity = Commodity::Cigarettes;
  seizure->quantity = 40'000;
  seizure->unit = Unit::Pieces;
  sitrep.seizures.push_back(std::move(seizure));
  e.payload.Set(std::move(sitrep));
  return e;
}

std::vector<uint8_t> Pack(const EnvelopeT& envelope) {
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(Envelope::Pack(fbb, &envelope));
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

}  // namespace opsroom::wire::testing
