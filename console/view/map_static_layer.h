// The part of the map that changes only when the view changes: sea,
// graticule, country fills (tinted by link health), borders, joint-operation
// areas, country labels and places. Drawn into any ImDrawList (the app caches
// it in a texture). UI thread only.
#pragma once
#include <cstdint>

#include "console/model/console_model.h"
#include "console/model/map_geometry.h"
#include "console/model/projection.h"
#include "console/view/view_context.h"
#include "imgui.h"

namespace opsroom::console {

struct StaticLayerInput {
  const Viewport& viewport;
  const ConsoleModel& model;
  int64_t now_ms;
  ViewFonts fonts;
  bool replay = false;  // the countries' links as the log tells them at now_ms (docs/desk.md 8)
};

// Zoom from which the 1:10m shapes replace the 1:50m ones.
inline constexpr double kFineMapZoom = 3.0;
// Zoom from which place names are written.
inline constexpr double kPlaceNamesZoom = 2.5;

const MapGeometry& MapFor(const Viewport& viewport);
void DrawStaticLayer(ImDrawList* draw, const StaticLayerInput& in);
// Country names, drawn above the alert markers so they stay readable.
void DrawCountryLabels(ImDrawList* draw, const StaticLayerInput& in);
// Changes whenever DrawStaticLayer would draw something different, except
// for the viewport's centre: the caller tracks pans itself.
uint64_t StaticLayerKey(const StaticLayerInput& in);

}  // namespace opsroom::console
