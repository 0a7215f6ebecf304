// Web Mercator and the viewport: pan, zoom about the cursor, reset.
#include <gtest/gtest.h>

#include "console/model/projection.h"

namespace opsroom::console {
namespace {

TEST(WebMercator, KnownPointsAndRoundTrip) {
  WorldPoint origin = Project({0, 0});
  EXPECT_DOUBLE_EQ(origin.x, 0.5);
  EXPECT_NEAR(origin.y, 0.5, 1e-12);
  WorldPoint podgorica = Project({42.441, 19.263});
  EXPECT_NEAR(podgorica.x, (19.263 + 180) / 360, 1e-12);
  EXPECT_LT(podgorica.y, 0.5);  // north is up (smaller y)
  LatLon back = Unproject(podgorica);
  EXPECT_NEAR(back.lat, 42.441, 1e-9);
  EXPECT_NEAR(back.lon, 19.263, 1e-9);
  EXPECT_LT(Project({46.0, 19.0}).y, Project({40.0, 19.0}).y);
}

TEST(Viewport, ResetFramesTheHomeRegion) {
  Viewport v;
  v.SetScreen({0, 0, 1000, 800});
  WorldRect home = HomeRegion();
  ScreenPoint nw = v.ToScreen(WorldPoint{home.x0, home.y0});
  ScreenPoint se = v.ToScreen(WorldPoint{home.x1, home.y1});
  EXPECT_GE(nw.x, -0.5f);
  EXPECT_GE(nw.y, -0.5f);
  EXPECT_LE(se.x, 1000.5f);
  EXPECT_LE(se.y, 800.5f);
  EXPECT_TRUE(std::abs(se.x - nw.x - 1000) < 1 || std::abs(se.y - nw.y - 800) < 1);  // fits one way exactly
  EXPECT_DOUBLE_EQ(v.zoom(), 1.0);
}

TEST(Viewport, ZoomKeepsThePointUnderTheCursorFixed) {
  Viewport v;
  v.SetScreen({100, 50, 1100, 850});
  ScreenPoint cursor{300, 200};
  WorldPoint under = v.ToWorld(cursor);
  uint64_t revision = v.revision();
  v.ZoomAbout(cursor, 2.0);
  EXPECT_GT(v.revision(), revision);
  EXPECT_DOUBLE_EQ(v.zoom(), 2.0);
  ScreenPoint after = v.ToScreen(under);
  EXPECT_NEAR(after.x, cursor.x, 1e-3);
  EXPECT_NEAR(after.y, cursor.y, 1e-3);
}

TEST(Viewport, ZoomIsClampedAndPanMovesByPixels) {
  Viewport v;
  v.SetScreen({0, 0, 800, 600});
  for (int i = 0; i < 100; ++i) v.ZoomAbout({400, 300}, 2.0);
  EXPECT_DOUBLE_EQ(v.zoom(), Viewport::kMaxZoom);
  for (int i = 0; i < 100; ++i) v.ZoomAbout({400, 300}, 0.5);
  EXPECT_DOUBLE_EQ(v.zoom(), Viewport::kMinZoom);
  v.Reset(HomeRegion());
  WorldPoint p = v.ToWorld({400, 300});
  v.Pan(10, -20);
  ScreenPoint moved = v.ToScreen(p);
  EXPECT_NEAR(moved.x, 410, 1e-3);
  EXPECT_NEAR(moved.y, 280, 1e-3);
}

TEST(Viewport, VisibleRectMatchesTheScreenCorners) {
  Viewport v;
  v.SetScreen({0, 0, 640, 480});
  WorldRect visible = v.Visible();
  ScreenPoint a = v.ToScreen(WorldPoint{visible.x0, visible.y0});
  ScreenPoint b = v.ToScreen(WorldPoint{visible.x1, visible.y1});
  EXPECT_NEAR(a.x, 0, 1e-3);
  EXPECT_NEAR(b.y, 480, 1e-3);
}

}  // namespace
}  // namespace opsroom::console
