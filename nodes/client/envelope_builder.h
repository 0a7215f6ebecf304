// Plain C++ values for every message family and the functions that turn them
// into Envelope bytes (and back). Used by the CLI, the simulator, the console
// (to send AlertActions), tests and bench. Pure functions; thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "envelope_generated.h"
#include "wire/frame_builder.h"

namespace opsroom::nodes {

struct LatLon {
  double lat = 0;
  double lon = 0;
  bool operator==(const LatLon&) const = default;
};

struct HandlingSpec {
  wire::Distribution distribution = wire::Distribution::Public;
  std::vector<std::string> recipients;  // participant codes; required for Restricted
  bool no_evidence_use = false;         // H1
  bool no_onward_dissemination = false; // H2
  std::string other_restrictions;       // H3
  bool operator==(const HandlingSpec&) const = default;
};

// The envelope header. Empty message_id means "<origin>:<node_seq>".
struct EnvelopeHeader {
  std::string origin;   // "ME-BP"
  std::string country;  // "ME"
  uint64_t node_seq = 0;
  std::string message_id;
  int64_t sent_at_ms = 0;
  HandlingSpec handling;
  wire::SourceReliability reliability = wire::SourceReliability::Unset;
  wire::InfoCredibility credibility = wire::InfoCredibility::Unset;
  bool operator==(const EnvelopeHeader&) const = default;
};

struct ExternalRefSpec {
  wire::RefSystem system = wire::RefSystem::Other;
  std::string reference;
  bool operator==(const ExternalRefSpec&) const = default;
};

struct AlertSpec {
  std::string alert_id;
  wire::Severity severity = wire::Severity::Routine;
  wire::CrimeArea crime_area = wire::CrimeArea::Unspecified;
  std::string title;
  std::string body;
  std::optional<LatLon> position;
  std::string place_code;
  int64_t observed_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::string operation_code;
  std::vector<ExternalRefSpec> references;
  wire::AlertStatus status = wire::AlertStatus::Open;
  bool operator==(const AlertSpec&) const = default;
};

struct AlertActionSpec {
  std::string alert_id;
  wire::ActionKind kind = wire::ActionKind::Acknowledge;
  std::string actor;
  int64_t at_ms = 0;
  std::string assignee;
  std::string text;
  bool operator==(const AlertActionSpec&) const = default;
};

struct WatchlistEntrySpec {
  std::string entry_id;
  uint32_t revision = 1;
  wire::WatchKind kind = wire::WatchKind::Person;
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
  wire::CrimeArea crime_area = wire::CrimeArea::Unspecified;
  wire::ActionRequested action = wire::ActionRequested::DiscreetCheck;
  int64_t valid_from_ms = 0;
  int64_t valid_until_ms = 0;
  bool removed = false;
  bool operator==(const WatchlistEntrySpec&) const = default;
};

struct JointOperationSpec {
  std::string code;
  std::string name;
  std::string lead;
  std::vector<std::string> participants;
  std::vector<wire::CrimeArea> crime_areas;
  std::vector<LatLon> area;
  std::vector<std::string> place_codes;
  int64_t starts_at_ms = 0;
  int64_t ends_at_ms = 0;
  wire::OperationPhase phase = wire::OperationPhase::Planned;
  bool operator==(const JointOperationSpec&) const = default;
};

struct SeizureSpec {
  wire::Commodity commodity = wire::Commodity::Other;
  double quantity = 0;
  wire::Unit unit = wire::Unit::Pieces;
  bool operator==(const SeizureSpec&) const = default;
};

struct SitRepSpec {
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
  std::vector<SeizureSpec> seizures;
  std::string remarks;
  bool operator==(const SitRepSpec&) const = default;
};

using PayloadSpec = std::variant<AlertSpec, AlertActionSpec, WatchlistEntrySpec, JointOperationSpec, SitRepSpec>;

struct EnvelopeSpec {
  EnvelopeHeader header;
  PayloadSpec payload;
  bool operator==(const EnvelopeSpec&) const = default;
};

// Envelope bytes (no file identifier), ready for Publisher::Publish. An empty
// message_id becomes "<origin>:<node_seq>". Not validated: the hub (or
// wire::CheckEnvelope) decides whether the content is acceptable.
wire::Bytes BuildEnvelope(const EnvelopeHeader& header, const PayloadSpec& payload);
inline wire::Bytes BuildEnvelope(const EnvelopeSpec& spec) { return BuildEnvelope(spec.header, spec.payload); }

// The object-API form, for callers that mix JSON input and defaults.
wire::EnvelopeT ToEnvelopeT(const EnvelopeHeader& header, const PayloadSpec& payload);
wire::Bytes PackEnvelope(const wire::EnvelopeT& envelope);
// The header alone (payload NONE), for payloads built elsewhere (check_builder.h).
wire::EnvelopeT HeaderT(const EnvelopeHeader& header);

// The inverse of BuildEnvelope, from a verified Envelope. nullopt for an
// unknown payload type.
std::optional<EnvelopeSpec> ReadEnvelope(const wire::Envelope& envelope);
EnvelopeHeader ReadHeader(const wire::Envelope& envelope);

// "<origin>:<node_seq>:<16 random hex digits>", the default message_id: a
// new one for every message built, so the hub can tell a resend (same id)
// from another message that reused the node_seq (docs/protocol.md 5.4).
std::string DefaultMessageId(const std::string& origin, uint64_t node_seq);

// The family of a payload as used in fan-out topics: alert, action, watch, operation, sitrep,
// check, hit, decision.
const char* PayloadFamily(wire::Payload type);

}  // namespace opsroom::nodes
