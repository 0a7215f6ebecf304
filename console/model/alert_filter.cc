#include "console/model/alert_filter.h"

#include "console/model/text_fold.h"

namespace opsroom::console {

CompiledFilter::CompiledFilter(const AlertFilter& filter) : filter_(filter), folded_text_(FoldForSearch(filter.text)) {
  // Trim spaces the operator typed around the words.
  while (!folded_text_.empty() && folded_text_.back() == ' ') folded_text_.pop_back();
  while (!folded_text_.empty() && folded_text_.front() == ' ') folded_text_.erase(folded_text_.begin());
}

bool CompiledFilter::Matches(const AlertRecord& alert) const {
  if (!(filter_.severities & Bit(alert.severity))) return false;
  if (!(filter_.crime_areas & Bit(alert.crime_area))) return false;
  if (!(filter_.statuses & Bit(alert.status))) return false;
  if (!filter_.country.empty() && alert.country != filter_.country) return false;
  return FoldedContains(alert.search_text, folded_text_);
}

namespace {

// Negative when a comes first in ascending order, 0 when equal.
int Compare(const AlertRecord& a, const AlertRecord& b, SortColumn column) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (column) {
    case SortColumn::kTime: return cmp(a.first_hub_seq, b.first_hub_seq);
    case SortColumn::kSeverity: return cmp(a.severity, b.severity);
    case SortColumn::kCountry: return a.country.compare(b.country);
    case SortColumn::kCrimeArea: return cmp(a.crime_area, b.crime_area);
    case SortColumn::kStatus: return cmp(a.status, b.status);
    case SortColumn::kTitle: return a.title.compare(b.title);
  }
  return 0;
}

}  // namespace

bool SortsBefore(const AlertRecord& a, const AlertRecord& b, SortSpec spec) {
  int order = Compare(a, b, spec.column);
  if (order == 0 && spec.column != SortColumn::kTime) {
    order = Compare(a, b, SortColumn::kTime);
    // Within equal keys, newest first reads best in both directions.
    return order > 0;
  }
  return spec.descending ? order > 0 : order < 0;
}

}  // namespace opsroom::console
