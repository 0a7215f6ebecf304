#include "hub/audit_tool.h"

#include "hub/audit_log.h"
#include "hub/store.h"

namespace opsroom::hub {

ToolResult PrintAuditTrail(const std::string& data_dir, const std::string& node, int64_t since_ms, bool verify,
                           std::ostream& out, std::ostream& err) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + ": " + opened.status.message()};
  StoreStatus printed = PrintAudit(*opened.store, node, since_ms, [&](std::string_view line) { out << line << '\n'; });
  if (!printed.ok()) return {false, "audit scan failed: " + printed.message()};
  if (!verify) return {};
  AuditVerdict verdict = VerifyAudit(*opened.store);
  if (!verdict.ok) return {false, "audit chain BROKEN: " + verdict.error};
  err << "audit chain verified: " << verdict.records << " records\n";
  return {};
}

}  // namespace opsroom::hub
