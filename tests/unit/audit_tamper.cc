#include "unit/audit_tamper.h"

#include <filesystem>
#include <utility>
#include <vector>

#include "hub/audit_log.h"
#include "hub/key_layout.h"

namespace opsroom::testing {

namespace {

// "prev" is the record's last member: ,"prev":"<64 hex>"}
void SetPrev(std::string& record, const std::string& prev_hash) {
  std::string hex = hub::Hex(prev_hash);
  record.replace(record.size() - 2 - hex.size(), hex.size(), hex);
}

}  // namespace

bool RewriteAuditHistory(hub::Store& store, uint64_t seq, std::string_view from, std::string_view to) {
  std::vector<std::pair<uint64_t, std::string>> records;
  hub::StoreStatus scanned =
      store.Scan(hub::Family::kAudit, hub::Be64(seq), [&](std::string_view key, std::string_view value) {
        records.emplace_back(hub::ParseBe64(key).value_or(0), std::string(value));
        return true;
      });
  if (!scanned.ok() || records.empty() || records.front().first != seq) return false;
  std::size_t at = records.front().second.find(from);
  if (at == std::string::npos) return false;
  records.front().second.replace(at, from.size(), to);
  hub::WriteSet writes;
  hub::AuditHead head{seq, ""};
  for (auto& [record_seq, record] : records) {
    if (record_seq != seq) SetPrev(record, head.hash);
    head = hub::AuditHead{record_seq, hub::AuditHash(record)};
    writes.Put(hub::Family::kAudit, hub::Be64(record_seq), record);
  }
  writes.Put(hub::Family::kMeta, hub::kAuditHeadKey, hub::EncodeHead(head));
  return store.Commit(writes).ok();
}

void CopyDataDir(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  fs::create_directories(to);
  for (auto entry = fs::recursive_directory_iterator(from); entry != fs::recursive_directory_iterator(); ++entry) {
    // The store only: a key directory inside it (the hub's keys, an audit key
    // allowed there) is not what someone copying the store is assumed to hold.
    if (entry->is_directory() && entry->path().filename() == "keys") {
      entry.disable_recursion_pending();
      continue;
    }
    fs::path target = fs::path(to) / fs::relative(entry->path(), from);
    if (entry->is_directory()) fs::create_directories(target);
    else if (entry->is_regular_file() && entry->path().filename() != "audit.key") fs::copy_file(entry->path(), target);
  }
}

}  // namespace opsroom::testing
