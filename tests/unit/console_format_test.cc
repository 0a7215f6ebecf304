// Text for times, ages and counts; hatching of operation areas.
#include <gtest/gtest.h>

#include "console/model/polygon.h"
#include "console/model/time_format.h"

namespace opsroom::console {
namespace {

TEST(TimeFormat, UtcClockDateAgeAndCount) {
  int64_t t = 1'767'225'909'000;  // 2026-01-01T00:05:09Z
  EXPECT_EQ(FormatUtcTime(t), "00:05:09");
  EXPECT_EQ(FormatUtcDateTime(t), "2026-01-01 00:05:09Z");
  EXPECT_EQ(wire::AgeText(12'500), "12s");
  EXPECT_EQ(wire::AgeText(185'000), "3m 05s");
  EXPECT_EQ(wire::AgeText(2 * 3'600'000 + 7 * 60'000), "2h 07m");
  EXPECT_EQ(wire::AgeText(3 * 86'400'000LL + 4 * 3'600'000), "3d 04h");
  EXPECT_EQ(wire::AgeText(-5), "0s");
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
}

TEST(Hatch, SegmentsStayInsideASquareAndAreSpaced) {
  std::vector<ScreenPoint> square = {{0, 0}, {100, 0}, {100, 100}, {0, 100}};
  auto segments = HatchSegments(square, 10.0f);
  ASSERT_EQ(segments.size() % 2, 0u);
  EXPECT_GE(segments.size() / 2, 19u);  // lines x + y = 10 .. 190
  for (const ScreenPoint& p : segments) {
    EXPECT_GE(p.x, -0.01f);
    EXPECT_LE(p.x, 100.01f);
    EXPECT_GE(p.y, -0.01f);
    EXPECT_LE(p.y, 100.01f);
  }
}

TEST(Hatch, AConcavePolygonGetsTwoPiecesWhereALineCrossesItsNotch) {
  // A "U" open at the top; the only line, x + y = 110, crosses both arms.
  std::vector<ScreenPoint> u = {{1, 1}, {31, 1}, {31, 71}, {71, 71}, {71, 1}, {101, 1}, {101, 101}, {1, 101}};
  auto segments = HatchSegments(u, 110.0f);
  EXPECT_EQ(segments.size(), 4u);  // two segments on the one line
}

}  // namespace
}  // namespace opsroom::console
