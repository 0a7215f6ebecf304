// Checks and hit decisions as plain C++ values and their Envelope bytes
// (docs/protocol.md section 14), for the CLI, the console, tests and bench:
// the node library's names for wire/messages.h. Pure functions; thread-safe.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes {

using SubjectSpec = wire::msg::Subject;
using CheckSpec = wire::msg::Check;  // empty check_id: "<origin>:C<node_seq>"
using HitDecisionSpec = wire::msg::HitDecision;

// Not validated, like BuildEnvelope: wire::CheckEnvelope decides.
inline wire::Bytes BuildCheckEnvelope(const EnvelopeHeader& header, const CheckSpec& check) {
  return BuildEnvelope(header, check);
}
inline wire::Bytes BuildHitDecisionEnvelope(const EnvelopeHeader& header, const HitDecisionSpec& decision) {
  return BuildEnvelope(header, decision);
}

}  // namespace opsroom::nodes
