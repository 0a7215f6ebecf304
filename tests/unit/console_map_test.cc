// The embedded country shapes, and every place checked against them.
#include <gtest/gtest.h>

#include "console/model/map_geometry.h"
#include "wire/places.h"

namespace opsroom::console {
namespace {

TEST(MapGeometry, BothDetailsHoldTheFourteenCountries) {
  for (MapDetail detail : {MapDetail::kCoarse, MapDetail::kFine}) {
    const MapGeometry& map = EmbeddedMap(detail);
    ASSERT_EQ(map.countries.size(), 14u);
    for (const char* code : {"AL", "BA", "HR", "XK", "ME", "MK", "RS", "SI", "HU", "RO", "BG", "GR", "IT", "AT"}) {
      const CountryShape* shape = map.Find(code);
      ASSERT_NE(shape, nullptr) << code;
      EXPECT_FALSE(shape->triangles.empty()) << code;
      EXPECT_EQ(shape->triangles.size() % 3, 0u) << code;
      EXPECT_TRUE(ShapeContains(*shape, shape->label_world)) << code << ": label outside its shape";
    }
    EXPECT_DOUBLE_EQ(map.clip_lon0, 12.0);
    EXPECT_DOUBLE_EQ(map.clip_lat1, 47.5);
  }
  EXPECT_EQ(EmbeddedMap(MapDetail::kCoarse).Find("XK")->name, "Kosovo");
}

TEST(MapGeometry, CapitalsLieInTheirCountry) {
  struct Capital {
    const char* country;
    LatLon where;
  };
  const Capital capitals[] = {{"ME", {42.441, 19.263}}, {"RS", {44.787, 20.457}}, {"XK", {42.663, 21.165}},
                              {"AL", {41.328, 19.819}}, {"BA", {43.856, 18.413}}, {"HR", {45.815, 15.982}},
                              {"MK", {41.997, 21.428}}};
  for (MapDetail detail : {MapDetail::kCoarse, MapDetail::kFine}) {
    for (const auto& capital : capitals) {
      const CountryShape* at = CountryAt(EmbeddedMap(detail), Project(capital.where));
      ASSERT_NE(at, nullptr) << capital.country;
      EXPECT_EQ(at->iso2, capital.country);
    }
  }
}

TEST(MapGeometry, ParseErrorsNameTheLine) {
  MapLoad bad = ParseMapText("# header\ncountry ME 19 42 Montenegro\nring 2 19 42\n");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.error.find("line 3"), std::string::npos) << bad.error;
  EXPECT_FALSE(ParseMapText("ring 1 19 42\n").ok());
  EXPECT_FALSE(LoadMapFile("/nonexistent/map.txt").ok());
}

TEST(MapGeometry, ClipBoxSegmentsAreNotBorders) {
  const CountryShape* italy = EmbeddedMap(MapDetail::kCoarse).Find("IT");
  ASSERT_NE(italy, nullptr);
  std::size_t clipped = 0;
  for (const auto& ring : italy->clip_edge) {
    for (uint8_t flag : ring) clipped += flag;
  }
  EXPECT_GT(clipped, 0u);
}

// Issue 4: every crossing point lies within a few kilometres of the border
// shared by its two countries (1:10m borders; the places file claims 3 km).
TEST(MapGeometry, EveryCrossingLiesOnTheBorderOfItsTwoCountries) {
  const MapGeometry& map = EmbeddedMap(MapDetail::kFine);
  int crossings = 0;
  for (const wire::Place& place : wire::PlaceCatalog::Embedded().all()) {
    if (place.kind != wire::PlaceKind::kCrossing) continue;
    ++crossings;
    ASSERT_EQ(place.countries.size(), 2u) << place.code;
    LatLon where{place.lat, place.lon};
    for (const auto& country : place.countries) {
      const CountryShape* shape = map.Find(country);
      ASSERT_NE(shape, nullptr) << place.code << ": no shape for " << country;
      EXPECT_LT(DistanceToOutlineKm(*shape, where), 3.0) << place.code << " is far from " << country << "'s border";
    }
    // A coastal crossing (Neum/Klek) may fall just offshore at 1:10m; if it
    // lies in a country at all, it is one of its two.
    const CountryShape* inside = CountryAt(map, Project(where));
    if (inside) {
      EXPECT_TRUE(inside->iso2 == place.countries[0] || inside->iso2 == place.countries[1])
          << place.code << " lies in " << inside->iso2;
    }
  }
  EXPECT_GE(crossings, 40);
}

TEST(MapGeometry, DistanceKmIsGreatCircle) {
  EXPECT_NEAR(DistanceKm({42.441, 19.263}, {44.787, 20.457}), 279.0, 3.0);  // Podgorica - Belgrade
}

}  // namespace
}  // namespace opsroom::console
