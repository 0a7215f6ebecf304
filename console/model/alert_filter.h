// What the operator asked to see: severities, crime areas, statuses, one
// country and free text (diacritic- and script-insensitive), and the sort
// order of the feed. Plain values; the UI thread edits them.
#pragma once
#include <cstdint>
#include <string>

#include "console/model/alert_store.h"

namespace opsroom::console {

struct AlertFilter {
  uint32_t severities = AllBits(kSeverityCount);
  uint32_t crime_areas = AllBits(kCrimeAreaCount);
  // Closed and expired alerts are history: hidden unless asked for (the
  // open list is the work still to do; both stay searchable).
  uint32_t statuses = AllBits(kAlertStatusCount) & ~Bit(AlertStatus::Closed) & ~Bit(AlertStatus::Expired);
  std::string country;  // participant code of the origin; empty: every country
  std::string text;     // free text, as typed

  bool operator==(const AlertFilter&) const = default;
};

// A filter prepared for matching many alerts (the text folded once).
class CompiledFilter {
 public:
  explicit CompiledFilter(const AlertFilter& filter);
  bool Matches(const AlertRecord& alert) const;

 private:
  AlertFilter filter_;
  std::string folded_text_;
};

enum class SortColumn : uint8_t { kTime, kSeverity, kCountry, kCrimeArea, kStatus, kTitle };

struct SortSpec {
  SortColumn column = SortColumn::kTime;
  bool descending = true;  // newest, most severe first
  bool operator==(const SortSpec&) const = default;
};

// Strict weak order for the feed; ties fall back to arrival order so the
// order is total and stable across rebuilds.
bool SortsBefore(const AlertRecord& a, const AlertRecord& b, SortSpec spec);

}  // namespace opsroom::console
