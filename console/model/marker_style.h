// How alerts and countries look, as plain numbers: marker colour by severity,
// shape by crime area, the pulse of a new alert and the fade of an old one,
// and country fills tinted by link health. The view turns these into draw
// calls; tests use the same numbers to check a screenshot.
#pragma once
#include <cstdint>
#include <string_view>

#include "console/model/link_health.h"
#include "console/model/types.h"

namespace opsroom::console {

// 0xAABBGGRR, the byte order ImGui's IM_COL32 uses.
using Rgba = uint32_t;
constexpr Rgba MakeRgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a = 255) {
  return static_cast<Rgba>(r) | static_cast<Rgba>(g) << 8 | static_cast<Rgba>(b) << 16 | static_cast<Rgba>(a) << 24;
}
constexpr uint8_t Red(Rgba c) { return c & 0xFF; }
constexpr uint8_t Green(Rgba c) { return (c >> 8) & 0xFF; }
constexpr uint8_t Blue(Rgba c) { return (c >> 16) & 0xFF; }
constexpr uint8_t Alpha(Rgba c) { return c >> 24; }
Rgba WithAlpha(Rgba c, float alpha);
Rgba Mix(Rgba a, Rgba b, float t);  // t = 0: a, 1: b

Rgba SeverityColor(Severity severity);

enum class MarkerShape : uint8_t { kCircle, kSquare, kDiamond, kTriangle, kTriangleDown, kHexagon, kCross, kStar };
MarkerShape ShapeFor(CrimeArea area);

// New alerts pulse for their first minute: a ring growing from the marker,
// once per second. Returns the ring's phase 0..1, or a negative number when
// the alert no longer pulses.
inline constexpr int64_t kPulseMs = 60'000;
float PulsePhase(int64_t age_ms);

// Markers fade as alerts age: full for 10 minutes, then down to kFadeFloor at
// 12 hours, so old alerts stay visible but recede.
inline constexpr int64_t kFadeStartMs = 10 * 60'000;
inline constexpr int64_t kFadeEndMs = 12 * 3'600'000LL;
inline constexpr float kFadeFloor = 0.35f;
float FadeAlpha(int64_t age_ms);

// Map colours.
inline constexpr Rgba kSeaColor = MakeRgba(12, 23, 36);
inline constexpr Rgba kParticipantFill = MakeRgba(50, 64, 82);
inline constexpr Rgba kNeighbourFill = MakeRgba(31, 37, 45);
inline constexpr Rgba kBorderColor = MakeRgba(112, 128, 146);
inline constexpr Rgba kSilentTint = MakeRgba(150, 42, 42);
inline constexpr Rgba kLateTint = MakeRgba(150, 112, 30);

bool IsParticipantCountry(std::string_view iso2);
// The fill of a country on the map: participants lighter than neighbours; a
// participant whose node is silent or disconnected turns red, a late one amber.
Rgba CountryFill(std::string_view iso2, LinkHealth health);

}  // namespace opsroom::console
