#include "console/model/operations_board.h"

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

SitRepCounters OperationRecord::CountersOf(const std::string& country) const {
  SitRepCounters counters;
  auto it = latest_by_country.find(country);
  if (it != latest_by_country.end()) counters.Add(it->second);
  return counters;
}

std::string OperationRecord::MarkingOf(const std::string& country) const {
  auto it = latest_by_country.find(country);
  return it == latest_by_country.end() ? std::string() : MarkingText(it->second.meta.marking);
}

SitRepCounters OperationRecord::Totals() const {
  SitRepCounters totals;
  for (const auto& [country, sitrep] : latest_by_country) totals.Add(sitrep);
  return totals;
}

void OperationsBoard::Clear() {
  operations_.clear();
  ++revision_;
}

void OperationsBoard::Apply(const OperationValue& value) {
  OperationRecord& record = operations_[value.code];
  record.operation = value;
  record.known = true;
  ++revision_;
}

void OperationsBoard::Apply(const SitRepValue& value) {
  OperationRecord& record = operations_[value.operation_code];
  if (!record.known) record.operation.code = value.operation_code;
  // Latest in hub order (the snapshot may list sitreps in another order).
  auto [it, inserted] = record.latest_by_country.try_emplace(value.reporting_country, value);
  if (!inserted && value.meta.hub_seq >= it->second.meta.hub_seq) it->second = value;
  ++record.sitrep_count;
  ++revision_;
}

std::vector<const OperationRecord*> OperationsBoard::Ordered() const {
  std::vector<const OperationRecord*> out;
  for (const auto& [code, record] : operations_) out.push_back(&record);
  auto rank = [](OperationPhase phase) {
    switch (phase) {
      case OperationPhase::kActive: return 0;
      case OperationPhase::kBriefing: return 1;
      case OperationPhase::kPlanned: return 2;
      case OperationPhase::kDebriefing: return 3;
      case OperationPhase::kClosed: return 4;
    }
    return 5;
  };
  std::stable_sort(out.begin(), out.end(), [&](const OperationRecord* a, const OperationRecord* b) {
    return rank(a->operation.phase) < rank(b->operation.phase);
  });
  return out;
}

const OperationRecord* OperationsBoard::Find(const std::string& code) const {
  auto it = operations_.find(code);
  return it == operations_.end() ? nullptr : &it->second;
}

}  // namespace opsroom::console
