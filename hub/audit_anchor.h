// The hub's own memory of the last audit head it signed, kept OUTSIDE the
// store: <audit key directory>/audit.last, one Frame{SignedAuditHead} line in
// the format of a heads file (docs/protocol.md 7.1). The heads the hub keeps
// in meta can be deleted by whoever writes the store; audit.last cannot,
// short of the key directory. Before its first signature after a start the
// hub checks that the store's chain still extends that head, so it never
// signs a history rewritten below a head it signed before. Plain functions
// over files and a store reader; called from the hub's loop thread.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "hub/store.h"
#include "wire/audit_head.h"

namespace opsroom::hub {

inline constexpr std::string_view kAuditAnchorFile = "audit.last";

// Replaces `path` atomically (a temporary file, fsync, rename, fsync of the
// directory): a crash leaves the old head or the new one, never half a file.
wire::Result<bool> WriteAuditAnchor(const std::string& path, const wire::SignedHeadFields& head);
// nullopt when `path` does not exist (a key directory from before audit.last).
wire::Result<std::optional<wire::SignedHeadFields>> ReadAuditAnchor(const std::string& path);

// Empty when the chain in `store` extends `anchor`: the anchor carries a valid
// signature by `trusted_key` for `hub_id`, the chain holds at least
// anchor.records records, the record at that size hashes to anchor.head_hash,
// and every record after it (the unsigned tail) chains to the one before, up
// to meta "audit.head". Otherwise what is wrong, naming the records.
std::string CheckChainExtends(StoreReader& store, const wire::SignedHeadFields& anchor, std::string_view trusted_key,
                              std::string_view hub_id);

}  // namespace opsroom::hub
