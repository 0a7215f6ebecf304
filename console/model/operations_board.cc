#include "console/model/operations_board.h"

#include <algorithm>

namespace opsroom::console {

std::string OperationRecord::MarkingOf(const std::string& country) const {
  const SitRepValue* latest = ledger.Latest(country);
  return latest == nullptr ? std::string() : MarkingText(latest->meta.marking);
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
  record.ledger.Apply(value);
  ++record.sitrep_count;
  ++revision_;
}

std::vector<const OperationRecord*> OperationsBoard::Ordered() const {
  std::vector<const OperationRecord*> out;
  for (const auto& [code, record] : operations_) out.push_back(&record);
  auto rank = [](OperationPhase phase) {
    switch (phase) {
      case OperationPhase::Active: return 0;
      case OperationPhase::Briefing: return 1;
      case OperationPhase::Planned: return 2;
      case OperationPhase::Debriefing: return 3;
      case OperationPhase::Closed: return 4;
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
