// The console's vocabulary: the schemas' enums (wire's, one set for every
// program) and the names the desk shows for them ("Migrant smuggling", not
// the schema's "MigrantSmuggling"). No ImGui or GL here.
#pragma once
#include <cstdint>
#include <string>

#include "wire/link_state.h"
#include "wire/messages.h"

namespace opsroom::console {

// The schemas' enums (FlatBuffers' generated ones, the same types wire::msg
// holds), named unqualified here; the console has no copies of its own.
using wire::ActionKind;
using wire::ActionRequested;
using wire::AlertStatus;
using wire::Commodity;
using wire::CrimeArea;
using wire::HandoverItemKind;
using wire::HitCopy;
using wire::HitSource;
using wire::HitVerdict;
using wire::OperationPhase;
using wire::ReasonOutcome;
using wire::Severity;
using wire::Unit;
using wire::WatchKind;

// How many values a schema enum has (its values run from 0 to MAX).
template <typename E>
constexpr int EnumCount() {
  return static_cast<int>(E::MAX) + 1;
}
inline constexpr int kSeverityCount = EnumCount<Severity>();
inline constexpr int kCrimeAreaCount = EnumCount<CrimeArea>();
inline constexpr int kAlertStatusCount = EnumCount<AlertStatus>();
inline constexpr int kActionKindCount = EnumCount<ActionKind>();
inline constexpr int kOperationPhaseCount = EnumCount<OperationPhase>();
inline constexpr int kWatchKindCount = EnumCount<WatchKind>();
inline constexpr int kActionRequestedCount = EnumCount<ActionRequested>();
inline constexpr int kCommodityCount = EnumCount<Commodity>();
inline constexpr int kUnitCount = EnumCount<Unit>();
inline constexpr int kHandoverItemKindCount = EnumCount<HandoverItemKind>();

// The console's connection to the hub: the subscriber's own states, shared through wire.
using wire::LinkState;

const char* SeverityName(Severity value);
const char* CrimeAreaName(CrimeArea value);
const char* AlertStatusName(AlertStatus value);
const char* ActionKindName(ActionKind value);
const char* OperationPhaseName(OperationPhase value);
const char* WatchKindName(WatchKind value);
const char* ActionRequestedName(ActionRequested value);
const char* CommodityName(Commodity value);
const char* UnitName(Unit value);
const char* HubLinkName(LinkState value);

// An alert's reference as the desk shows it: "SIS: SIS-123".
std::string ReferenceText(const wire::msg::ExternalRef& reference);
// The name a hit's subject was seen under ("" when the hit has no subject),
// and what was seen besides the name: "1984-03-02 RS P1234567".
std::string SubjectName(const wire::msg::Hit& hit);
std::string SubjectDetail(const wire::msg::Hit& hit);

// A bit per enum value, for filter masks.
template <typename E>
constexpr uint32_t Bit(E value) {
  return 1u << static_cast<uint32_t>(value);
}
constexpr uint32_t AllBits(int count) { return count >= 32 ? ~0u : (1u << count) - 1u; }

}  // namespace opsroom::console
