// The catalogue of participant codes: who may appear as a country, lead,
// participant or recipient. docs/protocol.md "Participants" mirrors it.
#pragma once
#include <string_view>
#include <vector>

namespace opsroom::wire {

enum class ParticipantKind { kNational, kPartner, kNeighbour, kRoom };

struct Participant {
  std::string_view code;  // "AL", "EUROPOL", "OPSROOM"...
  std::string_view name;
  ParticipantKind kind;
};

const std::vector<Participant>& AllParticipants();
const Participant* FindParticipant(std::string_view code);
inline bool IsKnownParticipant(std::string_view code) { return FindParticipant(code) != nullptr; }

// The seven national participants of the room, in display order.
const std::vector<std::string_view>& NationalCodes();

}  // namespace opsroom::wire
