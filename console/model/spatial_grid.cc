#include "console/model/spatial_grid.h"

#include <algorithm>
#include <cmath>

namespace opsroom::console {

bool Outranks(Severity a_severity, int64_t a_arrived, Severity b_severity, int64_t b_arrived) {
  if (a_severity != b_severity) return a_severity > b_severity;
  return a_arrived > b_arrived;
}

SpatialGrid::SpatialGrid(WorldRect bounds, int columns, int rows)
    : bounds_(bounds),
      columns_(std::max(columns, 1)),
      rows_(std::max(rows, 1)),
      cell_w_(bounds.width() / columns_),
      cell_h_(bounds.height() / rows_),
      cells_(static_cast<std::size_t>(columns_) * rows_) {}

SpatialGrid SpatialGrid::ForRegion() { return SpatialGrid(ProjectBox(38.5, 12.0, 47.5, 24.5), 128, 128); }

void SpatialGrid::Clear() {
  for (auto& cell : cells_) cell = GridCell{};
  std::fill(cell_of_.begin(), cell_of_.end(), -1);
  size_ = 0;
}

int SpatialGrid::ColumnOf(double x) const {
  double c = std::floor((x - bounds_.x0) / cell_w_);
  return static_cast<int>(std::clamp(c, 0.0, static_cast<double>(columns_ - 1)));
}

int SpatialGrid::RowOf(double y) const {
  double r = std::floor((y - bounds_.y0) / cell_h_);
  return static_cast<int>(std::clamp(r, 0.0, static_cast<double>(rows_ - 1)));
}

void SpatialGrid::Insert(const GridItem& item) {
  if (Has(item.id)) Remove(item.id);
  if (item.id >= cell_of_.size()) cell_of_.resize(item.id + 1, -1);
  int index = RowOf(item.at.y) * columns_ + ColumnOf(item.at.x);
  GridCell& cell = cells_[index];
  cell.items.push_back(item);
  AddToSummary(&cell, item);
  cell_of_[item.id] = index;
  ++size_;
}

void SpatialGrid::Remove(uint32_t id) {
  if (!Has(id)) return;
  GridCell& cell = cells_[cell_of_[id]];
  auto it = std::find_if(cell.items.begin(), cell.items.end(), [&](const GridItem& i) { return i.id == id; });
  if (it != cell.items.end()) {
    *it = cell.items.back();
    cell.items.pop_back();
  }
  cell_of_[id] = -1;
  --size_;
  Resummarise(&cell);
}

void SpatialGrid::AddToSummary(GridCell* cell, const GridItem& item) {
  bool first = cell->count == 0;
  ++cell->count;
  cell->sum_x += item.at.x;
  cell->sum_y += item.at.y;
  ++cell->by_severity[static_cast<int>(item.severity)];
  cell->newest_ms = first ? item.arrived_ms : std::max(cell->newest_ms, item.arrived_ms);
  if (!first && item.crime_area != cell->top_area) cell->mixed_areas = true;
  if (first || Outranks(item.severity, item.arrived_ms, cell->top_severity, cell->top_arrived_ms)) {
    cell->top = item.id;
    cell->top_severity = item.severity;
    cell->top_area = item.crime_area;
    cell->top_arrived_ms = item.arrived_ms;
  }
}

void SpatialGrid::Resummarise(GridCell* cell) {
  std::vector<GridItem> items;
  items.swap(cell->items);
  *cell = GridCell{};
  for (const GridItem& item : items) AddToSummary(cell, item);
  cell->items = std::move(items);
}

}  // namespace opsroom::console
