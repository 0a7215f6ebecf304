// What someone with write access to the hub's store, but without the audit
// signing key, can do to the audit trail: edit a record and recompute every
// later record's "prev" and the head in meta, so that the hash chain alone
// verifies again. Test support for the signed-head tests.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "hub/store.h"

namespace opsroom::testing {

// Replaces the first `from` in record `seq` by `to` and re-chains every later
// record and the head. False when record `seq` does not hold `from`.
bool RewriteAuditHistory(hub::Store& store, uint64_t seq, std::string_view from, std::string_view to);

// Copies a stopped hub's data directory: its directories and regular files
// (the hub's control socket is neither), but no key: not a `keys` directory
// and no audit.key, which a copy of the store must not carry.
void CopyDataDir(const std::string& from, const std::string& to);

}  // namespace opsroom::testing
