// A uniform grid over the map region holding the alerts the map shows, with a
// running summary per cell (count, most severe, newest, centroid), so that
// culling visits only visible cells and a zoomed-out map can cluster whole
// cells without touching single alerts. UI thread only.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "console/model/projection.h"
#include "console/model/types.h"

namespace opsroom::console {

struct GridItem {
  WorldPoint at;
  uint32_t id = 0;  // alert index
  Severity severity = Severity::Routine;
  CrimeArea crime_area = CrimeArea::Unspecified;
  int64_t arrived_ms = 0;
};

struct GridCell {
  std::vector<GridItem> items;
  uint32_t count = 0;
  double sum_x = 0, sum_y = 0;
  std::array<uint32_t, kSeverityCount> by_severity{};
  uint32_t top = 0;  // the most severe item, newest among equals
  Severity top_severity = Severity::Routine;
  CrimeArea top_area = CrimeArea::Unspecified;
  int64_t top_arrived_ms = 0;
  int64_t newest_ms = 0;
  bool mixed_areas = false;
};

// True when a should stand for a group rather than b (more severe, then newer).
bool Outranks(Severity a_severity, int64_t a_arrived, Severity b_severity, int64_t b_arrived);

class SpatialGrid {
 public:
  SpatialGrid(WorldRect bounds, int columns, int rows);
  // The grid the console uses: the map data's box, 128 x 128 cells.
  static SpatialGrid ForRegion();

  void Clear();
  void Insert(const GridItem& item);
  void Remove(uint32_t id);
  bool Has(uint32_t id) const { return id < cell_of_.size() && cell_of_[id] >= 0; }

  // Calls fn(const GridCell&) for each non-empty cell intersecting `area`.
  template <typename Fn>
  void ForEachCell(const WorldRect& area, Fn&& fn) const {
    int c0 = ColumnOf(area.x0), c1 = ColumnOf(area.x1);
    int r0 = RowOf(area.y0), r1 = RowOf(area.y1);
    for (int r = r0; r <= r1; ++r) {
      for (int c = c0; c <= c1; ++c) {
        const GridCell& cell = cells_[static_cast<std::size_t>(r) * columns_ + c];
        if (cell.count) fn(cell);
      }
    }
  }

  double cell_width() const { return cell_w_; }
  double cell_height() const { return cell_h_; }
  std::size_t size() const { return size_; }
  const WorldRect& bounds() const { return bounds_; }

 private:
  int ColumnOf(double x) const;
  int RowOf(double y) const;
  static void AddToSummary(GridCell* cell, const GridItem& item);
  static void Resummarise(GridCell* cell);

  WorldRect bounds_;
  int columns_, rows_;
  double cell_w_, cell_h_;
  std::vector<GridCell> cells_;
  std::vector<int32_t> cell_of_;  // by alert index; -1: not in the grid
  std::size_t size_ = 0;
};

}  // namespace opsroom::console
