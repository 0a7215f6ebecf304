// The hub's audit signing key at start: read, or made on the first start, in a
// directory the store does not hold. Called by HubServer::Start on the
// caller's thread.
#pragma once
#include <string>

#include "hub/config.h"
#include "wire/audit_head.h"
#include "wire/result.h"

namespace opsroom::hub {

// The hub's Ed25519 audit signing key, <keys>/audit.key (docs/protocol.md
// 7.1): read, or made with audit.pub when neither exists (in secure and
// --insecure mode alike: the audit trail exists in both). An audit.pub without
// its audit.key is an error: auditors and clients hold that public key.
struct AuditKeySetup {
  wire::AuditKey key;
  bool made = false;           // audit.key and audit.pub were written now
  bool remade_public = false;  // audit.pub was missing beside audit.key and was written from it now
};
wire::Result<AuditKeySetup> EnsureAuditKey(const HubConfig& config);
std::string AuditKeyNotice(const HubConfig& config);

}  // namespace opsroom::hub
