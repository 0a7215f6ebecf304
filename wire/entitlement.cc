#include "wire/entitlement.h"

#include "wire/identity_table.h"
#include "wire/item_id.h"
#include "wire/participants.h"

namespace opsroom::wire {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

bool Named(std::string_view participant, const Handling* handling) {
  if (handling == nullptr || handling->recipients() == nullptr) return false;
  for (const flatbuffers::String* recipient : *handling->recipients()) {
    if (View(recipient) == participant) return true;
  }
  return false;
}

bool IsNationalNode(const Viewer& viewer) {
  if (viewer.role != ClientRole::NationalNode) return false;
  const Participant* participant = FindParticipant(viewer.participant);
  return participant != nullptr && participant->kind == ParticipantKind::kNational;
}

// Roles that pass information on: H2 keeps an item from them unless named.
bool PassesOn(ClientRole role) { return role == ClientRole::PartnerAgency || role == ClientRole::Planner; }

bool InRoster(std::string_view participant, const std::vector<std::string>* roster) {
  if (roster == nullptr) return false;
  for (const std::string& member : *roster) {
    if (member == participant) return true;
  }
  return false;
}

// The rule itself, once, for both forms of a marking. `roster` is null while
// an Operation marking is unresolved (its envelope alone), and then grants nothing.
bool Decide(const Viewer& viewer, std::string_view origin_country, Distribution distribution, bool h2, bool named,
            const std::vector<std::string>* roster = nullptr, bool scope_open = false) {
  // An identity outside the table of section 10.2 (a console of AL, a
  // national node of EUROPOL) is a registry mistake: it sees nothing.
  if (!IsAllowedIdentity(viewer.participant, viewer.role)) return false;
  if (viewer.role == ClientRole::Console) return true;
  if (viewer.participant == origin_country || named) return true;
  switch (distribution) {
    case Distribution::Public: return !(h2 && PassesOn(viewer.role));
    case Distribution::Limited: return IsNationalNode(viewer) || (viewer.role == ClientRole::Planner && !h2);
    // The roster names its members, like recipients: H2 does not take them away.
    case Distribution::Operation: return scope_open && InRoster(viewer.participant, roster);
    default: return false;  // Restricted, and any value a future schema adds: closed by default
  }
}

}  // namespace

bool EntitledTo(const Viewer& viewer, std::string_view origin_country, const Handling* handling) {
  Distribution distribution = handling == nullptr ? Distribution::Public : handling->distribution();
  bool h2 = handling != nullptr && handling->no_onward_dissemination();
  return Decide(viewer, origin_country, distribution, h2, Named(viewer.participant, handling));
}

bool EntitledTo(const Viewer& viewer, const Marking& marking) {
  bool named = false;
  for (const std::string& recipient : marking.recipients) named = named || recipient == viewer.participant;
  return Decide(viewer, marking.origin_country, marking.distribution, marking.no_onward_dissemination, named,
                &marking.roster, marking.scope_open);
}

Marking MarkingOf(const Envelope& envelope) {
  Marking marking;
  marking.origin_country = std::string(View(envelope.country()));
  if (const Handling* handling = envelope.handling()) {
    marking.distribution = handling->distribution();
    marking.no_onward_dissemination = handling->no_onward_dissemination();
    if (handling->recipients() != nullptr) {
      for (const flatbuffers::String* recipient : *handling->recipients())
        marking.recipients.push_back(recipient->str());
    }
    if (handling->distribution() == Distribution::Operation)
      marking.operation_code = EffectiveId(View(envelope.origin()), View(handling->operation_code()));
  }
  return marking;
}

bool EntitledToItem(const Viewer& viewer, const Marking& own, Payload payload, const Marking* parent) {
  if (!EntitledTo(viewer, own)) return false;
  if (!HasParent(payload)) return true;
  if (parent == nullptr) return viewer.role == ClientRole::Console;
  return EntitledTo(viewer, *parent);
}

bool EntitledToItem(const Viewer& viewer, const Envelope& item, const Marking* parent) {
  if (!EntitledTo(viewer, View(item.country()), item.handling())) return false;
  if (!HasParent(item.payload_type())) return true;
  if (parent == nullptr) return viewer.role == ClientRole::Console;
  return EntitledTo(viewer, *parent);
}

bool EntitledToEnvelope(const Viewer& viewer, const Envelope& item, const Envelope* parent) {
  if (!EntitledTo(viewer, View(item.country()), item.handling())) return false;
  if (!HasParent(item.payload_type())) return true;
  // An update about an item we cannot find is shown to nobody but the room.
  if (parent == nullptr) return viewer.role == ClientRole::Console;
  return EntitledTo(viewer, View(parent->country()), parent->handling());
}

bool HasParent(Payload payload) { return payload == Payload::AlertAction || payload == Payload::SitRep; }

bool IsPublicToAll(const Handling* handling) {
  return handling == nullptr ||
         (handling->distribution() == Distribution::Public && !handling->no_onward_dissemination());
}

bool MayPublish(ClientRole role, Payload payload) {
  switch (role) {
    case ClientRole::NationalNode:
    case ClientRole::PartnerAgency: return payload != Payload::Handover && payload != Payload::HandoverAck;
    case ClientRole::Console:
      return payload == Payload::AlertAction || payload == Payload::HitDecision || payload == Payload::Handover ||
             payload == Payload::HandoverAck;
    case ClientRole::Planner:
      return payload == Payload::JointOperation || payload == Payload::SitRep || payload == Payload::AlertAction;
  }
  return false;
}

}  // namespace opsroom::wire
