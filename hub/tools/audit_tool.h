// `opsroom-hub audit`: prints the audit trail as JSON lines (read-only, with the
// hub stopped or running) and, with verify, checks its hash chain and its
// signed heads (docs/protocol.md 7.1). Called by main.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>

#include "wire/status.h"

namespace opsroom::hub {

struct AuditVerifyOptions {
  bool verify = false;
  std::string audit_key;   // the audit public key (file or 64 hex); empty: <keys_dir>/audit.pub
  std::string keys_dir;    // where audit.pub is by default
  std::string heads_file;  // signed heads a client saw (JSON lines); empty: none
};

// Fails (ok=false) when the store cannot be read or, with verify, when the
// chain is broken or a signed head contradicts it: the error names the first
// bad record or the range where history diverges.
wire::Status PrintAuditTrail(const std::string& data_dir, const std::string& node, int64_t since_ms,
                             const AuditVerifyOptions& check, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
