// A refused frame: counted, audited as a denial, answered with a Nack. One
// place for it, because sessions, the frame check and a failed commit all
// refuse, and each refusal must look the same on the wire and in the trail.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "hub/audit_trail.h"
#include "hub/frame_context.h"
#include "hub/reply.h"
#include "hub/stats.h"

namespace opsroom::hub {

class Refuser {
 public:
  Refuser(Stats& stats, AuditTrail& audit) : stats_(stats), audit_(audit) {}

  void Refuse(const FrameContext& frame, uint64_t request_id, uint64_t node_seq, wire::RejectReason code,
              std::string_view text, std::vector<Reply>& replies);

 private:
  Stats& stats_;
  AuditTrail& audit_;
};

// The refusal of a store failure: DiskFull when the disk is full, else StoreFailed.
wire::RejectReason StoreReason(const StoreStatus& status);

}  // namespace opsroom::hub
