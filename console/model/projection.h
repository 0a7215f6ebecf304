// Web Mercator projection and the map viewport (pan, zoom about a point,
// reset). World coordinates are Web Mercator normalised to [0,1] x [0,1],
// x east, y south. Plain values; the UI thread owns the viewport.
#pragma once
#include <cstdint>

#include "wire/messages.h"

namespace opsroom::console {

using LatLon = wire::msg::LatLon;  // the messages' own point

struct WorldPoint {
  double x = 0;
  double y = 0;
};

struct WorldRect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool Contains(WorldPoint p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
  bool Intersects(const WorldRect& o) const { return o.x0 <= x1 && o.x1 >= x0 && o.y0 <= y1 && o.y1 >= y0; }
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

struct ScreenPoint {
  float x = 0;
  float y = 0;
};

struct ScreenRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool Contains(ScreenPoint p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

WorldPoint Project(LatLon where);
LatLon Unproject(WorldPoint where);
WorldRect ProjectBox(double lat_south, double lon_west, double lat_north, double lon_east);

// The view the console opens on: the Western Balkans and their neighbours.
WorldRect HomeRegion();

class Viewport {
 public:
  // How far the operator may zoom, relative to the home view.
  static constexpr double kMinZoom = 0.5;
  static constexpr double kMaxZoom = 256.0;

  // Sets the screen rectangle the map occupies; keeps the world centre.
  void SetScreen(ScreenRect screen);
  // Frames `region` in the screen rectangle and makes that the home view.
  void Reset(WorldRect region);

  ScreenPoint ToScreen(WorldPoint p) const;
  ScreenPoint ToScreen(LatLon p) const { return ToScreen(Project(p)); }
  WorldPoint ToWorld(ScreenPoint p) const;

  // Restores a saved view (centre and zoom relative to the home view).
  void Restore(WorldPoint center, double zoom);
  void Pan(float dx_px, float dy_px);
  void ZoomAbout(ScreenPoint anchor, double factor);

  WorldRect Visible() const;
  const ScreenRect& screen() const { return screen_; }
  double scale() const { return scale_; }  // pixels per world unit
  double zoom() const { return home_scale_ > 0 ? scale_ / home_scale_ : 1.0; }
  WorldPoint center() const { return center_; }
  // Changes whenever what the viewport shows changes (for caches).
  uint64_t revision() const { return revision_; }

 private:
  ScreenRect screen_;
  WorldPoint center_{0.5, 0.5};
  double scale_ = 1.0;
  double home_scale_ = 0.0;
  WorldRect home_;
  uint64_t revision_ = 1;
};

}  // namespace opsroom::console
