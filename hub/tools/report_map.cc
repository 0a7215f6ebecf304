#include "hub/tools/report_map.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "hub/tools/png_writer.h"

namespace opsroom::hub {

extern const char* const kReportMapText;  // data/map/countries_50m.txt (generated)

namespace {

constexpr uint32_t kSea = 0xDCE8F0, kLand = 0xF4F1E8, kBorder = 0x8C8C8C, kArea = 0x2860C8, kInk = 0x202020;
// The data's clipping box (data/map/SOURCE.md): segments along it are not borders.
constexpr double kClipLon0 = 12.0, kClipLat0 = 38.5, kClipLon1 = 24.5, kClipLat1 = 47.5;

uint32_t SeverityColour(wire::Severity severity) {
  switch (severity) {
    case wire::Severity::Flash: return 0xD01C1C;
    case wire::Severity::Urgent: return 0xE8801C;
    case wire::Severity::Priority: return 0xE8C81C;
    default: return 0x3C9C3C;
  }
}

uint32_t Blend(uint32_t under, uint32_t over, int over_percent) {
  uint32_t out = 0;
  for (int shift = 0; shift <= 16; shift += 8) {
    int a = static_cast<int>((under >> shift) & 0xFF), b = static_cast<int>((over >> shift) & 0xFF);
    out |= static_cast<uint32_t>((a * (100 - over_percent) + b * over_percent) / 100) << shift;
  }
  return out;
}

// Equirectangular, x scaled by cos(latitude) at the frame's middle: enough for a few degrees.
struct Frame {
  double lon0, lat0, lon1, lat1;
  int width, height;
  double X(double lon) const { return (lon - lon0) / (lon1 - lon0) * width; }
  double Y(double lat) const { return (lat1 - lat) / (lat1 - lat0) * height; }
};

Frame FrameFor(const std::vector<wire::msg::LatLon>& points, int width, int height) {
  double lon0 = points[0].lon, lon1 = lon0, lat0 = points[0].lat, lat1 = lat0;
  for (const auto& p : points) {
    lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
    lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
  }
  double mid_lat = (lat0 + lat1) / 2, squash = std::cos(mid_lat * M_PI / 180);
  double span_lat = std::max({(lat1 - lat0) * 1.4, (lon1 - lon0) * 1.4 * squash * height / width, 1.0});
  double span_lon = span_lat / squash * width / height;
  double mid_lon = (lon0 + lon1) / 2;
  return {mid_lon - span_lon / 2, mid_lat - span_lat / 2, mid_lon + span_lon / 2, mid_lat + span_lat / 2, width,
          height};
}

void Line(RgbImage& image, double x0, double y0, double x1, double y1, uint32_t rgb) {
  int steps = static_cast<int>(std::ceil(std::max(std::fabs(x1 - x0), std::fabs(y1 - y0)))) + 1;
  if (steps > 4 * (image.width + image.height)) return;  // far off the frame: nothing to see
  for (int i = 0; i <= steps; ++i) {
    double t = static_cast<double>(i) / steps;
    image.Set(static_cast<int>(std::lround(x0 + (x1 - x0) * t)), static_cast<int>(std::lround(y0 + (y1 - y0) * t)),
              rgb);
  }
}

// Even-odd scanline fill of one polygon (pixel centres), `paint` per pixel.
template <typename Paint>
void FillPolygon(RgbImage& image, const std::vector<std::pair<double, double>>& poly, Paint paint) {
  double top = poly[0].second, bottom = top;
  for (const auto& point : poly) top = std::min(top, point.second), bottom = std::max(bottom, point.second);
  int first = std::max(0, static_cast<int>(std::floor(top)));
  int last = std::min(image.height - 1, static_cast<int>(std::ceil(bottom)));
  for (int y = first; y <= last; ++y) {
    double cy = y + 0.5;
    std::vector<double> xs;
    for (std::size_t i = 0; i < poly.size(); ++i) {
      auto [ax, ay] = poly[i];
      auto [bx, by] = poly[(i + 1) % poly.size()];
      if ((ay <= cy) != (by <= cy)) xs.push_back(ax + (cy - ay) / (by - ay) * (bx - ax));
    }
    std::sort(xs.begin(), xs.end());
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
      int from = std::max(0, static_cast<int>(std::ceil(xs[i] - 0.5)));
      int to = std::min(image.width - 1, static_cast<int>(std::floor(xs[i + 1] - 0.5)));
      for (int x = from; x <= to; ++x) paint(x, y);
    }
  }
}

bool OnClipEdge(double lon_a, double lat_a, double lon_b, double lat_b) {
  auto same = [](double a, double b, double edge) { return std::fabs(a - edge) < 1e-6 && std::fabs(b - edge) < 1e-6; };
  return same(lon_a, lon_b, kClipLon0) || same(lon_a, lon_b, kClipLon1) || same(lat_a, lat_b, kClipLat0) ||
         same(lat_a, lat_b, kClipLat1);
}

// Countries from the map text: "tris" records filled, "ring" records outlined.
void DrawCountries(RgbImage& image, const Frame& frame) {
  std::istringstream lines{std::string(kReportMapText)};
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    std::string kind;
    std::size_t n = 0;
    if (!(in >> kind) || (kind != "ring" && kind != "tris") || !(in >> n)) continue;
    std::vector<std::pair<double, double>> points;  // lon, lat
    for (std::size_t i = 0; i < (kind == "tris" ? 3 * n : n); ++i) {
      double lon = 0, lat = 0;
      if (!(in >> lon >> lat)) break;
      points.emplace_back(lon, lat);
    }
    if (kind == "tris") {
      for (std::size_t t = 0; t + 2 < points.size(); t += 3) {
        std::vector<std::pair<double, double>> tri;
        for (std::size_t k = 0; k < 3; ++k) tri.emplace_back(frame.X(points[t + k].first), frame.Y(points[t + k].second));
        FillPolygon(image, tri, [&](int x, int y) { image.Set(x, y, kLand); });
      }
      continue;
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
      auto [lon_a, lat_a] = points[i];
      auto [lon_b, lat_b] = points[(i + 1) % points.size()];
      if (OnClipEdge(lon_a, lat_a, lon_b, lat_b)) continue;
      Line(image, frame.X(lon_a), frame.Y(lat_a), frame.X(lon_b), frame.Y(lat_b), kBorder);
    }
  }
}

