#include "console/model/types.h"

namespace opsroom::console {
namespace {

template <typename E, std::size_t N>
const char* NameOf(E value, const char* const (&names)[N]) {
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

const char* HubLinkName(HubLink value) {
  static const char* const kNames[] = {"connecting", "snapshot", "catching up", "live", "lost"};
  return NameOf(value, kNames);
}

}  // namespace opsroom::console
