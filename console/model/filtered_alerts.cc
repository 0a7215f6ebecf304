#include "console/model/filtered_alerts.h"

#include <algorithm>

namespace opsroom::console {

const FilterDelta& FilteredAlerts::Update(const AlertStore& store, const AlertFilter& filter, SortSpec sort) {
  delta_ = FilterDelta{};
  examined_ = 0;
  std::vector<uint32_t> changed;
  if (!compiled_ || !(filter == filter_) || !(sort == sort_) || !store.ChangesSince(change_mark_, &changed)) {
    filter_ = filter;
    sort_ = sort;
    compiled_.emplace(filter);
    Rebuild(store);
    return delta_;
  }
  member_.resize(store.size(), 0);
  std::vector<uint32_t> batch;
  ApplyChanged(store, std::move(changed), &batch);
  for (std::size_t i = watermark_; i < store.size(); ++i) {
    ++examined_;
    auto index = static_cast<uint32_t>(i);
    if (compiled_->Matches(store.at(index))) {
      batch.push_back(index);
      delta_.added.push_back(index);
    }
  }
  watermark_ = store.size();
  change_mark_ = store.change_mark();
  if (!batch.empty() || !delta_.removed.empty()) {
    MergeIn(store, std::move(batch));
    ++revision_;
  }
  return delta_;
}

void FilteredAlerts::Forget() {
  compiled_.reset();
  member_.clear();
  rows_.clear();
  watermark_ = 0;
  ++revision_;
}

int FilteredAlerts::RowOf(uint32_t index) const {
  if (!Contains(index)) return -1;
  auto it = std::find(rows_.begin(), rows_.end(), index);
  return it == rows_.end() ? -1 : static_cast<int>(it - rows_.begin());
}

void FilteredAlerts::Rebuild(const AlertStore& store) {
  member_.assign(store.size(), 0);
  rows_.clear();
  for (uint32_t i = 0; i < store.size(); ++i) {
    if (compiled_->Matches(store.at(i))) {
      rows_.push_back(i);
      member_[i] = 1;
    }
  }
  examined_ = store.size();
  std::sort(rows_.begin(), rows_.end(),
            [&](uint32_t a, uint32_t b) { return SortsBefore(store.at(a), store.at(b), sort_); });
  watermark_ = store.size();
  change_mark_ = store.change_mark();
  delta_.rebuilt = true;
  ++rebuilds_;
  ++revision_;
}

// Changed alerts that were already past the watermark leave the rows (their
// sort key may have changed) and come back through the batch if they match.
void FilteredAlerts::ApplyChanged(const AlertStore& store, std::vector<uint32_t> changed,
                                  std::vector<uint32_t>* batch) {
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  bool any_left = false;
  for (uint32_t index : changed) {
    if (index >= watermark_) continue;  // handled as new
    ++examined_;
    bool was = member_[index] != 0;
    bool now = compiled_->Matches(store.at(index));
    if (was) {
      member_[index] = 0;
      any_left = true;
    }
    if (now) batch->push_back(index);
    if (was && now) delta_.updated.push_back(index);
    if (was && !now) delta_.removed.push_back(index);
    if (!was && now) delta_.added.push_back(index);
  }
  if (any_left) {
    examined_ += rows_.size();
    rows_.erase(std::remove_if(rows_.begin(), rows_.end(), [&](uint32_t i) { return !member_[i]; }), rows_.end());
  }
}

void FilteredAlerts::MergeIn(const AlertStore& store, std::vector<uint32_t> batch) {
  auto before = [&](uint32_t a, uint32_t b) { return SortsBefore(store.at(a), store.at(b), sort_); };
  std::sort(batch.begin(), batch.end(), before);
  for (uint32_t index : batch) member_[index] = 1;
  std::vector<uint32_t> merged;
  merged.reserve(rows_.size() + batch.size());
  std::merge(rows_.begin(), rows_.end(), batch.begin(), batch.end(), std::back_inserter(merged), before);
  rows_.swap(merged);
}

}  // namespace opsroom::console
