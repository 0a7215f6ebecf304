#include "console/model/sitrep_ledger.h"

#include <algorithm>

namespace opsroom::console {

void SitRepCounters::Add(const SitRepValue& s) {
  persons_checked += s.persons_checked;
  vehicles_checked += s.vehicles_checked;
  migrants_detected += s.migrants_detected;
  facilitators_arrested += s.facilitators_arrested;
  victims_identified += s.victims_identified;
  other_arrests += s.other_arrests;
  refusals_of_entry += s.refusals_of_entry;
  for (const auto& seizure : s.seizures) seizures[{seizure.commodity, seizure.unit}] += seizure.quantity;
}

void SitRepCounters::Add(const SitRepCounters& o) {
  persons_checked += o.persons_checked;
  vehicles_checked += o.vehicles_checked;
  migrants_detected += o.migrants_detected;
  facilitators_arrested += o.facilitators_arrested;
  victims_identified += o.victims_identified;
  other_arrests += o.other_arrests;
  refusals_of_entry += o.refusals_of_entry;
  for (const auto& [key, quantity] : o.seizures) seizures[key] += quantity;
}

const char* SitRepFigureName(SitRepFigure figure) {
  switch (figure) {
    case SitRepFigure::kPersonsChecked: return "Persons checked";
    case SitRepFigure::kVehiclesChecked: return "Vehicles checked";
    case SitRepFigure::kMigrantsDetected: return "Migrants detected";
    case SitRepFigure::kFacilitatorsArrested: return "Facilitators arrested";
    case SitRepFigure::kVictimsIdentified: return "Victims identified";
    case SitRepFigure::kRefusalsOfEntry: return "Refusals of entry";
  }
  return "?";
}

uint64_t FigureOf(const SitRepCounters& c, SitRepFigure figure) {
  switch (figure) {
    case SitRepFigure::kPersonsChecked: return c.persons_checked;
    case SitRepFigure::kVehiclesChecked: return c.vehicles_checked;
    case SitRepFigure::kMigrantsDetected: return c.migrants_detected;
    case SitRepFigure::kFacilitatorsArrested: return c.facilitators_arrested;
    case SitRepFigure::kVictimsIdentified: return c.victims_identified;
    case SitRepFigure::kRefusalsOfEntry: return c.refusals_of_entry;
  }
  return 0;
}

int64_t UtcDayStart(int64_t ms) {
  int64_t day = ms / kDayMs;
  if (ms % kDayMs < 0) --day;  // before 1970: floor, not truncation
  return day * kDayMs;
}

const std::string& SitRepLedger::CountryOf(const SitRepValue& sitrep) {
  return sitrep.meta.country.empty() ? sitrep.reporting_country : sitrep.meta.country;
}

void SitRepLedger::Apply(const SitRepValue& sitrep) {
  const std::string& country = CountryOf(sitrep);
  // Latest in hub order: a snapshot lists sitreps in its own order.
  auto [it, inserted] = periods_.try_emplace(PeriodKey{country, sitrep.period_start_ms, sitrep.period_end_ms}, sitrep);
  if (!inserted && sitrep.meta.hub_seq >= it->second.meta.hub_seq) it->second = sitrep;
  int64_t& last = last_reported_ms_[country];
  last = std::max(last, sitrep.meta.hub_time_ms);
}

template <typename Keep>
SitRepCounters SitRepLedger::Sum(Keep keep) const {
  SitRepCounters sum;
  for (const auto& [key, sitrep] : periods_) {
    if (keep(std::get<0>(key), sitrep)) sum.Add(sitrep);
  }
  return sum;
}

SitRepCounters SitRepLedger::Total() const {
  return Sum([](const std::string&, const SitRepValue&) { return true; });
}

SitRepCounters SitRepLedger::Total(const std::string& country) const {
  return Sum([&](const std::string& who, const SitRepValue&) { return who == country; });
}

SitRepCounters SitRepLedger::Day(int64_t day_start_ms) const {
  return Sum([&](const std::string&, const SitRepValue& s) { return UtcDayStart(s.period_end_ms) == day_start_ms; });
}

SitRepCounters SitRepLedger::Day(const std::string& country, int64_t day_start_ms) const {
  return Sum([&](const std::string& who, const SitRepValue& s) {
    return who == country && UtcDayStart(s.period_end_ms) == day_start_ms;
  });
}

std::array<uint64_t, 24> SitRepLedger::PerHour(int64_t day_start_ms, SitRepFigure figure) const {
  std::array<uint64_t, 24> hours{};
  for (const auto& [key, sitrep] : periods_) {
    int64_t offset = sitrep.period_end_ms - day_start_ms;
    if (offset < 0 || offset >= kDayMs) continue;
    SitRepCounters one;
    one.Add(sitrep);
    hours[static_cast<std::size_t>(offset / 3'600'000)] += FigureOf(one, figure);
  }
  return hours;
}

std::vector<std::string> SitRepLedger::Countries() const {
  std::vector<std::string> out;
  for (const auto& [country, at] : last_reported_ms_) out.push_back(country);
  return out;
}

int64_t SitRepLedger::LastReportedMs(const std::string& country) const {
  auto it = last_reported_ms_.find(country);
  return it == last_reported_ms_.end() ? 0 : it->second;
}

const SitRepValue* SitRepLedger::Latest(const std::string& country) const {
  const SitRepValue* latest = nullptr;
  for (const auto& [key, sitrep] : periods_) {
    if (std::get<0>(key) == country && (latest == nullptr || sitrep.meta.hub_seq > latest->meta.hub_seq)) latest = &sitrep;
  }
  return latest;
}

}  // namespace opsroom::console
