// The network layer's decoding: wire events (FlatBuffers) through wire's one
// reader into the console's values (wire::msg with the hub's stamp), every
// family, places resolved, snapshot flag kept.
#include <gtest/gtest.h>

#include "console/net/console_link.h"
#include "console/net/event_decode.h"
#include "nodes/client/envelope_builder.h"
#include "wire/frame_builder.h"

namespace opsroom::console {
namespace {

class Decode : public ::testing::Test {
 protected:
  // Wraps a payload into Envelope -> Frame{Event} -> CheckEventFrame -> DecodeEvent.
  std::optional<ConsoleEvent> Run(const nodes::PayloadSpec& payload, bool from_snapshot = false,
                                  const nodes::EnvelopeHeader& base = {}) {
    nodes::EnvelopeHeader header = base;
    header.origin = "RS-BP";
    header.country = "RS";
    header.node_seq = 7;
    header.sent_at_ms = 1'760'000'000'000;
    wire::Bytes envelope = nodes::BuildEnvelope(header, payload);
    frame_ = wire::BuildEvent(42, 1'760'000'000'500, envelope);
    auto checked = wire::CheckEventFrame(frame_);
    EXPECT_TRUE(checked.ok());
    if (!checked.ok()) return std::nullopt;
    return DecodeEvent(checked.value(), wire::PlaceCatalog::Embedded(), from_snapshot);
  }
  wire::Bytes frame_;
};

TEST_F(Decode, AlertWithAPlaceGetsThePlacesPositionAndName) {
  nodes::AlertSpec spec;
  spec.alert_id = "RS-BP-1";
  spec.severity = wire::Severity::Urgent;
  spec.crime_area = wire::CrimeArea::Firearms;
  spec.title = "Weapons at Horgoš";
  spec.place_code = "BCP-HU-RS-HORGOS";
  spec.references = {{wire::RefSystem::SIS, "SIS-123"}};
  auto event = Run(spec, true);
  ASSERT_TRUE(event);
  const auto* alert = std::get_if<AlertValue>(&*event);
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(alert->meta.hub_seq, 42u);
  EXPECT_EQ(alert->meta.hub_time_ms, 1'760'000'000'500);
  EXPECT_EQ(alert->meta.origin, "RS-BP");
  EXPECT_TRUE(alert->meta.from_snapshot);
  EXPECT_EQ(alert->severity, Severity::Urgent);
  EXPECT_EQ(alert->crime_area, CrimeArea::Firearms);
  const wire::Place* horgos = wire::PlaceCatalog::Embedded().Find("BCP-HU-RS-HORGOS");
  ASSERT_NE(horgos, nullptr);
  ASSERT_TRUE(alert->position);
  EXPECT_DOUBLE_EQ(alert->position->lat, horgos->lat);
  EXPECT_EQ(alert->place_name, horgos->name_latin);
  ASSERT_EQ(alert->references.size(), 1u);
  EXPECT_EQ(ReferenceText(alert->references[0]), "SIS: SIS-123");
}

TEST_F(Decode, AnAlertsOwnPositionWinsOverItsPlace) {
  nodes::AlertSpec spec;
  spec.alert_id = "RS-BP-3";
  spec.title = "Van north of Horgoš";
  spec.place_code = "BCP-HU-RS-HORGOS";
  spec.position = wire::msg::LatLon{46.2, 19.9};
  auto event = Run(spec);
  ASSERT_TRUE(event);
  const auto& alert = std::get<AlertValue>(*event);
  EXPECT_EQ(alert.position, (wire::msg::LatLon{46.2, 19.9}));
  EXPECT_FALSE(alert.place_name.empty()) << "still named by its place";
}

TEST_F(Decode, ChecksAreNotShown) {
  wire::msg::Check check;
  check.checked_at_ms = 1'760'000'000'000;
  check.place_code = "BCP-HU-RS-HORGOS";
  check.subjects = {wire::msg::Subject{wire::WatchKind::Person, "Marko S.", "", "", "", "", "", "", "", ""}};
  EXPECT_FALSE(Run(check));
}

// The desk shows every item's marking (docs/desk.md section 3): read from the envelope.
TEST_F(Decode, TheEnvelopesHandlingAndGradeBecomeTheMarking) {
  nodes::AlertSpec spec;
  spec.alert_id = "RS-BP-2";
  spec.title = "Restricted tip";
  nodes::EnvelopeHeader header;
  header.handling.distribution = wire::Distribution::Restricted;
  header.handling.recipients = {"AL", "ME"};
  header.handling.no_onward_dissemination = true;
  header.reliability = wire::SourceReliability::B;
  header.credibility = wire::InfoCredibility::KnownToSource;
  auto event = Run(spec, false, header);
  ASSERT_TRUE(event);
  const auto* alert = std::get_if<AlertValue>(&*event);
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(MarkingText(alert->meta.marking), "B2 \xC2\xB7 RESTRICTED H2 \xE2\x86\x92 AL, ME");
  auto plain = Run(spec);
  ASSERT_TRUE(plain);
  EXPECT_EQ(MarkingText(std::get<AlertValue>(*plain).meta.marking), "?? \xC2\xB7 PUBLIC");
}

TEST_F(Decode, ActionWatchOperationAndSitRep) {
  nodes::AlertActionSpec action{"RS-BP-1", wire::ActionKind::Assign, "Ana", 5, "ME", "take it"};
  auto a = Run(action);
  ASSERT_TRUE(a && std::holds_alternative<ActionValue>(*a));
  EXPECT_EQ(std::get<ActionValue>(*a).kind, ActionKind::Assign);
  EXPECT_EQ(std::get<ActionValue>(*a).assignee, "ME");

  nodes::WatchlistEntrySpec watch;
  watch.entry_id = "W1";
  watch.revision = 3;
  watch.name_original = "Шћепановић";
  watch.name_latin = "Šćepanović";
  watch.action = wire::ActionRequested::Arrest;
  auto w = Run(watch);
  ASSERT_TRUE(w && EventIf<WatchValue>(*w));
  EXPECT_EQ(EventIf<WatchValue>(*w)->name_original, "Шћепановић");
  EXPECT_EQ(EventIf<WatchValue>(*w)->action, ActionRequested::Arrest);

  nodes::JointOperationSpec op;
  op.code = "DRINO-III";
  op.phase = wire::OperationPhase::Active;
  op.area = {{40.0, 20.0}, {40.1, 20.2}, {39.9, 20.3}};
  auto o = Run(op);
  ASSERT_TRUE(o && std::holds_alternative<OperationValue>(*o));
  EXPECT_EQ(std::get<OperationValue>(*o).phase, OperationPhase::Active);
  EXPECT_EQ(std::get<OperationValue>(*o).area.size(), 3u);

  nodes::SitRepSpec sitrep;
  sitrep.operation_code = "DRINO-III";
  sitrep.reporting_country = "AL";
  sitrep.migrants_detected = 12;
  sitrep.seizures = {{wire::Commodity::Cigarettes, 4000, wire::Unit::Pieces}};
  auto r = Run(sitrep);
  ASSERT_TRUE(r && std::holds_alternative<SitRepValue>(*r));
  EXPECT_EQ(std::get<SitRepValue>(*r).migrants_detected, 12u);
  EXPECT_EQ(std::get<SitRepValue>(*r).seizures.at(0).commodity, Commodity::Cigarettes);
}

TEST(DecodeHubStatus, CopiesTheNodeTable) {
  wire::HubStatusFields fields;
  fields.at_ms = 99;
  fields.hub_id = "hub-1";
  fields.hub_seq = 1234;
  fields.nodes = {{"ME-BP", "ME", true, 90, 3, 0, 17, 55, "opsroom-node/0.1"}};
  wire::Bytes frame = wire::BuildHubStatus(fields);
  auto checked = wire::CheckHubFrame(frame);
  ASSERT_TRUE(checked.ok());
  HubStatusValue status = DecodeHubStatus(*checked.value()->body_as_HubStatus());
  EXPECT_EQ(status.hub_seq, 1234u);
  ASSERT_EQ(status.nodes.size(), 1u);
  EXPECT_EQ(status.nodes[0].node_id, "ME-BP");
  EXPECT_EQ(status.nodes[0].outbox_depth, 3u);
  EXPECT_EQ(status.nodes[0].messages_last_minute, 17u);
}

TEST(OperatorNodeId, IsAValidRoomNodeId) {
  EXPECT_EQ(OperatorNodeId("Ana Petrović"), "OPSROOM-ANAPETROVI");
  EXPECT_EQ(OperatorNodeId("duty-officer-2"), "OPSROOM-DUTYOFFICER2");
  EXPECT_EQ(OperatorNodeId("ШШШ"), "OPSROOM-CONSOLE");
  EXPECT_LE(OperatorNodeId("a very long operator name indeed").size(), std::string("OPSROOM-").size() + 16);
}

TEST_F(Decode, HitAndDecisionComeThroughTheOneReader) {
  wire::msg::Hit hit;
  hit.hit_id = "H77";
  hit.copy = wire::HitCopy::Full;
  hit.entry_id = "RS-CP:W-118";
  hit.entry_revision = 2;
  hit.entry_owner = "RS-CP";
  hit.source = wire::HitSource::FromAlert;
  hit.source_id = "ME-BP:A-1";
  hit.checking_node = "ME-BP";
  hit.place_code = "BCP-HU-RS-HORGOS";
  hit.seen_at_ms = 1'760'000'000'000;
  hit.subject =
      wire::msg::Subject{wire::WatchKind::Person, "Marko S.", "1984-03-02", "RS", "P1234567", "", "", "", "", ""};
  hit.score = 0.75f;
  hit.why = {{"date_of_birth", wire::ReasonOutcome::Agreed, "1984-03-02", "1984-03-02", "", 0.25f}};
  hit.action = wire::ActionRequested::Arrest;
  auto event = Run(hit);
  ASSERT_TRUE(event);
  const HitValue* value = EventIf<HitValue>(*event);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->hit_id, "H77");
  EXPECT_EQ(value->source, HitSource::FromAlert);
  EXPECT_EQ(SubjectName(*value), "Marko S.");
  EXPECT_EQ(SubjectDetail(*value), "1984-03-02 RS P1234567");
  EXPECT_TRUE(value->position) << "the place's position stands in for a missing one";
  ASSERT_EQ(value->why.size(), 1u);
  EXPECT_EQ(value->why[0].outcome, ReasonOutcome::Agreed);
  EXPECT_EQ(value->action, ActionRequested::Arrest);

  auto decided = Run(wire::msg::HitDecision{"H77", wire::HitVerdict::Reject, "Ana", 9, "not him"});
  ASSERT_TRUE(decided);
  const auto* decision = std::get_if<HitDecisionValue>(&*decided);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->verdict, HitVerdict::Reject);
  EXPECT_EQ(decision->comment, "not him");
  EXPECT_EQ(decision->meta.origin, "RS-BP");
}

}  // namespace
}  // namespace opsroom::console
