#include "wire/identity_table.h"

#include "wire/participants.h"

namespace opsroom::wire {

namespace {

const char* RoleWord(ClientRole role) {
  switch (role) {
    case ClientRole::NationalNode: return "national";
    case ClientRole::PartnerAgency: return "partner";
    case ClientRole::Console: return "console";
    case ClientRole::Planner: return "planner";
  }
  return "?";
}

}  // namespace

bool IsAllowedIdentity(std::string_view participant, ClientRole role) {
  const Participant* found = FindParticipant(participant);
  if (found == nullptr) return false;
  switch (role) {
    case ClientRole::NationalNode:
      return found->kind == ParticipantKind::kNational || found->kind == ParticipantKind::kNeighbour;
    case ClientRole::PartnerAgency: return found->kind == ParticipantKind::kPartner;
    case ClientRole::Console:
    case ClientRole::Planner: return found->kind == ParticipantKind::kRoom;
  }
  return false;
}

std::string IdentityRefusal(std::string_view participant, ClientRole role) {
  if (IsAllowedIdentity(participant, role)) return "";
  return "participant " + std::string(participant) + " may not hold role " + RoleWord(role) +
         ": the identity table (docs/protocol.md section 10.2) allows national for the national participants "
         "and neighbouring states, partner for partner agencies, console and planner for OPSROOM";
}

}  // namespace opsroom::wire
