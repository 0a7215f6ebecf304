// Need-to-know: who may see an item, from its handling code and the viewer's
// authenticated identity (docs/protocol.md section 10). One pure rule used by
// live fan-out, snapshot, replay and queries alike; thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "envelope_generated.h"
#include "frame_generated.h"

namespace opsroom::wire {

// An authenticated identity as the rule sees it: its participant code
// ("ME", "EUROPOL", "OPSROOM") and its role from the key registry.
//   NationalNode  a national agency's node
//   PartnerAgency a partner agency (EUROPOL, FRONTEX...)
//   Console       the ops-room duty officer's console (OPSROOM): sees everything
//   Planner       ops-room planner (OPSROOM): public and limited items,
//                 restricted ones only when named, and the room's own items
// Only the pairs of wire/identity_table.h exist; any other sees nothing.
struct Viewer {
  std::string_view participant;
  ClientRole role = ClientRole::NationalNode;
};

// What a role may publish (docs/protocol.md section 10.1). Consoles are the
// duty officers' workstations: they act on alerts (AlertAction), decide hits
// (HitDecision) and hand the shift over (Handover, HandoverAck: the room's
// own business). Planners run joint operations: JointOperation, SitRep,
// AlertAction. National nodes and partner agencies publish every family but
// the shift handover.
bool MayPublish(ClientRole role, Payload payload);

// The rule for one marking. `handling` may be null (Public, no restrictions).
//   anyone     the originator's participant, a Console, a named recipient
//   Public     every authenticated viewer, except that no_onward_dissemination
//              (H2) keeps it from partner agencies and planners (they pass
//              information on) unless they are named recipients
//   Limited    national participants' nodes (section 9 kind "national"), Consoles,
//              and Planners unless H2
//   Restricted nobody else
//   Operation  the participants of the operation when the item was shared (the
//              roster the hub resolved), while the operation is not Closed;
//              from the envelope alone (no roster) nobody else
bool EntitledTo(const Viewer& viewer, std::string_view origin_country, const Handling* handling);

// An envelope, and for an AlertAction or a SitRep the item it is about
// (`parent`, the latest version of the alert or operation; null when unknown):
// an update is never seen more widely than its item, so both must pass.
bool EntitledToEnvelope(const Viewer& viewer, const Envelope& item, const Envelope* parent);

// A marking copied out of an envelope, for items kept beyond their buffer
// (the hub caches the marking of every alert and operation).
struct Marking {
  std::string origin_country;
  Distribution distribution = Distribution::Public;
  std::vector<std::string> recipients;
  bool no_onward_dissemination = false;
  // Distribution::Operation (docs/protocol.md section 10.5): the operation's
  // effective id, the participants who shared it when the item (or its first
  // scoped version) was logged, and whether the operation is still open. The
  // hub resolves roster and scope_open; MarkingOf leaves the roster empty.
  // (Default initialisers: brace-initialised markings that name only the
  // first four fields stay valid.)
  std::string operation_code{};
  std::vector<std::string> roster{};
  bool scope_open = true;
  bool operator==(const Marking&) const = default;
};
Marking MarkingOf(const Envelope& envelope);
bool EntitledTo(const Viewer& viewer, const Marking& marking);
// The update rule with a cached parent marking (null: parent unknown).
bool EntitledToItem(const Viewer& viewer, const Envelope& item, const Marking* parent);
// The same with the item's own marking resolved by the caller (an Operation
// marking's roster and state).
bool EntitledToItem(const Viewer& viewer, const Marking& own, Payload payload, const Marking* parent);

// True for payloads that are about another item (AlertAction, SitRep).
bool HasParent(Payload payload);

// True when the marking lets every authenticated viewer see it (Public, no H2).
bool IsPublicToAll(const Handling* handling);

}  // namespace opsroom::wire
