// The one message model (wire/messages.h): every payload type, with every
// field set away from its default, survives BuildEnvelope -> Verifier ->
// ReadEnvelope unchanged, so a field the builder or the reader forgets fails.
#include <gtest/gtest.h>

#include "wire/messages.h"

namespace opsroom::wire::msg {
namespace {

constexpr int64_t kNowMs = 1'795'000'000'000;

Header FullHeader() {
  Header h;
  h.origin = "ME-BP";
  h.country = "ME";
  h.node_seq = 1041;
  h.message_id = "ME-BP:1041:0123456789abcdef";
  h.sent_at_ms = kNowMs - 1000;
  h.handling = Handling{Distribution::Restricted, {"ME", "AL"}, true, true, "only for the JIT", ""};
  h.reliability = SourceReliability::B;
  h.credibility = InfoCredibility::KnownToSource;
  return h;
}

Subject Person() {
  return Subject{WatchKind::Person, "Шћепановић Марко",  "1984-03-02",  "RS",          "P1234567",
                 "PG123AB",         "WVWZZZ1JZXW000001", "IMO 9074729", "MSCU1234565", "+38269123456"};
}

Alert FullAlert() {
  Alert a;
  a.alert_id = "ME-BP:A-2026-0412";
  a.severity = Severity::Flash;
  a.crime_area = CrimeArea::MigrantSmuggling;
  a.title = "Van heading for Sukobin";
  a.body = "Grey Fiat Ducato";
  a.position = LatLon{42.03, 19.41};
  a.place_code = "BCP-AL-ME-MURIQAN";
  a.observed_at_ms = kNowMs - 60'000;
  a.expires_at_ms = kNowMs + 7'200'000;
  a.operation_code = "JAD-WB-2026";
  a.references = {{RefSystem::Siena, "SIENA-ME-2026-77310"}, {RefSystem::SIS, "SIS-1"}};
  a.status = AlertStatus::Escalated;
  a.subjects = {Person()};
  return a;
}

AlertAction FullAction() {
  return AlertAction{"ME-BP:A-2026-0412", ActionKind::Assign, "A. Marković", kNowMs - 500, "AL", "intercept"};
}

WatchlistEntry FullEntry() {
  WatchlistEntry w;
  w.entry_id = "RS-CP:W-118";
  w.revision = 2;
  w.kind = WatchKind::Vehicle;
  w.name_original = "Шћепановић Марко";
  w.name_latin = "Šćepanović Marko";
  w.aliases = {"Scepanovic Marko", "Marko S."};
  w.date_of_birth = "1984-03-02";
  w.nationality = "RS";
  w.document_numbers = {"P1234567"};
  w.plate = "PG123AB";
  w.vin = "WVWZZZ1JZXW000001";
  w.imo = "9074729";
  w.container_number = "MSCU1234565";
  w.phone = "+38269123456";
  w.reason = "Organiser of transports";
  w.crime_area = CrimeArea::Firearms;
  w.action = ActionRequested::Arrest;
  w.valid_from_ms = kNowMs - 86'400'000;
  w.valid_until_ms = kNowMs + 86'400'000;
  w.removed = true;
  return w;
}

JointOperation FullOperation() {
  JointOperation o;
  o.code = "JAD-WB-2026";
  o.name = "Joint Action Days";
  o.lead = "EUROPOL";
  o.participants = {"AL", "ME"};
  o.crime_areas = {CrimeArea::MigrantSmuggling, CrimeArea::Firearms};
  o.area = {{41.8, 19.2}, {42.7, 19.2}, {42.7, 20.6}};
  o.place_codes = {"PORT-ME-BAR"};
  o.starts_at_ms = kNowMs - 3'600'000;
  o.ends_at_ms = kNowMs + 3'600'000;
  o.phase = OperationPhase::Debriefing;
  o.report_every_minutes = 240;  // the last field: a round trip proves it is carried
  return o;
}

SitRep FullSitRep() {
  SitRep s;
  s.operation_code = "JAD-WB-2026";
  s.reporting_country = "AL";
  s.period_start_ms = kNowMs - 86'400'000;
  s.period_end_ms = kNowMs - 1000;
  s.persons_checked = 1840;
  s.vehicles_checked = 612;
  s.migrants_detected = 37;
  s.facilitators_arrested = 3;
  s.victims_identified = 2;
  s.other_arrests = 4;
  s.refusals_of_entry = 5;
  s.seizures = {{Commodity::Cigarettes, 40'000, Unit::Pieces}, {Commodity::Cannabis, 112.5, Unit::Kilograms}};
  s.remarks = "Mixed patrols";
  return s;
}

Check FullCheck() {
  Subject car{WatchKind::Vehicle, "", "", "", "", "PG123AB", "WVWZZZ1JZXW000001", "", "", ""};
  return Check{"HR-BP:bajakovo:0001", kNowMs - 5000, "BCP-HR-RS-BAJAKOVO",
               LatLon{45.05, 19.1},   "shift B",     {Person(), car}};
}

Hit FullHit() {
  Hit h;
  h.hit_id = "H77";
  h.copy = HitCopy::Redacted;
  h.entry_id = "RS-CP:W-118";
  h.entry_revision = 2;
  h.entry_owner = "RS-CP";
  h.entry_kind = WatchKind::Person;
  h.source = HitSource::FromAlert;
  h.source_hub_seq = 76;
  h.source_id = "ME-BP:A-2026-0412";
  h.checking_node = "ME-BP";
  h.place_code = "BCP-AL-ME-MURIQAN";
  h.position = LatLon{42.03, 19.41};
  h.seen_at_ms = kNowMs - 60'000;
  h.subject = Person();
  h.subject_key = "person:scepanovic marko:1984-03-02";
  h.score = 0.875f;
  h.why = {{"name_tokens", ReasonOutcome::Agreed, "Шћепановић Марко", "Scepanovic Marko", "scepanovic marko", 0.5f},
           {"date_of_birth", ReasonOutcome::Disagreed, "1984-03-02", "1984-03-03", "", -0.25f}};
  h.action = ActionRequested::InformOwner;
  h.entry_reason = "Organiser of transports";
  h.answer_by_ms = kNowMs + 43'200'000;
  return h;
}

HitDecision FullDecision() { return HitDecision{"H77", HitVerdict::Reject, "duty officer", kNowMs - 100, "not him"}; }

HitEscalation FullEscalation() { return HitEscalation{"H77", kNowMs - 100, "hit not answered within 12 h"}; }

Handover FullHandover() {
  return Handover{"H-1",
                  "Ana",
                  "quiet night",
                  kNowMs - 100,
                  {{HandoverItemKind::SilentNode, "AL-BP", "AL", "", kNowMs - 5000},
                   {HandoverItemKind::FlashAlert, "ME-BP:F1", "Truck", "BORDER-DESK", kNowMs - 9000}},
                  3};
}

HandoverAck FullHandoverAck() { return HandoverAck{"OPSROOM-ANA:H-1", "Bojan", kNowMs - 50, "taken"}; }

LinkChange FullLinkChange() {
  return LinkChange{"AL-BP", "AL", NodeLinkState::Silent, kNowMs - 3000, NodeLinkReason::Flapping, 4};
}

std::optional<Envelope> BuildAndRead(const Envelope& envelope) {
  Bytes bytes = BuildEnvelope(envelope);
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!VerifyEnvelopeBuffer(verifier)) {
    ADD_FAILURE() << "the builder wrote an Envelope the Verifier refuses";
    return std::nullopt;
  }
  return ReadEnvelope(*GetEnvelope(bytes.data()));
}

class MessagesRoundTrip : public ::testing::TestWithParam<Payload> {};

TEST_P(MessagesRoundTrip, EveryFieldSurvivesBuildAndRead) {
  Envelope sent{FullHeader(), GetParam()};
  auto read = BuildAndRead(sent);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->payload.index(), sent.payload.index());
  EXPECT_EQ(read->header, sent.header);
  EXPECT_TRUE(*read == sent) << "payload " << PayloadFamily(static_cast<wire::Payload>(sent.payload.index() + 1));
}

INSTANTIATE_TEST_SUITE_P(EveryPayloadType, MessagesRoundTrip,
                         ::testing::Values(Payload{FullAlert()}, Payload{FullAction()}, Payload{FullEntry()},
                                           Payload{FullOperation()}, Payload{FullSitRep()}, Payload{FullCheck()},
                                           Payload{FullHit()}, Payload{FullDecision()},
                                           Payload{FullEscalation()}, Payload{FullHandover()},
                                           Payload{FullHandoverAck()}, Payload{FullLinkChange()}));

TEST(Messages, VariantOrderFollowsThePayloadUnion) {
  // PayloadFamily(type) and the test above rely on index + 1 == the union's type.
  EXPECT_EQ(BuildAndRead({FullHeader(), FullHit()})->payload.index() + 1, static_cast<std::size_t>(wire::Payload::Hit));
  Bytes bytes = BuildEnvelope(FullHeader(), FullSitRep());
  EXPECT_EQ(GetEnvelope(bytes.data())->payload_type(), wire::Payload::SitRep);
  EXPECT_EQ(std::variant_size_v<Payload>, static_cast<std::size_t>(wire::Payload::MAX));
}

TEST(Messages, DefaultsAreLeftOutOfTheBytes) {
  Header header = FullHeader();
  header.handling = {};
  header.message_id.clear();
  Check check = FullCheck();
  check.check_id.clear();
  check.position.reset();
  Bytes bytes = BuildEnvelope(header, check);
  const wire::Envelope* envelope = GetEnvelope(bytes.data());
  EXPECT_EQ(envelope->handling(), nullptr) << "default handling is written as no Handling table";
  EXPECT_EQ(envelope->message_id()->str().rfind("ME-BP:1041:", 0), 0u);
  EXPECT_EQ(envelope->payload_as_Check()->check_id()->str(), "ME-BP:C1041");
  EXPECT_EQ(envelope->payload_as_Check()->position(), nullptr);
  auto read = ReadEnvelope(*envelope);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->header.handling, Handling{});
  EXPECT_FALSE(std::get<Check>(read->payload).position.has_value());
}

TEST(Messages, AHitWithoutSubjectReadsBackWithout) {
  Hit hit = FullHit();
  hit.subject.reset();
  hit.position.reset();
  auto read = BuildAndRead({FullHeader(), hit});
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(std::get<Hit>(read->payload), hit);
}

}  // namespace
}  // namespace opsroom::wire::msg
