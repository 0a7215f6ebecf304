// Plain C++ values the console model is built from: the hub's stored messages
// as wire's one message model reads them (wire::msg, each with what the hub
// stamped on it), the hub's status and what the link reports. Made on the
// network thread (or by a synthetic feed), moved through a queue, applied on
// the UI thread.
#pragma once
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "console/model/boxed.h"
#include "console/model/marking.h"
#include "console/model/projection.h"
#include "console/model/types.h"
#include "wire/messages.h"

namespace opsroom::console {

// What the hub stamped on a stored message, and who sent it.
struct EventMeta {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string origin;   // node id, "ME-BP"
  std::string country;  // participant code, "ME"
  // Part of the initial snapshot: snapshot events come in the snapshot's
  // order (state by state), not hub order; hub order holds after it.
  bool from_snapshot = false;
  Marking marking = {};  // the envelope's handling and evaluation grade
};

// A stored message: the message as sent (wire::msg, the fields read as they
// are) and what the hub stamped on it.
template <typename Message>
struct Stored : Message {
  EventMeta meta;

  Stored() = default;
  Stored(Message message, EventMeta stamped) : Message(std::move(message)), meta(std::move(stamped)) {}
};

// An alert; position is the message's own or, when it has none, its place's
// (resolved from place_code), so that everything with a place is on the map.
struct AlertValue : Stored<wire::msg::Alert> {
  using Stored::Stored;
  std::string place_name;  // the place's Latin name, resolved from place_code
};

using ActionValue = Stored<wire::msg::AlertAction>;
using WatchValue = Stored<wire::msg::WatchlistEntry>;
using OperationValue = Stored<wire::msg::JointOperation>;  // area: a polygon, implicitly closed
using SitRepValue = Stored<wire::msg::SitRep>;
using SeizureValue = wire::msg::Seizure;

struct NodeValue {
  std::string node_id;
  std::string country;
  bool connected = false;
  int64_t last_heartbeat_ms = 0;  // hub clock; 0: never
  uint32_t outbox_depth = 0;
  int64_t oldest_unsent_age_ms = 0;
  uint32_t messages_last_minute = 0;
  uint64_t last_node_seq = 0;
  std::string software_version;
};

struct HubStatusValue {
  int64_t at_ms = 0;  // hub clock
  std::string hub_id;
  uint64_t hub_seq = 0;
  std::vector<NodeValue> nodes;
  bool durable = true;
  std::string store_error;
};

struct LinkValue {
  LinkState state = LinkState::kConnecting;
  std::string detail;  // e.g. why the operator's publisher is down
  // kLost only: the link will not reconnect (the hub refused what it asked,
  // e.g. a past moment it cannot answer); close it.
  bool for_good = false;
};

struct SnapshotDoneValue {
  uint64_t hub_seq = 0;
};

// The hub's sequence went back (it was restored from a backup): everything
// built from events above hub_seq is gone from the hub, and new events will
// reuse those sequences. Comes before the snapshot that rebuilds the state.
struct HubRewoundValue {
  uint64_t applied_seq = 0;  // the last sequence applied before the rewind
  uint64_t hub_seq = 0;      // where the restored hub stands
  std::string detail;        // what to tell the operator
};

// What became of an action this console's operator sent.
struct ActionOutcomeValue {
  std::string alert_id;  // or the hit_id of a hit decision
  ActionKind kind = ActionKind::Comment;
  bool accepted = false;
  uint64_t hub_seq = 0;
  std::string reason;  // why the hub refused it
};

// A signed audit head the subscriber checked (docs/protocol.md 7.1), or why
// it refused one (another key, a rollback, a second history).
struct AuditHeadValue {
  uint64_t records = 0;  // audit records the hub vouches for
  uint64_t hub_seq = 0;
  int64_t at_ms = 0;    // hub clock when signed
  std::string refused;  // empty: accepted
};

// A hit (docs/protocol.md section 14); position and place_name resolved as an
// alert's.
struct HitValue : Stored<wire::msg::Hit> {
  using Stored::Stored;
  std::string place_name;
};

using HitReasonValue = wire::msg::HitReason;
using HitDecisionValue = Stored<wire::msg::HitDecision>;

// The hub's escalation of a hit still undecided at its answer_by (section 15).
using HitEscalationValue = Stored<wire::msg::HitEscalation>;

// The shift handover (docs/desk.md section 6); handover_id is the effective id.
using HandoverItemValue = wire::msg::HandoverItem;
using HandoverValue = Stored<wire::msg::Handover>;
using HandoverAckValue = Stored<wire::msg::HandoverAck>;

// The hub's record of a node's link changing (docs/protocol.md 4.2).
using LinkChangeValue = Stored<wire::msg::LinkChange>;

// Everything the model is built from. Watchlist entries and hits are few and
// large (wire's WatchlistEntry and Hit hold every identifier inline), so they
// are boxed: an event is the size of an alert, which matters to the replay
// archive's millions. Visit with VisitEvent, which unboxes them.
using ConsoleEvent =
    std::variant<AlertValue, ActionValue, Boxed<WatchValue>, OperationValue, SitRepValue, HubStatusValue, LinkValue,
                 SnapshotDoneValue, ActionOutcomeValue, HubRewoundValue, AuditHeadValue, Boxed<HitValue>,
                 HitDecisionValue, HitEscalationValue, HandoverValue, HandoverAckValue, LinkChangeValue>;

// std::visit with each value unboxed: `visit` sees a WatchValue or HitValue,
// never their box.
template <typename Visitor, typename Event>
decltype(auto) VisitEvent(Visitor&& visit, Event& event) {
  return std::visit([&](auto& value) -> decltype(auto) { return visit(Unboxed(value)); }, event);
}

template <typename T, typename Variant>
inline constexpr bool kAlternativeOf = false;
template <typename T, typename... Ts>
inline constexpr bool kAlternativeOf<T, std::variant<Ts...>> = (std::is_same_v<T, Ts> || ...);

// The event's value of type T (unboxed), or null.
template <typename T>
const T* EventIf(const ConsoleEvent& event) {
  if constexpr (kAlternativeOf<Boxed<T>, ConsoleEvent>) {
    const auto* boxed = std::get_if<Boxed<T>>(&event);
    return boxed ? &**boxed : nullptr;
  } else {
    return std::get_if<T>(&event);
  }
}

// An action the operator asks for; the network thread turns it into an
// AlertAction envelope under the operator's identity.
struct ActionRequest {
  std::string alert_id;
  ActionKind kind = ActionKind::Comment;
  std::string assignee;
  std::string text;
};

// The operator confirms or rejects a hit; the network thread turns it into a
// HitDecision envelope under the operator's identity.
struct HitDecisionRequest {
  std::string hit_id;
  HitVerdict verdict = HitVerdict::Confirm;
  std::string comment;
  std::string owner_country;  // the decision is Restricted to the entry owner's participant (and the room)
};

// The outgoing officer hands the shift over (handover_id: a new one, see
// NewHandoverId), or the incoming officer acknowledges one (ack: the
// handover's effective id, and the note as the acknowledgement's comment).
struct HandoverRequest {
  bool ack = false;
  std::string handover_id;
  std::string note;  // the handover's note, or the acknowledgement's comment
  std::vector<HandoverItemValue> items;
  uint32_t items_left_out = 0;
};

}  // namespace opsroom::console
