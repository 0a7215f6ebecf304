// The node library's names for the one message model (wire/messages.h): plain
// C++ values for every message family and the functions that turn them into
// Envelope bytes and back. Used by the CLI, the simulator, the console (to
// send AlertActions), tests and bench. Pure functions; thread-safe.
#pragma once
#include "wire/messages.h"

namespace opsroom::nodes {

using LatLon = wire::msg::LatLon;
using HandlingSpec = wire::msg::Handling;
using EnvelopeHeader = wire::msg::Header;  // empty message_id: DefaultMessageId(origin, node_seq)
using ExternalRefSpec = wire::msg::ExternalRef;
using AlertSpec = wire::msg::Alert;
using AlertActionSpec = wire::msg::AlertAction;
using WatchlistEntrySpec = wire::msg::WatchlistEntry;
using JointOperationSpec = wire::msg::JointOperation;
using SeizureSpec = wire::msg::Seizure;
using SitRepSpec = wire::msg::SitRep;
using PayloadSpec = wire::msg::Payload;
using EnvelopeSpec = wire::msg::Envelope;

using wire::msg::BuildEnvelope;
using wire::msg::DefaultMessageId;
using wire::msg::PackEnvelope;
using wire::msg::PayloadFamily;
using wire::msg::ReadEnvelope;
using wire::msg::ToEnvelopeT;

}  // namespace opsroom::nodes
