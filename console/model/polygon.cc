#include "console/model/polygon.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace opsroom::console {

std::vector<ScreenPoint> HatchSegments(const std::vector<ScreenPoint>& polygon, float spacing) {
  std::vector<ScreenPoint> out;
  if (polygon.size() < 3 || spacing <= 0) return out;
  // Lines x + y = c; walk c over the polygon's range.
  float lo = polygon[0].x + polygon[0].y, hi = lo;
  for (const auto& p : polygon) {
    lo = std::min(lo, p.x + p.y);
    hi = std::max(hi, p.x + p.y);
  }
  std::vector<float> xs;
  for (float c = std::ceil(lo / spacing) * spacing; c <= hi; c += spacing) {
    xs.clear();
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
      float si = polygon[i].x + polygon[i].y - c, sj = polygon[j].x + polygon[j].y - c;
      if ((si > 0) == (sj > 0)) continue;
      float t = si / (si - sj);
      xs.push_back(polygon[i].x + t * (polygon[j].x - polygon[i].x));
    }
    std::sort(xs.begin(), xs.end());
    for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
      out.push_back({xs[k], c - xs[k]});
      out.push_back({xs[k + 1], c - xs[k + 1]});
    }
  }
  return out;
}

}  // namespace opsroom::console
