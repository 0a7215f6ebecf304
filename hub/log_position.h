// Where the hub's log stands: the next hub sequence to hand out (entries are
// numbered when they are staged) and the last one that is durable (what
// Welcome, HubStatus and replay report). Owned by the hub's core; the check
// side advances next_seq, apply advances committed_seq.
#pragma once
#include <cstdint>

namespace opsroom::hub {

struct LogPosition {
  uint64_t next_seq = 1;
  uint64_t committed_seq = 0;
  // Numbers the next entry.
  uint64_t Claim() { return next_seq++; }
};

}  // namespace opsroom::hub
