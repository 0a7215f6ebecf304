// Triangulating a simple polygon (ear clipping), for joint-operation areas,
// which may be concave and which ImDrawList cannot fill. Pure; any thread.
#pragma once
#include <vector>

#include "console/model/projection.h"

namespace opsroom::console {

// Triangles (3 points each) covering a simple polygon given in either
// winding. Degenerate or self-intersecting input yields what it can.
std::vector<WorldPoint> Triangulate(const std::vector<WorldPoint>& polygon);
double SignedArea(const std::vector<WorldPoint>& polygon);

}  // namespace opsroom::console
