#include "hub/audit_anchor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "hub/audit_heads_check.h"
#include "hub/audit_log.h"
#include "hub/key_layout.h"
#include "wire/curve_keys.h"
#include "wire/json_codec.h"

namespace opsroom::hub {

namespace {

wire::Rejection Fail(std::string text) { return wire::Reject(wire::RejectReason::InvalidValue, std::move(text)); }

// The rename is durable only once the directory entry is.
bool SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

// The stored bytes of record `seq`, or why they cannot be had.
std::optional<std::string> Record(StoreReader& store, uint64_t seq, std::string& problem) {
  Lookup found = store.Get(Family::kAudit, Be64(seq));
  if (!found.status.ok())
    problem = "reading audit record " + std::to_string(seq) + " failed: " + found.status.message();
  else if (!found.value) problem = "audit record " + std::to_string(seq) + " is missing";
  return found.status.ok() ? found.value : std::nullopt;
}

}  // namespace

wire::Result<bool> WriteAuditAnchor(const std::string& path, const wire::SignedHeadFields& head) {
  wire::JsonCodec codec;
  std::string line = codec.FrameToJson(wire::BuildSignedAuditHead(head)) + "\n";
  const std::string temporary = path + ".tmp";
  if (auto written = wire::WriteFileWithMode(temporary, line, 0644, true); !written) return written;
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Fail("cannot replace " + path + ": " + ec.message());
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (!SyncDirectory(dir.empty() ? "." : dir))
    return Fail("cannot sync the directory of " + path + ": " + std::strerror(errno));
  return true;
}

wire::Result<std::optional<wire::SignedHeadFields>> ReadAuditAnchor(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<wire::SignedHeadFields>();
  auto heads = ReadHeadsFile(path);
  if (!heads) return heads.rejection();
  if (heads->size() != 1) return Fail(path + " holds " + std::to_string(heads->size()) + " signed heads, not one");
  return std::optional<wire::SignedHeadFields>(heads->front().head);
}

std::string CheckChainExtends(StoreReader& store, const wire::SignedHeadFields& anchor, std::string_view trusted_key,
                              std::string_view hub_id) {
  const std::string signed_head = "the last head this hub signed (" + std::to_string(anchor.records) + " records)";
  if (std::string refused = wire::CheckHeadSignature(anchor, trusted_key); !refused.empty()) {
    return signed_head + " is not signed by the audit key: " + refused;
  }
  if (anchor.hub_id != hub_id)
    return signed_head + " names hub '" + anchor.hub_id + "', not '" + std::string(hub_id) + "'";
  Lookup stored = store.Get(Family::kMeta, kAuditHeadKey);
  if (!stored.status.ok()) return "reading the audit head failed: " + stored.status.message();
  std::optional<AuditHead> head = stored.value ? DecodeHead(*stored.value) : std::optional<AuditHead>(AuditHead{});
  if (!head) return "the audit head in meta is unreadable";
  if (head->seq < anchor.records) {
    return "the chain ends at record " + std::to_string(head->seq) + " but " + signed_head + " vouches for records " +
           std::to_string(head->seq + 1) + ".." + std::to_string(anchor.records) +
           ": they were deleted, or the store was rolled back (restored from a backup?)";
  }
  std::string problem;
  std::optional<std::string> record = Record(store, anchor.records, problem);
  if (!record) return problem;
  std::string hash = AuditHash(*record);
  if (hash != anchor.head_hash) {
    return "history diverges from " + signed_head + ": record " + std::to_string(anchor.records) + " hashes to " +
           wire::ToHex(hash) + ", the signed head names " + wire::ToHex(anchor.head_hash) + "; records 1.." +
           std::to_string(anchor.records) + " were rewritten";
  }
  // The unsigned tail: what was committed after the last signature (a crash between the two).
  for (uint64_t seq = anchor.records + 1; seq <= head->seq; ++seq) {
    record = Record(store, seq, problem);
    if (!record) return problem;
    std::optional<std::string_view> prev = PrevOf(*record);
    if (!prev || *prev != Hex(hash)) {
      return "record " + std::to_string(seq) + " does not chain to record " + std::to_string(seq - 1) +
             " (edited, inserted or deleted after " + signed_head + ")";
    }
    hash = AuditHash(*record);
  }
  if (hash != head->hash) return "the audit head in meta does not name record " + std::to_string(head->seq);
  return "";
}

}  // namespace opsroom::hub
