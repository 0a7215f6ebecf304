// The audit trail's record of stored messages: ONE record per batch (kind
// "writes") instead of one per message. The log entry already holds every
// field of the message, so the record keeps only what the log does not: who
// wrote each entry (the connection's authenticated identity) and the topics
// it fanned out under, as runs of consecutive hub sequences. `opsroom-hub
// audit` prints each message of a run as a "write" line, its fields read back
// from the log (docs/operations.md, "The audit trail").
//
// Why: a JSON record and a BLAKE2b hash per message were a third of the
// hub's write volume and a quarter of its loop's CPU per message (issue 16).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "envelope_generated.h"
#include "hub/audit_log.h"
#include "hub/store.h"

namespace opsroom::hub {

inline constexpr std::string_view kWritesKind = "writes";

// The runs of one batch, in hub order. Loop thread.
class WriteRuns {
 public:
  void Add(uint64_t hub_seq, std::string_view actor, const std::vector<std::string>& topics, int64_t at_ms);
  bool empty() const { return runs_.empty(); }
  int64_t last_at_ms() const { return last_at_ms_; }
  // "runs":[[first_hub_seq,count,"actor",["topic",...]],...]
  AuditFields Fields() const;
  void Clear();

 private:
  struct Run {
    uint64_t first = 0;
    uint32_t count = 0;
    std::string actor;
    std::vector<std::string> topics;
  };
  std::vector<Run> runs_;
  int64_t last_at_ms_ = 0;
};

// The fields a stored message's "write" line shows besides who wrote it:
// hub_seq, node_seq, message_id, payload, distribution, recipients and, for
// actions and handovers, what they did.
AuditFields WriteFieldsOf(const wire::Envelope& envelope, uint64_t hub_seq);

// Prints, for a stored "writes" record, one "write" line per message whose
// actor is `node` (empty: all). Messages whose log entry retention removed
// are printed with what the record holds. False when the record is not a
// readable "writes" record.
bool PrintWriteLines(StoreReader& store, std::string_view record, std::string_view node,
                     const std::function<void(std::string_view line)>& print);

}  // namespace opsroom::hub
