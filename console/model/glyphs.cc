#include "console/model/glyphs.h"

#include <algorithm>
#include <cmath>

namespace opsroom::console {
namespace {

struct Bins {
  double origin_x = 0, origin_y = 0;  // world-anchored bin index of the screen's top-left
  double bin_world = 1;
  int columns = 0, rows = 0;
  std::vector<Glyph> glyphs;  // one per bin; count 0 = empty
  std::vector<double> sum_x, sum_y;

  Glyph* At(WorldPoint p) {
    int c = static_cast<int>(std::floor(p.x / bin_world) - origin_x);
    int r = static_cast<int>(std::floor(p.y / bin_world) - origin_y);
    if (c < 0 || r < 0 || c >= columns || r >= rows) return nullptr;
    return &glyphs[static_cast<std::size_t>(r) * columns + c];
  }
};

Bins MakeBins(const Viewport& viewport, const WorldRect& visible, float cluster_px) {
  Bins bins;
  bins.bin_world = cluster_px / viewport.scale();
  bins.origin_x = std::floor(visible.x0 / bins.bin_world);
  bins.origin_y = std::floor(visible.y0 / bins.bin_world);
  bins.columns = static_cast<int>(std::floor(visible.x1 / bins.bin_world) - bins.origin_x) + 1;
  bins.rows = static_cast<int>(std::floor(visible.y1 / bins.bin_world) - bins.origin_y) + 1;
  std::size_t n = static_cast<std::size_t>(bins.columns) * bins.rows;
  bins.glyphs.resize(n);
  bins.sum_x.assign(n, 0.0);
  bins.sum_y.assign(n, 0.0);
  return bins;
}

// Folds `count` alerts centred on `centroid` (their top one described by the
// other fields) into the bin that holds the centroid.
void Fold(Bins* bins, WorldPoint centroid, uint32_t count, const std::array<uint32_t, kSeverityCount>& by_severity,
          uint32_t top, Severity severity, CrimeArea area, bool mixed, int64_t newest_ms) {
  Glyph* glyph = bins->At(centroid);
  if (!glyph) return;
  std::size_t slot = glyph - bins->glyphs.data();
  bool first = glyph->count == 0;
  if (!first && (mixed || area != glyph->crime_area)) glyph->mixed_areas = true;
  if (first && mixed) glyph->mixed_areas = true;
  if (first || Outranks(severity, newest_ms, glyph->severity, glyph->newest_ms)) {
    glyph->top_alert = top;
    glyph->severity = severity;
    glyph->crime_area = area;
  }
  glyph->newest_ms = first ? newest_ms : std::max(glyph->newest_ms, newest_ms);
  glyph->count += count;
  for (int s = 0; s < kSeverityCount; ++s) glyph->by_severity[s] += by_severity[s];
  bins->sum_x[slot] += centroid.x * count;
  bins->sum_y[slot] += centroid.y * count;
}

// Bins are a grid, so clusters near a bin edge can overlap their neighbour:
// fold a neighbour into a glyph when their discs overlap by much.
void MergeOverlapping(Bins* bins, const Viewport& viewport) {
  auto centre = [&](std::size_t i) {
    const Glyph& g = bins->glyphs[i];
    return viewport.ToScreen(WorldPoint{bins->sum_x[i] / g.count, bins->sum_y[i] / g.count});
  };
  const int offsets[4][2] = {{1, 0}, {-1, 1}, {0, 1}, {1, 1}};
  for (int r = 0; r < bins->rows; ++r) {
    for (int c = 0; c < bins->columns; ++c) {
      std::size_t i = static_cast<std::size_t>(r) * bins->columns + c;
      if (bins->glyphs[i].count == 0) continue;
      for (const auto& o : offsets) {
        int cc = c + o[0], rr = r + o[1];
        if (cc < 0 || cc >= bins->columns || rr >= bins->rows) continue;
        std::size_t j = static_cast<std::size_t>(rr) * bins->columns + cc;
        Glyph& b = bins->glyphs[j];
        if (b.count == 0) continue;
        Glyph& a = bins->glyphs[i];
        ScreenPoint pa = centre(i), pb = centre(j);
        float reach = 0.8f * (GlyphRadius(a.count) + GlyphRadius(b.count));
        if ((pa.x - pb.x) * (pa.x - pb.x) + (pa.y - pb.y) * (pa.y - pb.y) >= reach * reach) continue;
        if (Outranks(b.severity, b.newest_ms, a.severity, a.newest_ms)) {
          a.top_alert = b.top_alert;
          a.severity = b.severity;
          a.crime_area = b.crime_area;
        }
        a.mixed_areas = a.mixed_areas || b.mixed_areas || a.crime_area != b.crime_area;
        a.newest_ms = std::max(a.newest_ms, b.newest_ms);
        a.count += b.count;
        for (int s = 0; s < kSeverityCount; ++s) a.by_severity[s] += b.by_severity[s];
        bins->sum_x[i] += bins->sum_x[j];
        bins->sum_y[i] += bins->sum_y[j];
        b = Glyph{};
      }
    }
  }
}

}  // namespace

std::vector<Glyph> GlyphsFor(const Viewport& viewport, const SpatialGrid& grid, const GlyphParams& params,
                             GlyphStats* stats) {
  GlyphStats local;
  GlyphStats& st = stats ? *stats : local;
  st = GlyphStats{};
  WorldRect visible = viewport.Visible();
  if (grid.size() == 0 || visible.width() <= 0 || visible.height() <= 0) return {};
  Bins bins = MakeBins(viewport, visible, params.cluster_px);
  st.folded_cells = bins.bin_world >= grid.cell_width() && bins.bin_world >= grid.cell_height();
  grid.ForEachCell(visible, [&](const GridCell& cell) {
    ++st.cells_visited;
    if (st.folded_cells) {
      WorldPoint centroid{cell.sum_x / cell.count, cell.sum_y / cell.count};
      if (!visible.Contains(centroid)) return;
      Fold(&bins, centroid, cell.count, cell.by_severity, cell.top, cell.top_severity, cell.top_area, cell.mixed_areas,
           cell.newest_ms);
      return;
    }
    for (const GridItem& item : cell.items) {
      ++st.items_visited;
      if (!visible.Contains(item.at)) continue;
      std::array<uint32_t, kSeverityCount> one{};
      one[static_cast<int>(item.severity)] = 1;
      Fold(&bins, item.at, 1, one, item.id, item.severity, item.crime_area, false, item.arrived_ms);
    }
  });
  MergeOverlapping(&bins, viewport);
  std::vector<Glyph> out;
  for (std::size_t i = 0; i < bins.glyphs.size(); ++i) {
    Glyph& glyph = bins.glyphs[i];
    if (glyph.count == 0) continue;
    glyph.at = viewport.ToScreen(WorldPoint{bins.sum_x[i] / glyph.count, bins.sum_y[i] / glyph.count});
    out.push_back(glyph);
  }
  return out;
}

std::size_t MaxGlyphs(const Viewport& viewport, const GlyphParams& params) {
  const ScreenRect& s = viewport.screen();
  auto columns = static_cast<std::size_t>(std::ceil(s.width() / params.cluster_px)) + 2;
  auto rows = static_cast<std::size_t>(std::ceil(s.height() / params.cluster_px)) + 2;
  return columns * rows;
}

float GlyphRadius(uint32_t count) {
  if (count <= 1) return 5.0f;
  return std::min(8.0f + 2.5f * std::log10(static_cast<float>(count)), 14.0f);
}

int HitTest(const std::vector<Glyph>& glyphs, ScreenPoint point, float slack_px) {
  int best = -1;
  float best_d2 = 0;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    float dx = glyphs[i].at.x - point.x, dy = glyphs[i].at.y - point.y;
    float d2 = dx * dx + dy * dy;
    float reach = GlyphRadius(glyphs[i].count) + slack_px;
    if (d2 <= reach * reach && (best < 0 || d2 < best_d2)) {
      best = static_cast<int>(i);
      best_d2 = d2;
    }
  }
  return best;
}

}  // namespace opsroom::console
