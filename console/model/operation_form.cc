#include "console/model/operation_form.h"

#include <algorithm>

#include "wire/frame_check.h"
#include "wire/item_id.h"
#include "wire/participants.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::console {
namespace {

// Orientation of c against the line a->b: >0 left, <0 right, 0 on it.
double Cross(const LatLon& a, const LatLon& b, const LatLon& c) {
  return (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon);
}

bool SegmentsCross(const LatLon& a, const LatLon& b, const LatLon& c, const LatLon& d) {
  double d1 = Cross(c, d, a), d2 = Cross(c, d, b), d3 = Cross(a, b, c), d4 = Cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

void Add(std::vector<FormProblem>* out, FormField field, std::string text) { out->push_back({field, std::move(text)}); }

void CheckIdentity(const OperationForm& form, const std::string& sender, std::vector<FormProblem>* out) {
  if (form.code.empty()) Add(out, FormField::kCode, "a code is required (e.g. JAD-WB-2026)");
  std::string_view owner = wire::NodePrefix(form.code);
  if (!owner.empty() && !sender.empty() && owner != sender) {
    Add(out, FormField::kCode,
        "this operation belongs to " + std::string(owner) + "; only it can change it (copy it under a new code)");
  }
  if (form.name.empty()) Add(out, FormField::kName, "a name is required (e.g. Joint Action Day Western Balkans)");
  if (form.lead.empty()) {
    Add(out, FormField::kLead, "pick the lead (a country or a partner agency)");
  } else if (!wire::IsKnownParticipant(form.lead)) {
    Add(out, FormField::kLead, "'" + form.lead + "' is not a participant code");
  }
  if (form.participants.empty()) Add(out, FormField::kParticipants, "pick at least one participant");
}

void CheckArea(const OperationForm& form, std::vector<FormProblem>* out) {
  if (!form.area.empty() && form.area.size() < 3) {
    Add(out, FormField::kArea, "the area needs at least 3 points (or none); click more points on the map");
  }
  if (form.area.size() > wire::kMaxPolygonPoints) {
    Add(out, FormField::kArea, "the area has more than " + std::to_string(wire::kMaxPolygonPoints) + " points");
  }
  if (SelfIntersects(form.area)) Add(out, FormField::kArea, "the area's edges cross; redraw it without a loop");
  for (const std::string& code : form.place_codes) {
    if (!wire::PlaceCatalog::InUse().Find(code)) Add(out, FormField::kPlaces, "unknown place " + code);
  }
}

void CheckSchedule(const OperationForm& form, std::vector<FormProblem>* out) {
  if (form.starts_at_ms == 0) Add(out, FormField::kSchedule, "set when the operation starts (UTC)");
  if (form.ends_at_ms != 0 && form.ends_at_ms < form.starts_at_ms) {
    Add(out, FormField::kSchedule, "the end is before the start");
  }
  if (form.report_every_hours > MaxReportEveryHours()) {
    Add(out, FormField::kRhythm, "a sitrep every " + std::to_string(form.report_every_hours) +
                                     " hours is longer than the protocol allows (" +
                                     std::to_string(MaxReportEveryHours()) + " hours, a week)");
  }
}

}  // namespace

uint32_t MaxReportEveryHours() { return wire::kMaxReportEveryMinutes / 60; }

std::vector<FormProblem> FormProblems(const OperationForm& form, const std::string& sender, int64_t now_ms) {
  std::vector<FormProblem> out;
  CheckIdentity(form, sender, &out);
  CheckArea(form, &out);
  CheckSchedule(form, &out);
  if (!out.empty()) return out;
  // What the form checks above is friendlier; this is the hub's own check,
  // so nothing the hub would refuse for its content is ever sent.
  wire::Bytes bytes = wire::msg::BuildEnvelope(OperationEnvelope(form, sender.empty() ? "OPSROOM-PLAN" : sender, 1, now_ms));
  wire::ValidationContext ctx{&wire::PlaceCatalog::InUse(), now_ms};
  auto checked = wire::CheckEnvelope(bytes, ctx);
  if (!checked) Add(&out, FormField::kMessage, checked.rejection().text);
  return out;
}

wire::msg::JointOperation ToJointOperation(const OperationForm& form) {
  wire::msg::JointOperation op;
  op.code = form.code;
  op.name = form.name;
  op.lead = form.lead;
  op.participants = form.participants;
  for (int i = 0; i < kCrimeAreaCount; ++i) {
    if (form.crime_areas & Bit(static_cast<CrimeArea>(i))) op.crime_areas.push_back(static_cast<CrimeArea>(i));
  }
  op.area = form.area;
  op.place_codes = form.place_codes;
  op.starts_at_ms = form.starts_at_ms;
  op.ends_at_ms = form.ends_at_ms;
  op.phase = form.phase;
  op.report_every_minutes = form.report_every_hours * 60;
  return op;
}

wire::msg::Handling HandlingOf(const OperationForm& form) {
  wire::msg::Handling handling;
  if (form.sharing == OperationSharing::kPublic) return handling;
  handling.distribution = wire::Distribution::Limited;
  // Limited reaches the room's national agencies; naming the lead and the
  // participants widens it to the partners and neighbours among them.
  std::vector<std::string> named = form.participants;
  if (!form.lead.empty()) named.push_back(form.lead);
  for (const std::string& code : named) {
    const wire::Participant* who = wire::FindParticipant(code);
    if (who == nullptr || who->kind == wire::ParticipantKind::kNational || who->kind == wire::ParticipantKind::kRoom)
      continue;
    if (std::find(handling.recipients.begin(), handling.recipients.end(), code) == handling.recipients.end())
      handling.recipients.push_back(code);
  }
  return handling;
}

wire::msg::Envelope OperationEnvelope(const OperationForm& form, const std::string& sender, uint64_t node_seq,
                                      int64_t now_ms) {
  wire::msg::Envelope envelope;
  envelope.header.origin = sender;
  envelope.header.country = "OPSROOM";
  envelope.header.node_seq = node_seq;
  envelope.header.sent_at_ms = now_ms;
  envelope.header.handling = HandlingOf(form);
  envelope.payload = ToJointOperation(form);
  return envelope;
}

OperationForm FormFrom(const OperationValue& operation) {
  OperationForm form;
  form.code = operation.code;
  form.name = operation.name;
  form.lead = operation.lead;
  form.participants = operation.participants;
  for (CrimeArea area : operation.crime_areas) form.crime_areas |= Bit(area);
  form.area = operation.area;
  form.place_codes = operation.place_codes;
  form.starts_at_ms = operation.starts_at_ms;
  form.ends_at_ms = operation.ends_at_ms;
  form.phase = operation.phase;
  form.report_every_hours = (operation.report_every_minutes + 59) / 60;
  form.sharing = operation.meta.marking.distribution == Distribution::Public ? OperationSharing::kPublic
                                                                             : OperationSharing::kParticipants;
  return form;
}

namespace {
bool Toggle(std::vector<std::string>* list, const std::string& code) {
  auto it = std::find(list->begin(), list->end(), code);
  if (it != list->end()) {
    list->erase(it);
    return false;
  }
  list->push_back(code);
  return true;
}
}  // namespace

void ToggleParticipant(OperationForm* form, const std::string& code) { Toggle(&form->participants, code); }
void TogglePlace(OperationForm* form, const std::string& code) { Toggle(&form->place_codes, code); }
bool HasParticipant(const OperationForm& form, const std::string& code) {
  return std::find(form.participants.begin(), form.participants.end(), code) != form.participants.end();
}
bool HasPlace(const OperationForm& form, const std::string& code) {
  return std::find(form.place_codes.begin(), form.place_codes.end(), code) != form.place_codes.end();
}

OperationPhase NextPhase(OperationPhase phase) {
  int next = std::min(static_cast<int>(phase) + 1, kOperationPhaseCount - 1);
  return static_cast<OperationPhase>(next);
}

bool SelfIntersects(const std::vector<LatLon>& polygon) {
  const std::size_t n = polygon.size();
  if (n < 4) return false;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // neighbours through the closing edge
      if (SegmentsCross(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n])) return true;
    }
  }
  return false;
}

}  // namespace opsroom::console
