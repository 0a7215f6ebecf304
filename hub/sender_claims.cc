#include "hub/sender_claims.h"

#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

using wire::RejectReason;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

const char* IdField(wire::Payload payload) {
  switch (payload) {
    case wire::Payload::Alert: return "alert.alert_id";
    case wire::Payload::WatchlistEntry: return "watchlist_entry.entry_id";
    case wire::Payload::JointOperation: return "joint_operation.code";
    case wire::Payload::Handover: return "handover.handover_id";
    default: return "id";
  }
}

// An id without a node prefix is in the sender's own namespace (wire/item_id.h):
// only an id under another node's prefix claims what the sender may not.
std::optional<ClaimRefusal> CheckOwnedId(const wire::Envelope& envelope) {
  std::string_view id = OwnedId(envelope);
  std::string_view origin = View(envelope.origin());
  std::string_view prefix = wire::NodePrefix(id);
  if (prefix.empty() || prefix == origin) return std::nullopt;
  // The owner named here is in the id itself: the refusal reveals nothing stored.
  return ClaimRefusal{RejectReason::NotOwner, std::string(IdField(envelope.payload_type())) + " \"" + std::string(id) +
                                                  "\" is under the node prefix " + std::string(prefix) + ": only " +
                                                  std::string(prefix) +
                                                  " may create it (docs/protocol.md section 6.1)"};
}

std::optional<ClaimRefusal> CheckSitRep(const wire::Envelope& envelope) {
  std::string_view reporting = View(envelope.payload_as_SitRep()->reporting_country());
  std::string_view own = View(envelope.country());
  if (reporting == own) return std::nullopt;
  return ClaimRefusal{RejectReason::OriginMismatch, "sitrep.reporting_country " + std::string(reporting) +
                                                        ": a sitrep reports for its sender's own participant, " +
                                                        std::string(own) +
                                                        " (from its key; docs/protocol.md section 6.1)"};
}

}  // namespace

std::string_view OwnedId(const wire::Envelope& envelope) {
  switch (envelope.payload_type()) {
    case wire::Payload::Alert: return View(envelope.payload_as_Alert()->alert_id());
    case wire::Payload::WatchlistEntry: return View(envelope.payload_as_WatchlistEntry()->entry_id());
    case wire::Payload::JointOperation: return View(envelope.payload_as_JointOperation()->code());
    case wire::Payload::Handover: return View(envelope.payload_as_Handover()->handover_id());
    default: return {};
  }
}

std::optional<ClaimRefusal> CheckClaims(const wire::Envelope& envelope) {
  switch (envelope.payload_type()) {
    case wire::Payload::Alert:
    case wire::Payload::WatchlistEntry:
    case wire::Payload::JointOperation:
    case wire::Payload::Handover: return CheckOwnedId(envelope);
    case wire::Payload::SitRep: return CheckSitRep(envelope);
    case wire::Payload::AlertAction:
      if (envelope.payload_as_AlertAction()->kind() != wire::ActionKind::Expire) return std::nullopt;
      return ClaimRefusal{RejectReason::HubOnlyAction,
                          "an alert expires by itself at its expires_at_ms: only the hub writes Expire "
                          "(docs/protocol.md section 15); close it with Close"};
    default: return std::nullopt;
  }
}

}  // namespace opsroom::hub
