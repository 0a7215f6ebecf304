// What the map draws for alerts at the current viewport: one glyph per screen
// bin of `cluster_px` (anchored to the world, so panning does not reshuffle
// clusters), with a count where alerts overlap. Work is bounded by the visible
// grid cells, and when a cluster bin is wider than a grid cell whole cells are
// folded in from their summaries. Pure function of its inputs; any thread.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "console/model/projection.h"
#include "console/model/spatial_grid.h"

namespace opsroom::console {

struct Glyph {
  ScreenPoint at;  // centroid of what it stands for; exact for one alert
  uint32_t count = 0;
  std::array<uint32_t, kSeverityCount> by_severity{};
  uint32_t top_alert = 0;                  // the most severe, newest alert in it
  Severity severity = Severity::Routine;   // of top_alert
  CrimeArea crime_area = CrimeArea::Unspecified;
  bool mixed_areas = false;
  int64_t newest_ms = 0;  // hub arrival time of the newest alert in it
};

struct GlyphParams {
  float cluster_px = 30.0f;
};

struct GlyphStats {
  std::size_t cells_visited = 0;
  std::size_t items_visited = 0;
  bool folded_cells = false;  // clustered from cell summaries
};

std::vector<Glyph> GlyphsFor(const Viewport& viewport, const SpatialGrid& grid, const GlyphParams& params = {},
                             GlyphStats* stats = nullptr);

// No viewport yields more glyphs than this.
std::size_t MaxGlyphs(const Viewport& viewport, const GlyphParams& params = {});

// Marker radius in pixels for a glyph of `count` alerts.
float GlyphRadius(uint32_t count);

// The glyph under `point` (nearest centre within its radius + slack), or -1.
int HitTest(const std::vector<Glyph>& glyphs, ScreenPoint point, float slack_px = 3.0f);

}  // namespace opsroom::console
