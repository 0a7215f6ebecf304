// Signed audit heads checked against the audit chain (docs/protocol.md 7.1),
// for `opsroom-hub audit --verify`: the heads the hub kept in its store and,
// optionally, heads a client saw (`opsroom-node tail --save-heads FILE`). Each
// must be signed by the trusted audit key and name exactly the chain's record
// at its size, so a history rewritten by someone without the key contradicts
// them. Reads the store only; pure otherwise.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audit_log.h"
#include "hub/store.h"
#include "wire/audit_head.h"

namespace opsroom::hub {

// A signed head and where it came from ("stored head", "FILE line N").
struct HeadClaim {
  wire::SignedHeadFields head;
  std::string source;
};

struct HeadsVerdict {
  AuditVerdict chain;                 // the hash chain itself (VerifyAudit)
  bool ok = true;                     // chain.ok and no head contradicts it
  uint64_t stored_heads = 0;          // stored heads that verify and agree
  uint64_t client_heads = 0;          // client heads that verify and agree
  uint64_t signed_through = 0;        // records vouched for by the highest agreeing stored head
  std::vector<std::string> problems;  // each names the record or range where history diverges
  std::string notice;                 // not a failure: e.g. a tail not signed yet
};

// Reads a file of signed heads: one Frame{SignedAuditHead} a line in its JSON
// form (docs/protocol.md 12). Blank lines are skipped; any other bad line is an error.
wire::Result<std::vector<HeadClaim>> ReadHeadsFile(const std::string& path);

// `trusted_key`: the raw Ed25519 public key of the hub's audit key.
HeadsVerdict VerifyAuditHeads(StoreReader& store, std::string_view trusted_key,
                              const std::vector<HeadClaim>& client_heads);

}  // namespace opsroom::hub
