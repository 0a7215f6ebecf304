// The one model of every Envelope payload as plain C++ values, with one
// builder (values -> Envelope bytes) and one reader (a verified Envelope ->
// values). The node library's builder API and the console's decoding use
// these; the .fbs schemas stay the source of truth, and the builder goes
// through FlatBuffers' generated object API (EnvelopeT), so the bytes are
// exactly what Envelope::Pack writes. Pure functions; thread-safe.
//
// Why plain values rather than the object API itself: the generated types hold
// optional structs and tables as unique_ptr (no copy, no ==, awkward to write
// in a test or a simulator), while these are aggregates with value semantics.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "envelope_generated.h"
#include "wire/frame_builder.h"

namespace opsroom::wire::msg {

struct LatLon {
  double lat = 0;
  double lon = 0;
  bool operator==(const LatLon&) const = default;
};

struct Handling {
  Distribution distribution = Distribution::Public;
  std::vector<std::string> recipients;   // participant codes; required for Restricted
  bool no_evidence_use = false;          // H1
  bool no_onward_dissemination = false;  // H2
  std::string other_restrictions;        // H3
  std::string operation_code;            // Distribution::Operation: whose participants share it
  bool operator==(const Handling&) const = default;
};

// The envelope header. Empty message_id means "<origin>:<node_seq>:<random>".
struct Header {
  std::string origin;   // "ME-BP"
  std::string country;  // "ME"
  uint64_t node_seq = 0;
  std::string message_id;
  int64_t sent_at_ms = 0;
  Handling handling;  // the default is written as no Handling table at all
  SourceReliability reliability = SourceReliability::Unset;
  InfoCredibility credibility = InfoCredibility::Unset;
  bool operator==(const Header&) const = default;
};

struct ExternalRef {
  RefSystem system = RefSystem::Other;
  std::string reference;
  bool operator==(const ExternalRef&) const = default;
};

// One person or thing, as seen (a Check, an Alert) or as a hit's subject.
struct Subject {
  WatchKind kind = WatchKind::Person;
  std::string name;
  std::string date_of_birth;
  std::string nationality;
  std::string document_number;
  std::string plate;
  std::string vin;
  std::string imo;
  std::string container_number;
  std::string phone;
  bool operator==(const Subject&) const = default;
};

struct Alert {
  std::string alert_id;
  Severity severity = Severity::Routine;
  CrimeArea crime_area = CrimeArea::Unspecified;
  std::string title;
  std::string body;
  std::optional<LatLon> position;
  std::string place_code;
  int64_t observed_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::string operation_code;
  std::vector<ExternalRef> references;
  AlertStatus status = AlertStatus::Open;
  std::vector<Subject> subjects;
  bool operator==(const Alert&) const = default;
};

struct AlertAction {
  std::string alert_id;
  ActionKind kind = ActionKind::Acknowledge;
  std::string actor;
  int64_t at_ms = 0;
  std::string assignee;
  std::string text;
  bool operator==(const AlertAction&) const = default;
};

struct WatchlistEntry {
  std::string entry_id;
  uint32_t revision = 1;
  WatchKind kind = WatchKind::Person;
  std::string name_original;
  std::string name_latin;
  std::vector<std::string> aliases;
  std::string date_of_birth;
  std::string nationality;
  std::vector<std::string> document_numbers;
  std::string plate;
  std::string vin;
  std::string imo;
  std::string container_number;
  std::string phone;
  std::string reason;
  CrimeArea crime_area = CrimeArea::Unspecified;
  ActionRequested action = ActionRequested::DiscreetCheck;
  int64_t valid_from_ms = 0;
  int64_t valid_until_ms = 0;
  bool removed = false;
  bool operator==(const WatchlistEntry&) const = default;
};

struct JointOperation {
  std::string code;
  std::string name;
  std::string lead;
  std::vector<std::string> participants;
  std::vector<CrimeArea> crime_areas;
  std::vector<LatLon> area;
  std::vector<std::string> place_codes;
  int64_t starts_at_ms = 0;
  int64_t ends_at_ms = 0;
  OperationPhase phase = OperationPhase::Planned;
  uint32_t report_every_minutes = 0;  // 0: no reporting rhythm
  bool operator==(const JointOperation&) const = default;
};

struct Seizure {
  Commodity commodity = Commodity::Other;
  double quantity = 0;
  Unit unit = Unit::Pieces;
  bool operator==(const Seizure&) const = default;
};

struct SitRep {
  std::string operation_code;
  std::string reporting_country;
  int64_t period_start_ms = 0;
  int64_t period_end_ms = 0;
  uint32_t persons_checked = 0;
  uint32_t vehicles_checked = 0;
  uint32_t migrants_detected = 0;
  uint32_t facilitators_arrested = 0;
  uint32_t victims_identified = 0;
  uint32_t other_arrests = 0;
  uint32_t refusals_of_entry = 0;
  std::vector<Seizure> seizures;
  std::string remarks;
  bool operator==(const SitRep&) const = default;
};

struct Check {
  std::string check_id;  // empty: "<origin>:C<node_seq>" when built
  int64_t checked_at_ms = 0;
  std::string place_code;
  std::optional<LatLon> position;
  std::string unit;
  std::vector<Subject> subjects;
  bool operator==(const Check&) const = default;
};

struct HitReason {
  std::string key;
  ReasonOutcome outcome = ReasonOutcome::Agreed;
  std::string entry_value;
  std::string seen_value;
  std::string normalized;
  float weight = 0;
  bool operator==(const HitReason&) const = default;
};

struct Hit {
  std::string hit_id;
  HitCopy copy = HitCopy::Full;
  std::string entry_id;
  uint32_t entry_revision = 0;
  std::string entry_owner;
  WatchKind entry_kind = WatchKind::Person;
  HitSource source = HitSource::FromCheck;
  uint64_t source_hub_seq = 0;
  std::string source_id;
  std::string checking_node;
  std::string place_code;
  std::optional<LatLon> position;
  int64_t seen_at_ms = 0;
  std::optional<Subject> subject;
  std::string subject_key;
  float score = 0;
  std::vector<HitReason> why;
  ActionRequested action = ActionRequested::DiscreetCheck;
  std::string entry_reason;
  int64_t answer_by_ms = 0;
  bool operator==(const Hit&) const = default;
};

struct HitDecision {
  std::string hit_id;
  HitVerdict verdict = HitVerdict::Confirm;
  std::string actor;
  int64_t at_ms = 0;
  std::string comment;
  bool operator==(const HitDecision&) const = default;
};

// Written by the hub alone (docs/protocol.md section 15).
struct HitEscalation {
  std::string hit_id;
  int64_t at_ms = 0;
  std::string text;
  bool operator==(const HitEscalation&) const = default;
};

// Written by the hub alone: a node's link changed (docs/protocol.md 4.2).
struct LinkChange {
  std::string node_id;
  std::string country;
  NodeLinkState state = NodeLinkState::Connected;
  int64_t at_ms = 0;
  NodeLinkReason reason = NodeLinkReason::SessionOpened;
  uint32_t suppressed = 0;
  bool operator==(const LinkChange&) const = default;
};

// The shift handover (docs/protocol.md section 16).
struct HandoverItem {
  HandoverItemKind kind = HandoverItemKind::FlashAlert;
  std::string item_id;
  std::string title;
  std::string assignee;  // empty: nobody holds it
  int64_t since_ms = 0;
  bool operator==(const HandoverItem&) const = default;
};

struct Handover {
  std::string handover_id;
  std::string from_officer;
  std::string note;
  int64_t written_at_ms = 0;
  std::vector<HandoverItem> items;
  uint32_t items_left_out = 0;
  bool operator==(const Handover&) const = default;
};

struct HandoverAck {
  std::string handover_id;
  std::string officer;
  int64_t at_ms = 0;
  std::string comment;
  bool operator==(const HandoverAck&) const = default;
};

// In the order of envelope.fbs's Payload union.
using Payload = std::variant<Alert, AlertAction, WatchlistEntry, JointOperation, SitRep, Check, Hit, HitDecision,
                             HitEscalation, Handover, HandoverAck, LinkChange>;

struct Envelope {
  Header header;
  Payload payload;
  bool operator==(const Envelope&) const = default;
};

// Envelope bytes (no file identifier), ready for Publisher::Publish. Not
// validated: the hub (or wire::CheckEnvelope) decides whether the content is
// acceptable. An empty message_id becomes DefaultMessageId(origin, node_seq);
// an empty check_id "<origin>:C<node_seq>".
Bytes BuildEnvelope(const Header& header, const Payload& payload);
inline Bytes BuildEnvelope(const Envelope& envelope) { return BuildEnvelope(envelope.header, envelope.payload); }

// The object-API form, for callers that mix JSON input and defaults.
EnvelopeT ToEnvelopeT(const Header& header, const Payload& payload);
Bytes PackEnvelope(const EnvelopeT& envelope);

// The inverse of BuildEnvelope, from a verified Envelope (wire::CheckEnvelope
// or the Verifier): nullopt for a payload type this build does not know.
std::optional<Envelope> ReadEnvelope(const wire::Envelope& envelope);

// "<origin>:<node_seq>:<16 random hex digits>", the default message_id: a
// new one for every message built, so the hub can tell a resend (same id)
// from another message that reused the node_seq (docs/protocol.md 5.4).
std::string DefaultMessageId(const std::string& origin, uint64_t node_seq);

// The family of a payload as used in fan-out topics: alert, action, watch, operation, sitrep,
// check, hit, decision, handover, handover_ack, link.
const char* PayloadFamily(wire::Payload type);

}  // namespace opsroom::wire::msg
