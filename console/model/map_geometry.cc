#include "console/model/map_geometry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace opsroom::console {

extern const char* const kEmbeddedMap50m;
extern const char* const kEmbeddedMap10m;

namespace {

class Tokens {
 public:
  explicit Tokens(std::string_view line) : rest_(line) {}
  bool Next(std::string_view* out) {
    while (!rest_.empty() && rest_.front() == ' ') rest_.remove_prefix(1);
    if (rest_.empty()) return false;
    std::size_t end = rest_.find(' ');
    *out = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end);
    return true;
  }
  bool Number(double* out) {
    std::string_view token;
    if (!Next(&token)) return false;
    auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), *out);
    return ec == std::errc() && ptr == token.data() + token.size();
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

bool ReadPoints(Tokens* tokens, std::size_t n, std::vector<LatLon>* out) {
  for (std::size_t i = 0; i < n; ++i) {
    LatLon p;
    if (!tokens->Number(&p.lon) || !tokens->Number(&p.lat)) return false;
    out->push_back(p);
  }
  return true;
}

void Extend(WorldRect* r, WorldPoint p, bool first) {
  if (first) {
    *r = {p.x, p.y, p.x, p.y};
    return;
  }
  r->x0 = std::min(r->x0, p.x);
  r->y0 = std::min(r->y0, p.y);
  r->x1 = std::max(r->x1, p.x);
  r->y1 = std::max(r->y1, p.y);
}

bool OnSameClipEdge(LatLon a, LatLon b, const MapGeometry& m) {
  auto same = [](double x, double y, double edge) { return std::abs(x - edge) < 1e-6 && std::abs(y - edge) < 1e-6; };
  return same(a.lon, b.lon, m.clip_lon0) || same(a.lon, b.lon, m.clip_lon1) || same(a.lat, b.lat, m.clip_lat0) ||
         same(a.lat, b.lat, m.clip_lat1);
}

void ParseBBox(std::string_view line, MapGeometry* map) {
  // "# BBox: lon 12.0..24.5, lat 38.5..47.5 ..."
  double v[4];
  int found = 0;
  std::size_t pos = line.find("lon ");
  for (int pair = 0; pair < 2 && pos != std::string_view::npos; ++pair) {
    std::string_view rest = line.substr(pos + 4);
    const char* p = rest.data();
    const char* end = rest.data() + rest.size();
    auto a = std::from_chars(p, end, v[pair * 2]);
    if (a.ec != std::errc() || a.ptr + 2 > end) return;
    auto b = std::from_chars(a.ptr + 2, end, v[pair * 2 + 1]);
    if (b.ec != std::errc()) return;
    found += 2;
    pos = line.find("lat ");
  }
  if (found == 4) {
    map->clip_lon0 = v[0];
    map->clip_lon1 = v[1];
    map->clip_lat0 = v[2];
    map->clip_lat1 = v[3];
  }
}

std::string ParseCountry(Tokens* tokens, MapGeometry* map) {
  CountryShape shape;
  std::string_view iso2;
  if (!tokens->Next(&iso2) || !tokens->Number(&shape.label.lon) || !tokens->Number(&shape.label.lat)) {
    return "bad country record";
  }
  shape.iso2 = std::string(iso2);
  std::string_view name = tokens->rest();
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  shape.name = std::string(name);
  shape.label_world = Project(shape.label);
  map->countries.push_back(std::move(shape));
  return {};
}

void AddRing(std::vector<LatLon> points, const MapGeometry& map, CountryShape* shape) {
  std::vector<WorldPoint> world;
  std::vector<uint8_t> clip;
  for (std::size_t i = 0; i < points.size(); ++i) {
    world.push_back(Project(points[i]));
    Extend(&shape->bounds, world.back(), shape->rings.empty() && i == 0);
    clip.push_back(OnSameClipEdge(points[i], points[(i + 1) % points.size()], map) ? 1 : 0);
  }
  shape->rings.push_back(std::move(points));
  shape->rings_world.push_back(std::move(world));
  shape->clip_edge.push_back(std::move(clip));
}

