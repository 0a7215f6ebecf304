// The counters of one joint operation, kept per reporting period so that they
// add up: each (country, period_start, period_end) holds one sitrep, the
// latest in hub order. A corrected sitrep for the same period replaces that
// period only; sitreps for other periods add (issue 14: Albania's 1,840 then
// 100 is 1,940, and a correction of the first period to 1,800 makes it 1,900).
// Pure and UI-thread only: tests give the times.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "console/model/events.h"

namespace opsroom::console {

struct SitRepCounters {
  uint64_t persons_checked = 0;
  uint64_t vehicles_checked = 0;
  uint64_t migrants_detected = 0;
  uint64_t facilitators_arrested = 0;
  uint64_t victims_identified = 0;
  uint64_t other_arrests = 0;
  uint64_t refusals_of_entry = 0;
  std::map<std::pair<Commodity, Unit>, double> seizures;  // by commodity and unit: kg and pieces never mix

  void Add(const SitRepValue& sitrep);
  void Add(const SitRepCounters& other);
};

// The figures the per-hour chart can show.
enum class SitRepFigure : uint8_t {
  kPersonsChecked,
  kVehiclesChecked,
  kMigrantsDetected,
  kFacilitatorsArrested,
  kVictimsIdentified,
  kRefusalsOfEntry,
};
inline constexpr int kSitRepFigureCount = 6;
const char* SitRepFigureName(SitRepFigure figure);  // "Persons checked"
uint64_t FigureOf(const SitRepCounters& counters, SitRepFigure figure);

inline constexpr int64_t kDayMs = 24 * 3'600'000LL;
// The start of the UTC day holding `ms` (the room's day boundary is UTC, as
// every clock on the wire).
int64_t UtcDayStart(int64_t ms);

class SitRepLedger {
 public:
  // The participant a sitrep counts for: the sender's own, from the envelope
  // the hub checked against its key; reporting_country only when the sender is
  // unknown (a synthetic feed), so that no field a sender chooses moves a
  // country's figures.
  static const std::string& CountryOf(const SitRepValue& sitrep);

  void Apply(const SitRepValue& sitrep);

  // A period counts for the day (and the hour) in which it ends, so that the
  // hours add up to the day and the days to the total.
  SitRepCounters Total() const;
  SitRepCounters Total(const std::string& country) const;
  SitRepCounters Day(int64_t day_start_ms) const;
  SitRepCounters Day(const std::string& country, int64_t day_start_ms) const;
  std::array<uint64_t, 24> PerHour(int64_t day_start_ms, SitRepFigure figure) const;

  std::vector<std::string> Countries() const;  // every country that reported, sorted
  // Hub time of the country's latest sitrep; 0 when it never reported.
  int64_t LastReportedMs(const std::string& country) const;
  // The country's latest sitrep in hub order (any period); null when none.
  const SitRepValue* Latest(const std::string& country) const;
  std::size_t periods() const { return periods_.size(); }

 private:
  using PeriodKey = std::tuple<std::string, int64_t, int64_t>;  // country, period start, period end
  template <typename Keep>
  SitRepCounters Sum(Keep keep) const;

  std::map<PeriodKey, SitRepValue> periods_;
  std::map<std::string, int64_t> last_reported_ms_;
};

}  // namespace opsroom::console
