#include "console/model/projection.h"

#include <algorithm>
#include <cmath>

namespace opsroom::console {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMaxLat = 85.05112878;  // Web Mercator's square world

}  // namespace

WorldPoint Project(LatLon where) {
  double lat = std::clamp(where.lat, -kMaxLat, kMaxLat) * kPi / 180.0;
  double x = (where.lon + 180.0) / 360.0;
  double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / kPi) / 2.0;
  return {x, y};
}

LatLon Unproject(WorldPoint where) {
  double lon = where.x * 360.0 - 180.0;
  double n = kPi * (1.0 - 2.0 * where.y);
  double lat = std::atan(std::sinh(n)) * 180.0 / kPi;
  return {lat, lon};
}

WorldRect ProjectBox(double lat_south, double lon_west, double lat_north, double lon_east) {
  WorldPoint nw = Project({lat_north, lon_west});
  WorldPoint se = Project({lat_south, lon_east});
  return {nw.x, nw.y, se.x, se.y};
}

WorldRect HomeRegion() { return ProjectBox(39.4, 13.6, 46.6, 23.4); }

void Viewport::SetScreen(ScreenRect screen) {
  if (screen.x0 == screen_.x0 && screen.y0 == screen_.y0 && screen.x1 == screen_.x1 && screen.y1 == screen_.y1) {
    return;
  }
  bool first = home_scale_ == 0.0;
  screen_ = screen;
  ++revision_;
  if (first) Reset(HomeRegion());
}

void Viewport::Reset(WorldRect region) {
  double sx = screen_.width() / std::max(region.width(), 1e-12);
  double sy = screen_.height() / std::max(region.height(), 1e-12);
  scale_ = std::max(std::min(sx, sy), 1e-6);
  home_scale_ = scale_;
  home_ = region;
  center_ = {(region.x0 + region.x1) / 2, (region.y0 + region.y1) / 2};
  ++revision_;
}

ScreenPoint Viewport::ToScreen(WorldPoint p) const {
  double cx = (screen_.x0 + screen_.x1) / 2.0;
  double cy = (screen_.y0 + screen_.y1) / 2.0;
  return {static_cast<float>(cx + (p.x - center_.x) * scale_), static_cast<float>(cy + (p.y - center_.y) * scale_)};
}

WorldPoint Viewport::ToWorld(ScreenPoint p) const {
  double cx = (screen_.x0 + screen_.x1) / 2.0;
  double cy = (screen_.y0 + screen_.y1) / 2.0;
  return {center_.x + (p.x - cx) / scale_, center_.y + (p.y - cy) / scale_};
}

void Viewport::Restore(WorldPoint center, double zoom) {
  if (home_scale_ == 0.0) return;
  scale_ = home_scale_ * std::clamp(zoom, kMinZoom, kMaxZoom);
  center_.x = std::clamp(center.x, home_.x0, home_.x1);
  center_.y = std::clamp(center.y, home_.y0, home_.y1);
  ++revision_;
}

void Viewport::Pan(float dx_px, float dy_px) {
  if (dx_px == 0 && dy_px == 0) return;
  center_.x -= dx_px / scale_;
  center_.y -= dy_px / scale_;
  // Keep the home region's centre reachable: never pan the region fully away.
  center_.x = std::clamp(center_.x, home_.x0, home_.x1);
  center_.y = std::clamp(center_.y, home_.y0, home_.y1);
  ++revision_;
}

void Viewport::ZoomAbout(ScreenPoint anchor, double factor) {
  if (home_scale_ == 0.0 || factor <= 0) return;
  double target = std::clamp(scale_ * factor, home_scale_ * kMinZoom, home_scale_ * kMaxZoom);
  if (target == scale_) return;
  WorldPoint fixed = ToWorld(anchor);
  scale_ = target;
  WorldPoint moved = ToWorld(anchor);
  center_.x += fixed.x - moved.x;
  center_.y += fixed.y - moved.y;
  ++revision_;
}

WorldRect Viewport::Visible() const {
  WorldPoint a = ToWorld({screen_.x0, screen_.y0});
  WorldPoint b = ToWorld({screen_.x1, screen_.y1});
  return {a.x, a.y, b.x, b.y};
}

}  // namespace opsroom::console
