// The alerts that pass the operator's filter, in feed order. Update() works
// incrementally from a watermark (alerts appended since the last call) and the
// store's change log (alerts changed since then); only a new filter or sort
// order, or a compacted change log, rebuilds everything. UI thread only.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "console/model/alert_filter.h"
#include "console/model/alert_store.h"

namespace opsroom::console {

struct FilterDelta {
  bool rebuilt = false;
  std::vector<uint32_t> added;    // now visible: new, or changed into the filter
  std::vector<uint32_t> removed;  // changed out of the filter
  std::vector<uint32_t> updated;  // visible before and after a change
  bool empty() const { return !rebuilt && added.empty() && removed.empty() && updated.empty(); }
};

class FilteredAlerts {
 public:
  const FilterDelta& Update(const AlertStore& store, const AlertFilter& filter, SortSpec sort);
  // The store was cleared: the next Update rebuilds (revision() goes on up).
  void Forget();

  const std::vector<uint32_t>& rows() const { return rows_; }
  bool Contains(uint32_t index) const { return index < member_.size() && member_[index]; }
  // Position of an alert in rows(), or -1 (a linear scan; for selection only).
  int RowOf(uint32_t index) const;

  uint64_t rebuild_count() const { return rebuilds_; }
  // Alerts examined by the last Update (for tests of the watermark).
  std::size_t last_examined() const { return examined_; }
  // Changes whenever rows() changes.
  uint64_t revision() const { return revision_; }

 private:
  void Rebuild(const AlertStore& store);
  void ApplyChanged(const AlertStore& store, std::vector<uint32_t> changed, std::vector<uint32_t>* batch);
  void MergeIn(const AlertStore& store, std::vector<uint32_t> batch);

  std::optional<CompiledFilter> compiled_;
  AlertFilter filter_;
  SortSpec sort_;
  std::size_t watermark_ = 0;
  uint64_t change_mark_ = 0;
  std::vector<uint8_t> member_;
  std::vector<uint32_t> rows_;
  FilterDelta delta_;
  uint64_t rebuilds_ = 0;
  std::size_t examined_ = 0;
  uint64_t revision_ = 0;
};

}  // namespace opsroom::console
