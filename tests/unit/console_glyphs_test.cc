// The spatial grid, GlyphsFor (culling and clustering) and hit-testing.
#include <gtest/gtest.h>

#include <random>

#include "console/model/glyphs.h"

namespace opsroom::console {
namespace {

GridItem Item(uint32_t id, LatLon where, Severity severity = Severity::Routine, int64_t arrived = 0,
              CrimeArea area = CrimeArea::Drugs) {
  return GridItem{Project(where), id, severity, area, arrived};
}

Viewport Home() {
  Viewport v;
  v.SetScreen({0, 0, 960, 700});
  return v;
}

TEST(SpatialGrid, SummariesFollowInsertAndRemove) {
  SpatialGrid grid = SpatialGrid::ForRegion();
  grid.Insert(Item(1, {42.44, 19.26}, Severity::Routine, 10));
  grid.Insert(Item(2, {42.44, 19.26}, Severity::Flash, 5));
  grid.Insert(Item(3, {42.44, 19.26}, Severity::Flash, 7, CrimeArea::Firearms));
  int cells = 0;
  grid.ForEachCell(grid.bounds(), [&](const GridCell& cell) {
    ++cells;
    EXPECT_EQ(cell.count, 3u);
    EXPECT_EQ(cell.top, 3u);  // most severe, then newest
    EXPECT_TRUE(cell.mixed_areas);
    EXPECT_EQ(cell.by_severity[static_cast<int>(Severity::Flash)], 2u);
  });
  EXPECT_EQ(cells, 1);
  grid.Remove(3);
  grid.ForEachCell(grid.bounds(), [&](const GridCell& cell) {
    EXPECT_EQ(cell.count, 2u);
    EXPECT_EQ(cell.top, 2u);
    EXPECT_FALSE(cell.mixed_areas);
  });
  EXPECT_EQ(grid.size(), 2u);
  grid.Insert(Item(2, {45.0, 20.0}));  // re-insert moves it
  EXPECT_EQ(grid.size(), 2u);
}

TEST(GlyphsFor, OneAlertIsOneGlyphAtItsExactPosition) {
  SpatialGrid grid = SpatialGrid::ForRegion();
  grid.Insert(Item(7, {42.441, 19.263}, Severity::Urgent));
  Viewport v = Home();
  v.ZoomAbout(v.ToScreen(LatLon{42.441, 19.263}), 8.0);  // per-alert mode
  GlyphStats stats;
  auto glyphs = GlyphsFor(v, grid, {}, &stats);
  ASSERT_EQ(glyphs.size(), 1u);
  EXPECT_FALSE(stats.folded_cells);
  ScreenPoint expected = v.ToScreen(LatLon{42.441, 19.263});
  EXPECT_NEAR(glyphs[0].at.x, expected.x, 0.01);
  EXPECT_NEAR(glyphs[0].at.y, expected.y, 0.01);
  EXPECT_EQ(glyphs[0].top_alert, 7u);
  EXPECT_EQ(glyphs[0].severity, Severity::Urgent);
}

TEST(GlyphsFor, OverlappingAlertsClusterWithACount) {
  SpatialGrid grid = SpatialGrid::ForRegion();
  for (uint32_t i = 0; i < 50; ++i) grid.Insert(Item(i, {42.44 + i * 1e-4, 19.26}, Severity::Routine, i));
  grid.Insert(Item(99, {42.445, 19.261}, Severity::Flash, 1));
  auto glyphs = GlyphsFor(Home(), grid);
  ASSERT_EQ(glyphs.size(), 1u);
  EXPECT_EQ(glyphs[0].count, 51u);
  EXPECT_EQ(glyphs[0].top_alert, 99u);
  EXPECT_EQ(glyphs[0].severity, Severity::Flash);
  EXPECT_EQ(glyphs[0].newest_ms, 49);
}

TEST(GlyphsFor, FiftyThousandAlertsStayWithinTheScreenBoundAndFoldCellsWhenZoomedOut) {
  SpatialGrid grid = SpatialGrid::ForRegion();
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> lat(39.5, 46.5), lon(13.5, 23.5);
  for (uint32_t i = 0; i < 50'000; ++i) grid.Insert(Item(i, {lat(rng), lon(rng)}));
  Viewport v = Home();
  GlyphStats stats;
  auto glyphs = GlyphsFor(v, grid, {}, &stats);
  EXPECT_TRUE(stats.folded_cells);
  EXPECT_EQ(stats.items_visited, 0u);  // work by cells, not by alerts
  EXPECT_LE(glyphs.size(), MaxGlyphs(v));
  uint64_t total = 0;
  for (const auto& g : glyphs) total += g.count;
  EXPECT_GT(total, 45'000u);
  // Zoomed in, only the alerts in visible cells are touched.
  v.ZoomAbout({480, 350}, 32.0);
  glyphs = GlyphsFor(v, grid, {}, &stats);
  EXPECT_FALSE(stats.folded_cells);
  EXPECT_LT(stats.items_visited, 2'000u);
  EXPECT_LE(glyphs.size(), MaxGlyphs(v));
}

TEST(GlyphsFor, CullsEverythingOffScreen) {
  SpatialGrid grid = SpatialGrid::ForRegion();
  grid.Insert(Item(1, {46.0, 14.0}));
  Viewport v = Home();
  v.ZoomAbout(v.ToScreen(LatLon{40.0, 22.0}), 64.0);
  EXPECT_TRUE(GlyphsFor(v, grid).empty());
}

TEST(HitTest, FindsTheNearestGlyphWithinItsRadius) {
  std::vector<Glyph> glyphs(2);
  glyphs[0].at = {100, 100};
  glyphs[0].count = 1;
  glyphs[1].at = {106, 100};
  glyphs[1].count = 30;
  EXPECT_EQ(HitTest(glyphs, {101, 100}), 0);
  EXPECT_EQ(HitTest(glyphs, {110, 104}), 1);
  EXPECT_EQ(HitTest(glyphs, {200, 200}), -1);
}

}  // namespace
}  // namespace opsroom::console