std::string ParseRecord(std::string_view line, MapGeometry* map) {
  Tokens tokens(line);
  std::string_view kind;
  tokens.Next(&kind);
  if (kind == "country") return ParseCountry(&tokens, map);
  if (kind != "ring" && kind != "tris") return "unknown record '" + std::string(kind) + "'";
  if (map->countries.empty()) return "a " + std::string(kind) + " record before any country";
  double count = 0;
  if (!tokens.Number(&count) || count < 1) return "bad point count";
  std::vector<LatLon> points;
  std::size_t n = static_cast<std::size_t>(count) * (kind == "tris" ? 3 : 1);
  if (!ReadPoints(&tokens, n, &points)) return "expected " + std::to_string(n) + " points";
  CountryShape& shape = map->countries.back();
  if (kind == "tris") {
    for (const auto& p : points) shape.triangles.push_back(Project(p));
    map->triangle_count += static_cast<std::size_t>(count);
  } else {
    map->point_count += points.size();
    AddRing(std::move(points), *map, &shape);
  }
  return {};
}

}  // namespace

const CountryShape* MapGeometry::Find(std::string_view iso2) const {
  for (const auto& c : countries) {
    if (c.iso2 == iso2) return &c;
  }
  return nullptr;
}

MapLoad ParseMapText(std::string_view text) {
  MapLoad out;
  int line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.rfind("# BBox:", 0) == 0) ParseBBox(line, &out.map);
    if (line.empty() || line.front() == '#') continue;
    std::string error = ParseRecord(line, &out.map);
    if (!error.empty()) {
      out.error = "map line " + std::to_string(line_number) + ": " + error;
      return out;
    }
  }
  if (out.map.countries.empty()) out.error = "map: no countries";
  for (std::size_t i = 0; i < out.map.countries.size(); ++i) {
    Extend(&out.map.bounds, {out.map.countries[i].bounds.x0, out.map.countries[i].bounds.y0}, i == 0);
    Extend(&out.map.bounds, {out.map.countries[i].bounds.x1, out.map.countries[i].bounds.y1}, false);
  }
  return out;
}

MapLoad LoadMapFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MapLoad{{}, "cannot open map file " + path};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseMapText(buffer.str());
}

const MapGeometry& EmbeddedMap(MapDetail detail) {
  // Built from files checked at build time; a parse failure is a build bug.
  static const MapGeometry kCoarse = ParseMapText(kEmbeddedMap50m).map;
  static const MapGeometry kFine = ParseMapText(kEmbeddedMap10m).map;
  return detail == MapDetail::kCoarse ? kCoarse : kFine;
}

bool ShapeContains(const CountryShape& shape, WorldPoint p) {
  if (!shape.bounds.Contains(p)) return false;
  auto cross = [](WorldPoint a, WorldPoint b, WorldPoint c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  };
  for (std::size_t i = 0; i + 2 < shape.triangles.size(); i += 3) {
    const WorldPoint &a = shape.triangles[i], &b = shape.triangles[i + 1], &c = shape.triangles[i + 2];
    double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
    bool has_neg = d1 < 0 || d2 < 0 || d3 < 0;
    bool has_pos = d1 > 0 || d2 > 0 || d3 > 0;
    if (!(has_neg && has_pos)) return true;
  }
  return false;
}

const CountryShape* CountryAt(const MapGeometry& map, WorldPoint p) {
  for (const auto& shape : map.countries) {
    if (ShapeContains(shape, p)) return &shape;
  }
  return nullptr;
}

double DistanceKm(LatLon a, LatLon b) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double DistanceToOutlineKm(const CountryShape& shape, LatLon p) {
  // Local equirectangular plane around p: accurate to well under 1% at the
  // few-kilometre distances this is used for.
  constexpr double kKmPerDegLat = 110.574;
  double km_per_deg_lon = 111.320 * std::cos(p.lat * 3.14159265358979323846 / 180.0);
  double best = 1e18;
  for (std::size_t r = 0; r < shape.rings.size(); ++r) {
    const auto& ring = shape.rings[r];
    for (std::size_t i = 0; i < ring.size(); ++i) {
      if (shape.clip_edge[r][i]) continue;
      const LatLon& a = ring[i];
      const LatLon& b = ring[(i + 1) % ring.size()];
      double ax = (a.lon - p.lon) * km_per_deg_lon, ay = (a.lat - p.lat) * kKmPerDegLat;
      double bx = (b.lon - p.lon) * km_per_deg_lon, by = (b.lat - p.lat) * kKmPerDegLat;
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
      double cx = ax + t * dx, cy = ay + t * dy;
      best = std::min(best, std::sqrt(cx * cx + cy * cy));
    }
  }
  return best;
}

}  // namespace opsroom::console
