// The audit trail: every write, query, delivery, denial and handshake as one
// JSON record in the `audit` column family, appended to the SAME WriteSet as
// the change it records. Records are hash-chained: each holds "prev", the
// BLAKE2b-256 of the previous record's stored bytes, and meta "audit.head"
// holds the last sequence and hash, so an offline edit, deletion or
// truncation is found by Verify. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/store.h"

namespace opsroom::hub {

inline constexpr std::string_view kAuditHeadKey = "audit.head";

// A JSON object's members, built safely: Add escapes strings.
class AuditFields {
 public:
  AuditFields& Add(std::string_view name, std::string_view value);
  // Without this a string literal or EnumName*() would pick the bool overload.
  AuditFields& Add(std::string_view name, const char* value) { return Add(name, std::string_view(value)); }
  AuditFields& Add(std::string_view name, const std::string& value) { return Add(name, std::string_view(value)); }
  AuditFields& Add(std::string_view name, int64_t value);
  AuditFields& Add(std::string_view name, uint64_t value) { return Add(name, static_cast<int64_t>(value)); }
  AuditFields& Add(std::string_view name, int value) { return Add(name, static_cast<int64_t>(value)); }
  AuditFields& Add(std::string_view name, bool value);
  AuditFields& Add(std::string_view name, const std::vector<std::string>& values);
  // `json` must already be valid JSON (a value this process built).
  AuditFields& AddJson(std::string_view name, std::string_view json);
  const std::string& text() const { return text_; }  // ,"name":value,... (leading comma)

 private:
  std::string text_;
};

std::string JsonEscape(std::string_view text);
std::string Hex(std::string_view bytes);
// BLAKE2b-256 of `bytes` (libsodium), 32 raw bytes.
std::string AuditHash(std::string_view bytes);
// A stored record's "prev" member (64 hex digits); nullopt when it is not the last member.
std::optional<std::string_view> PrevOf(std::string_view record);

// The chain's head: the last record's sequence and hash (32 zero bytes before the first).
struct AuditHead {
  uint64_t seq = 0;
  std::string hash = std::string(32, '\0');
  bool operator==(const AuditHead&) const = default;
};
std::string EncodeHead(const AuditHead& head);
std::optional<AuditHead> DecodeHead(std::string_view bytes);

// The stored bytes of record `seq`: {"seq":..,"at_ms":..,"kind":..,"node":.., <fields>, "prev":"<hex>"}.
std::string FormatAuditRecord(uint64_t seq, std::string_view prev_hash, int64_t at_ms, std::string_view kind,
                              std::string_view node, const AuditFields& fields);

class AuditLog {
 public:
  // Loads the head from meta (an empty chain when absent).
  StoreStatus Open(StoreReader& store);
  // Appends one record to `writes`; the head advances at once (the next
  // record chains to it even before the commit).
  void Append(WriteSet& writes, int64_t at_ms, std::string_view kind, std::string_view node, const AuditFields& fields);
  // Puts the head into `writes` if records were appended since the last call.
  // Called once per batch rather than per record: a batch holds thousands of
  // records, and each rewrite of the head was a memtable insert of its own.
  // The records and their head must reach the store in the same WriteSet.
  void WriteHead(WriteSet& writes);
  const AuditHead& head() const { return head_; }
  uint64_t appended() const { return appended_; }

 private:
  AuditHead head_;
  uint64_t appended_ = 0;
  bool head_unwritten_ = false;
};

struct AuditVerdict {
  bool ok = true;
  uint64_t records = 0;
  uint64_t first_bad_seq = 0;  // 0 when ok
  std::string error;
};

// Walks the whole chain in the store: sequences consecutive from 1, each
// "prev" equal to the hash of the record before, and the head in meta equal
// to the last record. `on_record`, when set, sees the chain's head after each
// record that chains (signed heads are checked against these, audit_heads_check.h).
using AuditRecordVisitor = std::function<void(const AuditHead& through)>;
AuditVerdict VerifyAudit(StoreReader& store, const AuditRecordVisitor& on_record = nullptr);

// Prints the records (JSON lines) with seq >= 1 whose node equals `node`
// (empty: all) and at_ms >= since_ms; after a batch's "writes" record, a
// "write" line per message it covers whose writer is `node` (audit_writes.h).
StoreStatus PrintAudit(StoreReader& store, std::string_view node, int64_t since_ms,
                       const std::function<void(std::string_view line)>& print);

}  // namespace opsroom::hub
