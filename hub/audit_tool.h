// `opsroom-hub audit`: prints the audit trail as JSON lines (read-only, with the
// hub stopped or running) and, with verify, checks its hash chain. Called by main.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>

#include "hub/tools.h"

namespace opsroom::hub {

// Fails (ok=false) when the store cannot be read or, with verify, when the
// chain is broken: the error names the first bad record.
ToolResult PrintAuditTrail(const std::string& data_dir, const std::string& node, int64_t since_ms, bool verify,
                           std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
