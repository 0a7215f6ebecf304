// What a sender may claim in an envelope, judged from the envelope alone
// (docs/protocol.md section 6.1): the ids of alerts, watchlist entries and
// operations live under their creator's node id ("ME-BP:A-17", or "A-17"
// read as the sender's own, wire/item_id.h), so nobody can create under
// another node's name or pre-empt its ids; and a sitrep reports for its
// sender's own participant. Pure functions; thread-safe.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "envelope_generated.h"
#include "reject_reason_generated.h"

namespace opsroom::hub {

struct ClaimRefusal {
  wire::RejectReason code = wire::RejectReason::None;
  std::string text;
};

// The id an Alert, WatchlistEntry, JointOperation or Handover creates or
// updates (alert_id, entry_id, code, handover_id); empty for the others.
std::string_view OwnedId(const wire::Envelope& envelope);

// nullopt when the envelope claims nothing it may not: its own id is under
// its origin's prefix or has none, and a SitRep's reporting_country is its own country.
std::optional<ClaimRefusal> CheckClaims(const wire::Envelope& envelope);

}  // namespace opsroom::hub
