// The console's look: a dark, low-glare theme for a room that never turns the
// lights off, and the few colours the windows share. UI thread only.
#pragma once
#include "console/model/deadlines.h"
#include "console/model/link_health.h"
#include "console/model/marker_style.h"
#include "console/model/types.h"
#include "imgui.h"

namespace opsroom::console {

void ApplyTheme(ImGuiStyle* style);

inline ImVec4 ToVec4(Rgba c) { return ImVec4(Red(c) / 255.0f, Green(c) / 255.0f, Blue(c) / 255.0f, Alpha(c) / 255.0f); }

inline constexpr Rgba kTextDim = MakeRgba(150, 160, 172);
inline constexpr Rgba kTextBright = MakeRgba(232, 236, 240);
inline constexpr Rgba kGood = MakeRgba(80, 200, 120);
inline constexpr Rgba kWarn = MakeRgba(235, 180, 50);
inline constexpr Rgba kBad = MakeRgba(235, 70, 70);
inline constexpr Rgba kAccent = MakeRgba(70, 150, 230);

Rgba HealthColor(LinkHealth health);
// A deadline's counting clock: the attention queue's and the hits window's alike.
Rgba ClockColor(ClockState state);
Rgba StatusColor(AlertStatus status);
Rgba LinkColor(LinkState link);

// Small coloured text helpers.
void TextColored(Rgba color, const char* text);
// A severity chip: a filled rounded rectangle with the name.
void SeverityChip(Severity severity);

}  // namespace opsroom::console
