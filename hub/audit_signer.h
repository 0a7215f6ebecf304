// Signed audit heads on the hub (docs/protocol.md 7.1): the chain's committed
// head signed with the hub's Ed25519 audit key, which lives in the key
// directory and never in the store. Each signed head is kept in meta under
// kSignedHeadPrefix + Be64(records), so that `audit --verify` checks it against
// the chain, and is published on the fan-out. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hub/store.h"
#include "wire/audit_head.h"

namespace opsroom::hub {

inline constexpr std::string_view kSignedHeadPrefix = "audit.sth.";
std::string SignedHeadKey(uint64_t records);

class AuditSigner {
 public:
  AuditSigner(wire::AuditKey key, std::string hub_id) : key_(std::move(key)), hub_id_(std::move(hub_id)) {}

  // When the committed head (meta "audit.head" in `store`) is not the last one
  // signed: signs it, puts it into `writes` (kept with the next batch) and
  // returns true. Reading the head from the store, not from the audit log in
  // memory, means a signed head never names records that a failed batch loses.
  wire::Result<bool> SignIfMoved(StoreReader& store, uint64_t hub_seq, int64_t now_ms, WriteSet& writes);
  // Frame{SignedAuditHead} of the latest signed head; empty before the first.
  const wire::Bytes& latest_frame() const { return latest_frame_; }
  const std::optional<wire::SignedHeadFields>& latest() const { return latest_; }

 private:
  wire::AuditKey key_;
  std::string hub_id_;
  std::optional<wire::SignedHeadFields> latest_;
  wire::Bytes latest_frame_;
};

}  // namespace opsroom::hub
