// Checks and hit decisions as plain C++ values and their Envelope bytes
// (docs/protocol.md section 14), for the CLI, the console, tests and bench.
// Pure functions; thread-safe.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes {

struct SubjectSpec {
  wire::WatchKind kind = wire::WatchKind::Person;
  std::string name;
  std::string date_of_birth;
  std::string nationality;
  std::string document_number;
  std::string plate;
  std::string vin;
  std::string imo;
  std::string container_number;
  std::string phone;
  bool operator==(const SubjectSpec&) const = default;
};

struct CheckSpec {
  std::string check_id;  // empty: "<origin>:C<node_seq>"
  int64_t checked_at_ms = 0;
  std::string place_code;
  std::optional<LatLon> position;
  std::string unit;
  std::vector<SubjectSpec> subjects;
  bool operator==(const CheckSpec&) const = default;
};

struct HitDecisionSpec {
  std::string hit_id;
  wire::HitVerdict verdict = wire::HitVerdict::Confirm;
  std::string actor;
  int64_t at_ms = 0;
  std::string comment;
  bool operator==(const HitDecisionSpec&) const = default;
};

wire::SubjectT ToSubjectT(const SubjectSpec& spec);
// Not validated, like BuildEnvelope: wire::CheckEnvelope decides.
wire::Bytes BuildCheckEnvelope(const EnvelopeHeader& header, const CheckSpec& check);
wire::Bytes BuildHitDecisionEnvelope(const EnvelopeHeader& header, const HitDecisionSpec& decision);

}  // namespace opsroom::nodes