void DrawArea(RgbImage& image, const Frame& frame, const std::vector<wire::msg::LatLon>& area) {
  if (area.size() < 3) return;
  std::vector<std::pair<double, double>> poly;
  for (const auto& p : area) poly.emplace_back(frame.X(p.lon), frame.Y(p.lat));
  FillPolygon(image, poly, [&](int x, int y) { image.Set(x, y, Blend(image.Get(x, y), kArea, 18)); });
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const auto& a = poly[i];
    const auto& b = poly[(i + 1) % poly.size()];
    Line(image, a.first, a.second, b.first, b.second, kArea);
  }
}

void DrawMarker(RgbImage& image, const Frame& frame, const MapMarker& marker) {
  int cx = static_cast<int>(std::lround(frame.X(marker.at.lon)));
  int cy = static_cast<int>(std::lround(frame.Y(marker.at.lat)));
  for (int dy = -4; dy <= 4; ++dy) {
    for (int dx = -4; dx <= 4; ++dx) {
      bool rim = dx == -4 || dx == 4 || dy == -4 || dy == 4;
      image.Set(cx + dx, cy + dy, rim ? kInk : SeverityColour(marker.severity));
    }
  }
}

}  // namespace

std::string DrawReportMap(const std::vector<wire::msg::LatLon>& area, const std::vector<MapMarker>& markers, int width,
                          int height) {
  std::vector<wire::msg::LatLon> framed = area;
  for (const MapMarker& marker : markers) framed.push_back(marker.at);
  if (framed.empty() || width <= 0 || height <= 0) return "";
  Frame frame = FrameFor(framed, width, height);
  RgbImage image(width, height, kSea);
  DrawCountries(image, frame);
  DrawArea(image, frame, area);
  // Flash last, on top: the most urgent stay visible where markers overlap.
  std::vector<MapMarker> ordered = markers;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const MapMarker& a, const MapMarker& b) { return a.severity < b.severity; });
  for (const MapMarker& marker : ordered) DrawMarker(image, frame, marker);
  return EncodePng(image);
}

}  // namespace opsroom::hub
