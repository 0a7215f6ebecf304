#include "console/model/polygon.h"

#include <cstddef>

namespace opsroom::console {
namespace {

double Cross(WorldPoint o, WorldPoint a, WorldPoint b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool InTriangle(WorldPoint p, WorldPoint a, WorldPoint b, WorldPoint c) {
  double d1 = Cross(a, b, p), d2 = Cross(b, c, p), d3 = Cross(c, a, p);
  return d1 >= 0 && d2 >= 0 && d3 >= 0;
}

// An ear of a counter-clockwise polygon: convex corner, no other vertex inside.
bool IsEar(const std::vector<WorldPoint>& pts, const std::vector<std::size_t>& ring, std::size_t i) {
  std::size_t n = ring.size();
  WorldPoint a = pts[ring[(i + n - 1) % n]], b = pts[ring[i]], c = pts[ring[(i + 1) % n]];
  if (Cross(a, b, c) <= 0) return false;
  for (std::size_t j = 0; j < n; ++j) {
    if (j == i || j == (i + 1) % n || j == (i + n - 1) % n) continue;
    if (InTriangle(pts[ring[j]], a, b, c)) return false;
  }
  return true;
}

}  // namespace

double SignedArea(const std::vector<WorldPoint>& polygon) {
  double area = 0;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const WorldPoint& a = polygon[i];
    const WorldPoint& b = polygon[(i + 1) % polygon.size()];
    area += a.x * b.y - b.x * a.y;
  }
  return area / 2;
}

std::vector<WorldPoint> Triangulate(const std::vector<WorldPoint>& polygon) {
  std::vector<WorldPoint> out;
  if (polygon.size() < 3) return out;
  std::vector<std::size_t> ring;
  for (std::size_t i = 0; i < polygon.size(); ++i) ring.push_back(i);
  if (SignedArea(polygon) < 0) ring.assign(ring.rbegin(), ring.rend());
  std::size_t guard = 0;
  while (ring.size() > 3 && guard < polygon.size() * polygon.size()) {
    bool clipped = false;
    for (std::size_t i = 0; i < ring.size(); ++i, ++guard) {
      if (!IsEar(polygon, ring, i)) continue;
      std::size_t n = ring.size();
      out.push_back(polygon[ring[(i + n - 1) % n]]);
      out.push_back(polygon[ring[i]]);
      out.push_back(polygon[ring[(i + 1) % n]]);
      ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i));
      clipped = true;
      break;
    }
    if (!clipped) break;  // not simple: give up on the rest
  }
  if (ring.size() == 3) {
    for (std::size_t i : ring) out.push_back(polygon[i]);
  }
  return out;
}

}  // namespace opsroom::console
