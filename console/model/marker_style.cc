#include "console/model/marker_style.h"

#include <algorithm>
#include <cmath>

namespace opsroom::console {

Rgba WithAlpha(Rgba c, float alpha) {
  auto a = static_cast<uint8_t>(std::clamp(alpha, 0.0f, 1.0f) * Alpha(c) + 0.5f);
  return (c & 0x00FFFFFFu) | static_cast<Rgba>(a) << 24;
}

Rgba Mix(Rgba a, Rgba b, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  auto lerp = [t](uint8_t x, uint8_t y) { return static_cast<uint8_t>(x + (y - x) * t + 0.5f); };
  return MakeRgba(lerp(Red(a), Red(b)), lerp(Green(a), Green(b)), lerp(Blue(a), Blue(b)), lerp(Alpha(a), Alpha(b)));
}

Rgba SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::Routine: return MakeRgba(86, 160, 220);
    case Severity::Priority: return MakeRgba(232, 196, 60);
    case Severity::Urgent: return MakeRgba(245, 128, 40);
    case Severity::Flash: return MakeRgba(240, 48, 64);
  }
  return MakeRgba(200, 200, 200);
}

MarkerShape ShapeFor(CrimeArea area) {
  switch (area) {
    case CrimeArea::MigrantSmuggling: return MarkerShape::kCircle;
    case CrimeArea::TraffickingInPersons: return MarkerShape::kStar;
    case CrimeArea::ExciseGoods: return MarkerShape::kSquare;
    case CrimeArea::CounterfeitGoods: return MarkerShape::kSquare;
    case CrimeArea::Drugs: return MarkerShape::kDiamond;
    case CrimeArea::Firearms: return MarkerShape::kTriangle;
    case CrimeArea::CashSmuggling: return MarkerShape::kHexagon;
    case CrimeArea::DocumentFraud: return MarkerShape::kTriangleDown;
    case CrimeArea::BorderCorruption: return MarkerShape::kCross;
    case CrimeArea::StolenVehicles: return MarkerShape::kHexagon;
    case CrimeArea::CulturalGoods: return MarkerShape::kDiamond;
    case CrimeArea::Unspecified:
    case CrimeArea::Other: return MarkerShape::kCircle;
  }
  return MarkerShape::kCircle;
}

float PulsePhase(int64_t age_ms) {
  if (age_ms < 0) age_ms = 0;
  if (age_ms >= kPulseMs) return -1.0f;
  return static_cast<float>(age_ms % 1000) / 1000.0f;
}

float FadeAlpha(int64_t age_ms) {
  if (age_ms <= kFadeStartMs) return 1.0f;
  if (age_ms >= kFadeEndMs) return kFadeFloor;
  double t = static_cast<double>(age_ms - kFadeStartMs) / static_cast<double>(kFadeEndMs - kFadeStartMs);
  // Faster at first: an hour-old alert is already noticeably dimmer.
  double eased = std::sqrt(t);
  return static_cast<float>(1.0 - (1.0 - kFadeFloor) * eased);
}

bool IsParticipantCountry(std::string_view iso2) {
  static constexpr std::string_view kCodes[] = {"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
  return std::find(std::begin(kCodes), std::end(kCodes), iso2) != std::end(kCodes);
}

Rgba CountryFill(std::string_view iso2, LinkHealth health) {
  if (!IsParticipantCountry(iso2)) return kNeighbourFill;
  switch (health) {
    case LinkHealth::kSilent:
    case LinkHealth::kDisconnected: return Mix(kParticipantFill, kSilentTint, 0.55f);
    case LinkHealth::kLate: return Mix(kParticipantFill, kLateTint, 0.45f);
    case LinkHealth::kUnknown:
    case LinkHealth::kHealthy: return kParticipantFill;
  }
  return kParticipantFill;
}

}  // namespace opsroom::console
