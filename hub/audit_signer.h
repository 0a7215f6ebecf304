// Signed audit heads on the hub (docs/protocol.md 7.1): the chain's committed
// head signed with the hub's Ed25519 audit key, which lives in the key
// directory and never in the store. Each signed head is kept in meta under
// kSignedHeadPrefix + Be64(records), so that `audit --verify` checks it against
// the chain, and is published on the fan-out; the latest is also kept outside
// the store, in audit.last beside the key (hub/audit_anchor.h), and a start
// checks the chain against it before signing anything. Owned by the hub's loop thread.
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
  // `anchor_path`: where the latest signed head is kept outside the store
  // (audit.last beside audit.key); empty keeps none (unit tests of signing alone).
  AuditSigner(wire::AuditKey key, std::string hub_id, std::string anchor_path = "")
      : key_(std::move(key)), hub_id_(std::move(hub_id)), anchor_path_(std::move(anchor_path)) {}

  // Empty when the chain in `store` extends the head in audit.last (or there
  // is no audit.last yet); otherwise why not. Called at start, before the
  // first SignIfMoved: a history rewritten below a signed head is never signed.
  std::string CheckHistory(StoreReader& store) const;

  // When the committed head (meta "audit.head" in `store`) is not the last one
  // signed: signs it, puts it into `writes` (kept with the next batch) and
  // returns true. Reading the head from the store, not from the audit log in
  // memory, means a signed head never names records that a failed batch loses.
  // Refuses (an error) when meta already holds a signed head of the same size
  // with another hash: two signed histories are never made.
  wire::Result<bool> SignIfMoved(StoreReader& store, uint64_t hub_seq, int64_t now_ms, WriteSet& writes);
  // Frame{SignedAuditHead} of the latest signed head; empty before the first.
  const wire::Bytes& latest_frame() const { return latest_frame_; }
  const std::optional<wire::SignedHeadFields>& latest() const { return latest_; }

 private:
  wire::AuditKey key_;
  std::string hub_id_;
  std::string anchor_path_;
  std::optional<wire::SignedHeadFields> latest_;
  wire::Bytes latest_frame_;
};

}  // namespace opsroom::hub
