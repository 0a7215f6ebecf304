// The planner's operation editor as plain values: what the form holds, what is
// wrong with it (field by field, then in the hub's own words: the message it
// would send goes through wire's envelope check, the same one the hub runs),
// and the JointOperation it sends, in wire's one message model. The view only
// draws it. UI thread only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "console/model/events.h"
#include "wire/messages.h"

namespace opsroom::console {

// Who sees the operation: everyone, or the room's national agencies plus the
// operation's own participants (a Limited item widened to the partners and
// neighbours it names, docs/protocol.md section 10).
enum class OperationSharing : uint8_t { kPublic, kParticipants };

struct OperationForm {
  std::string code;  // as typed: short (the sender's namespace) or a full effective id
  std::string name;
  std::string lead;                       // a participant code
  std::vector<std::string> participants;  // participant codes, in the order toggled on
  uint32_t crime_areas = 0;               // Bit(CrimeArea)
  std::vector<LatLon> area;               // polygon, implicitly closed; empty: none
  std::vector<std::string> place_codes;   // data/places.tsv codes
  int64_t starts_at_ms = 0;               // 0: not set
  int64_t ends_at_ms = 0;
  OperationPhase phase = OperationPhase::Planned;
  uint32_t report_every_hours = 0;  // a sitrep due from each participant this often; 0: no rhythm
  OperationSharing sharing = OperationSharing::kParticipants;
};

// Which part of the form a problem is about, so the view can show it there.
enum class FormField : uint8_t { kCode, kName, kLead, kParticipants, kArea, kPlaces, kSchedule, kRhythm, kMessage };

struct FormProblem {
  FormField field = FormField::kMessage;
  std::string text;
};

// The longest rhythm the protocol allows (wire::kMaxReportEveryMinutes), in hours.
uint32_t MaxReportEveryHours();

// Everything that stops the form from being sent; empty: it can be sent.
// `sender` is the node id the console publishes as: an operation under
// another node's prefix is that node's alone (docs/protocol.md 6.1).
std::vector<FormProblem> FormProblems(const OperationForm& form, const std::string& sender, int64_t now_ms);

// The operation as the wire carries it, and the header's handling.
wire::msg::JointOperation ToJointOperation(const OperationForm& form);
wire::msg::Handling HandlingOf(const OperationForm& form);
// The whole envelope, as the network thread sends it (origin, country "OPSROOM").
wire::msg::Envelope OperationEnvelope(const OperationForm& form, const std::string& sender, uint64_t node_seq,
                                      int64_t now_ms);

// An existing operation loaded for a new version (every field again, as the
// protocol wants); its code is the effective id.
OperationForm FormFrom(const OperationValue& operation);

// Edits the view makes, kept here so their rules are tested.
void ToggleParticipant(OperationForm* form, const std::string& code);
void TogglePlace(OperationForm* form, const std::string& code);
bool HasParticipant(const OperationForm& form, const std::string& code);
bool HasPlace(const OperationForm& form, const std::string& code);
// The phase after `phase` (Closed stays Closed).
OperationPhase NextPhase(OperationPhase phase);

// Whether two edges of the polygon cross (a figure eight): the map could not
// shade it and "inside" would mean nothing.
bool SelfIntersects(const std::vector<LatLon>& polygon);

}  // namespace opsroom::console
