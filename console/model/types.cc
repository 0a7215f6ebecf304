#include "console/model/types.h"

namespace opsroom::console {
namespace {

// A schema enum's table must name every value: a value added to the schema
// fails to compile here until the desk has a name for it.
template <typename E, std::size_t N>
const char* NameOf(E value, const char* const (&names)[N]) {
  if constexpr (requires { E::MAX; }) static_assert(N == static_cast<std::size_t>(EnumCount<E>()));
  auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : "?";
}

}  // namespace

const char* SeverityName(Severity value) {
  static const char* const kNames[] = {"Routine", "Priority", "Urgent", "Flash"};
  return NameOf(value, kNames);
}

const char* CrimeAreaName(CrimeArea value) {
  static const char* const kNames[] = {
      "Unspecified",     "Migrant smuggling", "Trafficking",    "Excise goods",   "Counterfeit",
      "Drugs",           "Firearms",          "Cash smuggling", "Document fraud", "Border corruption",
      "Stolen vehicles", "Cultural goods",    "Other"};
  return NameOf(value, kNames);
}

const char* AlertStatusName(AlertStatus value) {
  static const char* const kNames[] = {"Open", "Acknowledged", "Assigned", "Escalated", "Closed", "Expired"};
  return NameOf(value, kNames);
}

const char* ActionKindName(ActionKind value) {
  static const char* const kNames[] = {"Acknowledge", "Assign", "Comment", "Escalate", "Close", "Reopen", "Expire"};
  return NameOf(value, kNames);
}

const char* OperationPhaseName(OperationPhase value) {
  static const char* const kNames[] = {"Planned", "Briefing", "Active", "Debriefing", "Closed"};
  return NameOf(value, kNames);
}

const char* WatchKindName(WatchKind value) {
  static const char* const kNames[] = {"Person", "Vehicle", "Vessel", "Container", "Document", "Organisation", "Phone"};
  return NameOf(value, kNames);
}

const char* ActionRequestedName(ActionRequested value) {
  static const char* const kNames[] = {"Discreet check", "Specific check", "Arrest",
                                       "Refuse entry",   "Seize",          "Inform owner"};
  return NameOf(value, kNames);
}

const char* CommodityName(Commodity value) {
  static const char* const kNames[] = {"Other",       "Cigarettes", "Alcohol",  "Cannabis",   "Cocaine",
                                       "Heroin",      "Synthetic",  "Firearms", "Ammunition", "Cash",
                                       "Counterfeit", "Medicines",  "Vehicles", "Documents",  "Cultural goods"};
  return NameOf(value, kNames);
}

const char* UnitName(Unit value) {
  static const char* const kNames[] = {"pcs", "kg", "l", "EUR"};
  return NameOf(value, kNames);
}

const char* HubLinkName(LinkState value) {
  static const char* const kNames[] = {"connecting", "snapshot", "catching up", "live", "lost"};
  return NameOf(value, kNames);
}

std::string ReferenceText(const wire::msg::ExternalRef& reference) {
  const char* system = wire::EnumNameRefSystem(reference.system);
  return std::string(system && *system ? system : "Other") + ": " + reference.reference;
}

std::string SubjectName(const wire::msg::Hit& hit) { return hit.subject ? hit.subject->name : std::string(); }

std::string SubjectDetail(const wire::msg::Hit& hit) {
  std::string detail;
  if (!hit.subject) return detail;
  const wire::msg::Subject& subject = *hit.subject;
  for (const std::string* part :
       {&subject.date_of_birth, &subject.nationality, &subject.document_number, &subject.plate, &subject.vin,
        &subject.imo, &subject.container_number, &subject.phone}) {
    if (part->empty()) continue;
    if (!detail.empty()) detail += ' ';
    detail += *part;
  }
  return detail;
}

}  // namespace opsroom::console
