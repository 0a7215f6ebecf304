// Hatching an area (a joint operation's polygon, possibly concave) in screen
// space, so it can be shaded while what lies under it stays readable. Pure;
// any thread.
#pragma once
#include <vector>

#include "console/model/projection.h"

namespace opsroom::console {

// The parts of the lines x + y = k * spacing that lie inside a polygon
// (even-odd rule), as consecutive pairs of end points.
std::vector<ScreenPoint> HatchSegments(const std::vector<ScreenPoint>& polygon, float spacing);

}  // namespace opsroom::console
