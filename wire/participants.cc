#include "wire/participants.h"

#include <algorithm>

namespace opsroom::wire {

const std::vector<Participant>& AllParticipants() {
  static const std::vector<Participant> kAll = {
      {"AL", "Albania", ParticipantKind::kNational},
      {"BA", "Bosnia and Herzegovina", ParticipantKind::kNational},
      {"HR", "Croatia", ParticipantKind::kNational},
      {"XK", "Kosovo", ParticipantKind::kNational},
      {"ME", "Montenegro", ParticipantKind::kNational},
      {"MK", "North Macedonia", ParticipantKind::kNational},
      {"RS", "Serbia", ParticipantKind::kNational},
      {"EUROPOL", "Europol", ParticipantKind::kPartner},
      {"FRONTEX", "Frontex", ParticipantKind::kPartner},
      {"SELEC", "Southeast European Law Enforcement Center", ParticipantKind::kPartner},
      {"INTERPOL", "INTERPOL", ParticipantKind::kPartner},
      {"JOO", "Joint Operational Office, Vienna", ParticipantKind::kPartner},
      {"WCO", "World Customs Organization", ParticipantKind::kPartner},
      {"SI", "Slovenia", ParticipantKind::kNeighbour},
      {"HU", "Hungary", ParticipantKind::kNeighbour},
      {"GR", "Greece", ParticipantKind::kNeighbour},
      {"BG", "Bulgaria", ParticipantKind::kNeighbour},
      {"RO", "Romania", ParticipantKind::kNeighbour},
      {"IT", "Italy", ParticipantKind::kNeighbour},
      {"AT", "Austria", ParticipantKind::kNeighbour},
      {"OPSROOM", "Operations room, Podgorica", ParticipantKind::kRoom},
  };
  return kAll;
}

const Participant* FindParticipant(std::string_view code) {
  const auto& all = AllParticipants();
  auto it = std::find_if(all.begin(), all.end(), [&](const Participant& p) { return p.code == code; });
  return it == all.end() ? nullptr : &*it;
}

const std::vector<std::string_view>& NationalCodes() {
  static const std::vector<std::string_view> kCodes = {"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
  return kCodes;
}

}  // namespace opsroom::wire
