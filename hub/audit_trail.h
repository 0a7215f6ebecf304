// The owner of the audit trail: the hash chain (audit_log.h) and where its
// records go, the batch being built, so that each record is committed with
// the change it records. Everyone that audits (the frame check, queries,
// retention, the server's security events) holds this by reference.
// Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <string_view>

#include "hub/audit_log.h"
#include "hub/audit_writes.h"
#include "hub/batch_in_hand.h"

namespace opsroom::hub {

class AuditTrail {
 public:
  explicit AuditTrail(BatchInHand& batches) : batches_(batches) {}

  // Loads the chain's head from the store (again after a failed batch, whose
  // noted writes are dropped with it).
  StoreStatus Open(StoreReader& store) {
    writes_.Clear();
    return log_.Open(store);
  }
  // One record, committed with the batch being built.
  void Record(int64_t now_ms, std::string_view kind, std::string_view node, const AuditFields& fields) {
    log_.Append(batches_.building().writes, now_ms, kind, node, fields);
  }
  // A message stored in the batch being built: recorded with the others of
  // its batch by FlushWrites (audit_writes.h).
  void NoteWrite(uint64_t hub_seq, std::string_view actor, const std::vector<std::string>& topics, int64_t now_ms) {
    writes_.Add(hub_seq, actor, topics, now_ms);
  }
  // The batch's "writes" record, then the chain's head, into a batch that is
  // about to be committed: once per batch, not per record (audit_log.h).
  void FinishBatch(WriteSet& writes) {
    if (!writes_.empty()) {
      log_.Append(writes, writes_.last_at_ms(), kWritesKind, "hub", writes_.Fields());
      writes_.Clear();
    }
    log_.WriteHead(writes);
  }
  uint64_t appended() const { return log_.appended(); }

 private:
  BatchInHand& batches_;
  AuditLog log_;
  WriteRuns writes_;
};

}  // namespace opsroom::hub
