// The console's own vocabulary: plain enums mirroring the wire schemas, so the
// model builds without FlatBuffers, ImGui or GL. The network layer maps wire
// enums onto these (console/net/event_decode.cc checks they line up).
#pragma once
#include <cstdint>

namespace opsroom::console {

enum class Severity : uint8_t { kRoutine, kPriority, kUrgent, kFlash };
inline constexpr int kSeverityCount = 4;

enum class CrimeArea : uint8_t {
  kUnspecified,
  kMigrantSmuggling,
  kTraffickingInPersons,
  kExciseGoods,
  kCounterfeitGoods,
  kDrugs,
  kFirearms,
  kCashSmuggling,
  kDocumentFraud,
  kBorderCorruption,
  kStolenVehicles,
  kCulturalGoods,
  kOther
};
inline constexpr int kCrimeAreaCount = 13;

enum class AlertStatus : uint8_t { kOpen, kAcknowledged, kAssigned, kEscalated, kClosed, kExpired };
inline constexpr int kAlertStatusCount = 6;

enum class ActionKind : uint8_t { kAcknowledge, kAssign, kComment, kEscalate, kClose, kReopen, kExpire };
inline constexpr int kActionKindCount = 7;

enum class OperationPhase : uint8_t { kPlanned, kBriefing, kActive, kDebriefing, kClosed };
inline constexpr int kOperationPhaseCount = 5;

enum class WatchKind : uint8_t { kPerson, kVehicle, kVessel, kContainer, kDocument, kOrganisation, kPhone };
inline constexpr int kWatchKindCount = 7;

enum class ActionRequested : uint8_t { kDiscreetCheck, kSpecificCheck, kArrest, kRefuseEntry, kSeize, kInformOwner };
inline constexpr int kActionRequestedCount = 6;

enum class Commodity : uint8_t {
  kOther,
  kCigarettes,
  kAlcohol,
  kCannabis,
  kCocaine,
  kHeroin,
  kSyntheticDrugs,
  kFirearms,
  kAmmunition,
  kCash,
  kCounterfeitGoods,
  kFalsifiedMedicines,
  kVehicles,
  kDocuments,
  kCulturalGoods
};
inline constexpr int kCommodityCount = 15;

enum class Unit : uint8_t { kPieces, kKilograms, kLitres, kEuro };
inline constexpr int kUnitCount = 4;

// The console's connection to the hub, as the subscriber reports it.
enum class HubLink : uint8_t { kConnecting, kSnapshot, kCatchingUp, kLive, kLost };

const char* SeverityName(Severity value);
const char* CrimeAreaName(CrimeArea value);
const char* AlertStatusName(AlertStatus value);
const char* ActionKindName(ActionKind value);
const char* OperationPhaseName(OperationPhase value);
const char* WatchKindName(WatchKind value);
const char* ActionRequestedName(ActionRequested value);
const char* CommodityName(Commodity value);
const char* UnitName(Unit value);
const char* HubLinkName(HubLink value);

// A bit per enum value, for filter masks.
template <typename E>
constexpr uint32_t Bit(E value) {
  return 1u << static_cast<uint32_t>(value);
}
constexpr uint32_t AllBits(int count) { return count >= 32 ? ~0u : (1u << count) - 1u; }

}  // namespace opsroom::console
