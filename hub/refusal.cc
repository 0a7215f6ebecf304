#include "hub/refusal.h"

namespace opsroom::hub {

void Refuser::Refuse(const FrameContext& frame, uint64_t request_id, uint64_t node_seq, wire::RejectReason code,
                     std::string_view text, std::vector<Reply>& replies) {
  stats_.Refused(code);
  // A store failure is the hub's own, not the sender's: not a denial.
  if (code != wire::RejectReason::StoreFailed && code != wire::RejectReason::DiskFull) {
    audit_.Record(
        frame.now_ms, "denial", frame.actor,
        AuditFields().Add("reason", wire::EnumNameRejectReason(code)).Add("node_seq", node_seq).Add("text", text));
  }
  replies.push_back({std::string(frame.peer), wire::BuildNack(request_id, node_seq, code, text)});
}

wire::RejectReason StoreReason(const StoreStatus& status) {
  return status.code() == StoreCode::kNoSpace ? wire::RejectReason::DiskFull : wire::RejectReason::StoreFailed;
}

}  // namespace opsroom::hub
