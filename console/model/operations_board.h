// Joint operations and their situation reports: each operation's latest
// version, the latest sitrep of each reporting country, and the totals of
// those latest sitreps. UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "console/model/events.h"
#include "console/model/marking.h"

namespace opsroom::console {

struct SitRepCounters {
  uint64_t persons_checked = 0;
  uint64_t vehicles_checked = 0;
  uint64_t migrants_detected = 0;
  uint64_t facilitators_arrested = 0;
  uint64_t victims_identified = 0;
  uint64_t other_arrests = 0;
  uint64_t refusals_of_entry = 0;
  std::map<std::pair<Commodity, Unit>, double> seizures;

  void Add(const SitRepValue& sitrep);
  void Add(const SitRepCounters& other);
};

struct OperationRecord {
  OperationValue operation;
  bool known = false;  // false: only sitreps arrived so far
  std::map<std::string, SitRepValue> latest_by_country;
  uint32_t sitrep_count = 0;

  SitRepCounters CountersOf(const std::string& country) const;
  SitRepCounters Totals() const;  // sum of each country's latest sitrep
  // The marking of the country's latest sitrep ("B2 · RESTRICTED → AL, ME"),
  // shown beside its counters as an alert's is; "" when it has none.
  std::string MarkingOf(const std::string& country) const;
};

class OperationsBoard {
 public:
  void Apply(const OperationValue& value);
  void Apply(const SitRepValue& value);
  // Forgets every operation and sitrep (the hub was restored); revision() goes on up.
  void Clear();

  // Ordered by phase (active first), then code.
  std::vector<const OperationRecord*> Ordered() const;
  const OperationRecord* Find(const std::string& code) const;
  std::size_t size() const { return operations_.size(); }
  uint64_t revision() const { return revision_; }

 private:
  std::map<std::string, OperationRecord> operations_;
  uint64_t revision_ = 0;
};

}  // namespace opsroom::console
