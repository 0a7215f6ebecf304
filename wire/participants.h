// The catalogue of participant codes: who may appear as a country, lead,
// participant or recipient. data/participants.tsv is built in; a program may
// replace it with a file once at start (UseParticipants), before any thread
// reads it. docs/protocol.md "Participants" mirrors the built-in copy.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::wire {

enum class ParticipantKind { kNational, kPartner, kNeighbour, kRoom };

struct Participant {
  std::string_view code;  // "AL", "EUROPOL", "OPSROOM"...
  std::string_view name;
  ParticipantKind kind;
};

class ParticipantCatalog {
 public:
  // Parses the TSV format of data/participants.tsv and checks it (codes
  // uppercase ASCII and unique, a known kind, a name, exactly one room);
  // throws std::runtime_error "SOURCE line N: ..." on the first problem.
  static ParticipantCatalog FromTsv(std::string_view text, std::string_view source = "participants.tsv");
  static const ParticipantCatalog& Embedded();  // the copy of data/participants.tsv built in
  static const ParticipantCatalog& InUse();     // the one UseParticipants chose, else Embedded()

  ParticipantCatalog(ParticipantCatalog&&) = default;  // moves keep the string_views valid
  ParticipantCatalog(const ParticipantCatalog&) = delete;
  ParticipantCatalog& operator=(const ParticipantCatalog&) = delete;

  const std::vector<Participant>& all() const { return participants_; }
  const std::vector<std::string_view>& nationals() const { return nationals_; }
  const Participant* Find(std::string_view code) const;

 private:
  ParticipantCatalog() = default;
  std::deque<std::string> text_;  // what the string_views point into (a deque never moves its elements)
  std::vector<Participant> participants_;
  std::vector<std::string_view> nationals_;
};

// Makes `catalog` the one the functions below answer from, for good (it is
// kept alive to the end of the process). Call once at start, before threads.
void UseParticipants(ParticipantCatalog catalog);

const std::vector<Participant>& AllParticipants();
const Participant* FindParticipant(std::string_view code);
inline bool IsKnownParticipant(std::string_view code) { return FindParticipant(code) != nullptr; }

// The national participants of the room, in display order.
const std::vector<std::string_view>& NationalCodes();

}  // namespace opsroom::wire
