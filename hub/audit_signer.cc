#include "hub/audit_signer.h"

#include "hub/audit_log.h"
#include "hub/keys.h"

namespace opsroom::hub {

std::string SignedHeadKey(uint64_t records) { return std::string(kSignedHeadPrefix) + Be64(records); }

wire::Result<bool> AuditSigner::SignIfMoved(StoreReader& store, uint64_t hub_seq, int64_t now_ms, WriteSet& writes) {
  Lookup stored = store.Get(Family::kMeta, kAuditHeadKey);
  if (!stored.status.ok()) return wire::Reject(wire::RejectReason::StoreFailed, stored.status.message());
  if (!stored.value) return false;  // an empty chain: nothing to vouch for
  std::optional<AuditHead> head = DecodeHead(*stored.value);
  if (!head) return wire::Reject(wire::RejectReason::StoreFailed, "unreadable audit head in meta");
  if (latest_ && latest_->records == head->seq && latest_->head_hash == head->hash) return false;
  wire::SignedHeadFields fields;
  fields.hub_id = hub_id_;
  fields.records = head->seq;
  fields.head_hash = head->hash;
  fields.hub_seq = hub_seq;
  fields.at_ms = now_ms;
  auto signed_head = wire::SignHead(std::move(fields), key_);
  if (!signed_head) return signed_head.rejection();
  latest_ = signed_head.value();
  latest_frame_ = wire::BuildSignedAuditHead(*latest_);
  writes.Put(Family::kMeta, SignedHeadKey(latest_->records),
             std::string_view(reinterpret_cast<const char*>(latest_frame_.data()), latest_frame_.size()));
  return true;
}

}  // namespace opsroom::hub
