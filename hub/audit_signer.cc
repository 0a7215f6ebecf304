#include "hub/audit_signer.h"

#include "hub/audit_anchor.h"
#include "hub/audit_log.h"
#include "hub/key_layout.h"

namespace opsroom::hub {

std::string SignedHeadKey(uint64_t records) { return std::string(kSignedHeadPrefix) + Be64(records); }

namespace {

// The hash of the signed head meta holds for `records` records; nullopt when none is kept.
wire::Result<std::optional<std::string>> StoredHeadHash(StoreReader& store, uint64_t records) {
  Lookup stored = store.Get(Family::kMeta, SignedHeadKey(records));
  if (!stored.status.ok()) return wire::Reject(wire::RejectReason::StoreFailed, stored.status.message());
  if (!stored.value) return std::optional<std::string>();
  auto head =
      wire::CheckSignedAuditHeadFrame({reinterpret_cast<const uint8_t*>(stored.value->data()), stored.value->size()});
  if (!head) return std::optional<std::string>(std::string());  // unreadable: never equal to a real hash
  return std::optional<std::string>(head->head_hash);
}

}  // namespace

std::string AuditSigner::CheckHistory(StoreReader& store) const {
  if (anchor_path_.empty()) return "";
  auto anchor = ReadAuditAnchor(anchor_path_);
  if (!anchor) return "cannot read " + anchor_path_ + ": " + anchor.rejection().text;
  if (!anchor.value()) return "";
  return CheckChainExtends(store, *anchor.value(), key_.public_key, hub_id_);
}

wire::Result<bool> AuditSigner::SignIfMoved(StoreReader& store, uint64_t hub_seq, int64_t now_ms, WriteSet& writes) {
  Lookup stored = store.Get(Family::kMeta, kAuditHeadKey);
  if (!stored.status.ok()) return wire::Reject(wire::RejectReason::StoreFailed, stored.status.message());
  if (!stored.value) return false;  // an empty chain: nothing to vouch for
  std::optional<AuditHead> head = DecodeHead(*stored.value);
  if (!head) return wire::Reject(wire::RejectReason::StoreFailed, "unreadable audit head in meta");
  if (latest_ && latest_->records == head->seq && latest_->head_hash == head->hash) return false;
  auto kept = StoredHeadHash(store, head->seq);
  if (!kept) return kept.rejection();
  if (kept.value() && *kept.value() != head->hash) {
    return wire::Reject(wire::RejectReason::StoreFailed,
                        "refusing to sign: the store already holds a signed head for " + std::to_string(head->seq) +
                            " records with another hash (the audit history was rewritten)");
  }
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
  if (!kept.value()) {  // an equal head kept before stays as it was
    writes.Put(Family::kMeta, SignedHeadKey(latest_->records),
               std::string_view(reinterpret_cast<const char*>(latest_frame_.data()), latest_frame_.size()));
  }
  if (!anchor_path_.empty()) {
    auto anchored = WriteAuditAnchor(anchor_path_, *latest_);
    if (!anchored) {
      return wire::Reject(anchored.rejection().code,
                          "signed, but could not keep the head outside the store: " + anchored.rejection().text);
    }
  }
  return true;
}

}  // namespace opsroom::hub
