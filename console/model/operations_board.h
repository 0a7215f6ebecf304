// Joint operations and their situation reports: each operation's latest
// version and its sitreps, counted per reporting period (sitrep_ledger.h).
// UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "console/model/events.h"
#include "console/model/marking.h"
#include "console/model/sitrep_ledger.h"

namespace opsroom::console {

struct OperationRecord {
  OperationValue operation;
  bool known = false;  // false: only sitreps arrived so far
  SitRepLedger ledger;
  uint32_t sitrep_count = 0;

  SitRepCounters CountersOf(const std::string& country) const { return ledger.Total(country); }
  SitRepCounters Totals() const { return ledger.Total(); }  // every country, every period
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
