// What a sender may claim in an envelope, judged from the envelope alone
// (docs/protocol.md section 6.1): the ids of alerts, watchlist entries and
// operations live under their creator's node id ("ME-BP:A-17"), so nobody
// can create under another node's name or pre-empt its ids; and a sitrep
// reports for its sender's own participant. Pure functions; thread-safe.
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
  // An id without a node prefix: its owner may still update it if it was
  // stored before ids were tied to their node (anyone else gets this refusal).
  bool stored_owner_may_pass = false;
};

// "ME-BP" for "ME-BP:A-17"; empty when the id does not start with a node id
// (a participant code, '-', 1 to 16 of A-Z 0-9) followed by ':'.
std::string_view NodePrefix(std::string_view id);

// The id an Alert, WatchlistEntry or JointOperation creates or updates
// (alert_id, entry_id, code); empty for AlertAction and SitRep.
std::string_view OwnedId(const wire::Envelope& envelope);

// nullopt when the envelope claims nothing it may not: its own id is under
// its origin's prefix, and a SitRep's reporting_country is its own country.
std::optional<ClaimRefusal> CheckClaims(const wire::Envelope& envelope);

}  // namespace opsroom::hub
