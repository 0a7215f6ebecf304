// Country shapes for the map (data/map/countries_*.txt: outlines and an
// offline triangulation, since ImDrawList cannot fill concave polygons),
// projected to Web Mercator once at load. Both files are embedded at build
// time. Immutable after loading; any thread may read.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "console/model/projection.h"

namespace opsroom::console {

struct CountryShape {
  std::string iso2;
  std::string name;
  LatLon label;
  WorldPoint label_world;
  std::vector<std::vector<LatLon>> rings;  // outlines, implicitly closed
  std::vector<std::vector<WorldPoint>> rings_world;
  // clip_edge[r][i]: the segment from point i to i+1 of ring r lies on the
  // data's clipping box (not a border; skipped when outlining).
  std::vector<std::vector<uint8_t>> clip_edge;
  std::vector<WorldPoint> triangles;  // 3 points each
  WorldRect bounds;
};

struct MapGeometry {
  std::vector<CountryShape> countries;
  WorldRect bounds;
  double clip_lon0 = 12.0, clip_lat0 = 38.5, clip_lon1 = 24.5, clip_lat1 = 47.5;
  std::size_t triangle_count = 0;
  std::size_t point_count = 0;

  const CountryShape* Find(std::string_view iso2) const;
};

struct MapLoad {
  MapGeometry map;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

MapLoad ParseMapText(std::string_view text);
MapLoad LoadMapFile(const std::string& path);

enum class MapDetail : uint8_t { kCoarse, kFine };  // 1:50m, 1:10m
// The embedded copy of data/map/countries_50m.txt or _10m.txt.
const MapGeometry& EmbeddedMap(MapDetail detail);

bool ShapeContains(const CountryShape& shape, WorldPoint p);
const CountryShape* CountryAt(const MapGeometry& map, WorldPoint p);

// Great-circle distance.
double DistanceKm(LatLon a, LatLon b);
// Distance from p to the country's outline (borders and coast, not clip edges).
double DistanceToOutlineKm(const CountryShape& shape, LatLon p);

}  // namespace opsroom::console
