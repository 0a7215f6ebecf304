// `opsroom-hub handovers --data DIR`: the shift handovers the hub holds
// (docs/protocol.md section 16), oldest first: when, from whom, the note,
// how many open items of each kind were passed on, and who acknowledged it
// when. Opens the store read-only (works with the hub stopped or running).
// Called by main on its only thread.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "wire/status.h"

namespace opsroom::hub {

// One handover as the tool reads it from the store.
struct HandoverSummary {
  uint64_t hub_seq = 0;
  int64_t written_at_ms = 0;
  std::string handover_id;   // effective id
  std::string origin;        // the sending console's node id
  std::string from_officer;
  std::string note;
  std::vector<uint32_t> items_by_kind;  // indexed by wire::HandoverItemKind
  uint32_t items_left_out = 0;
  std::string acknowledged_by;  // empty: not acknowledged
  int64_t acknowledged_at_ms = 0;
};

// Every handover of the store at data_dir, in hub order.
wire::Status ReadHandovers(const std::string& data_dir, std::vector<HandoverSummary>* out);
// The human-readable listing of ReadHandovers, one block per handover.
void PrintHandovers(const std::vector<HandoverSummary>& handovers, std::ostream& out);

}  // namespace opsroom::hub
