#include "hub/tools/audit_tool.h"

#include "hub/audit_heads_check.h"
#include "hub/audit_log.h"
#include "hub/store.h"

namespace opsroom::hub {

namespace {

wire::Status Verify(StoreReader& store, const AuditVerifyOptions& check, std::ostream& err) {
  std::string key_text = check.audit_key.empty() ? check.keys_dir + "/audit.pub" : check.audit_key;
  auto trusted = wire::AuditPublicKeyFrom(key_text);
  if (!trusted) {
    return {false, "cannot check the signed audit heads without the audit public key: " + trusted.rejection().text +
                       " (give --audit-key FILE|HEX)"};
  }
  if (check.audit_key.empty()) {
    err << "checking signatures with " << key_text
        << " (whoever can write beside the store can replace it: --audit-key with a copy you keep is stronger)\n";
  }
  std::vector<HeadClaim> client_heads;
  if (!check.heads_file.empty()) {
    auto read = ReadHeadsFile(check.heads_file);
    if (!read) return {false, read.rejection().text};
    client_heads = std::move(read.value());
  }
  HeadsVerdict verdict = VerifyAuditHeads(store, trusted.value(), client_heads);
  if (!verdict.chain.ok) return {false, "audit chain BROKEN: " + verdict.chain.error};
  if (!verdict.ok) {
    std::string text = "audit history CONTRADICTS its signed heads:";
    for (const std::string& problem : verdict.problems) text += "\n  " + problem;
    return {false, text};
  }
  err << "audit chain verified: " << verdict.chain.records << " records; signed heads agree: " << verdict.stored_heads
      << " kept by the hub (records 1.." << verdict.signed_through << " signed), " << verdict.client_heads
      << " seen by clients\n";
  if (!verdict.notice.empty()) err << "note: " << verdict.notice << "\n";
  return {};
}

}  // namespace

wire::Status PrintAuditTrail(const std::string& data_dir, const std::string& node, int64_t since_ms,
                             const AuditVerifyOptions& check, std::ostream& out, std::ostream& err) {
  OpenResult opened = OpenRocksStore({data_dir, false, true});
  if (!opened.status.ok()) return {false, "cannot open " + data_dir + ": " + opened.status.message()};
  StoreStatus printed = PrintAudit(*opened.store, node, since_ms, [&](std::string_view line) { out << line << '\n'; });
  if (!printed.ok()) return {false, "audit scan failed: " + printed.message()};
  if (!check.verify) return {};
  return Verify(*opened.store, check, err);
}

}  // namespace opsroom::hub
