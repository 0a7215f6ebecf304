#include "hub/audit_log.h"

#include <sodium.h>

#include <cstdio>

#include "hub/audit_writes.h"
#include "hub/key_layout.h"

namespace opsroom::hub {

namespace {

constexpr std::size_t kHashBytes = 32;

// The value of a top-level string or number member in one of our own records.
std::optional<std::string_view> Member(std::string_view record, std::string_view name) {
  std::string needle = "\"" + std::string(name) + "\":";
  std::size_t at = record.find(needle);
  if (at == std::string_view::npos) return std::nullopt;
  at += needle.size();
  if (at < record.size() && record[at] == '"') {
    std::size_t end = record.find('"', at + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return record.substr(at + 1, end - at - 1);
  }
  std::size_t end = record.find_first_of(",}", at);
  if (end == std::string_view::npos) return std::nullopt;
  return record.substr(at, end - at);
}

}  // namespace

// "prev" is always the last member, so a forged record cannot hide a second one earlier.
std::optional<std::string_view> PrevOf(std::string_view record) {
  constexpr std::string_view kPrev = ",\"prev\":\"";
  if (record.size() < kPrev.size() + 2 * kHashBytes + 2) return std::nullopt;
  std::size_t at = record.size() - (kPrev.size() + 2 * kHashBytes + 2);
  if (record.substr(at, kPrev.size()) != kPrev || record.substr(record.size() - 2) != "\"}") return std::nullopt;
  return record.substr(at + kPrev.size(), 2 * kHashBytes);
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string AuditHash(std::string_view bytes) {
  std::string out(kHashBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), kHashBytes,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return out;
}

AuditFields& AuditFields::Add(std::string_view name, std::string_view value) {
  text_ += ",\"" + JsonEscape(name) + "\":\"" + JsonEscape(value) + "\"";
  return *this;
}

AuditFields& AuditFields::Add(std::string_view name, int64_t value) {
  text_ += ",\"" + JsonEscape(name) + "\":" + std::to_string(value);
  return *this;
}

AuditFields& AuditFields::Add(std::string_view name, bool value) {
  text_ += ",\"" + JsonEscape(name) + "\":" + (value ? "true" : "false");
  return *this;
}

AuditFields& AuditFields::Add(std::string_view name, const std::vector<std::string>& values) {
  text_ += ",\"" + JsonEscape(name) + "\":[";
  for (std::size_t i = 0; i < values.size(); ++i) text_ += (i ? ",\"" : "\"") + JsonEscape(values[i]) + "\"";
  text_ += "]";
  return *this;
}

AuditFields& AuditFields::AddJson(std::string_view name, std::string_view json) {
  text_ += ",\"" + JsonEscape(name) + "\":";
  text_ += json;
  return *this;
}

std::string EncodeHead(const AuditHead& head) { return Be64(head.seq) + head.hash; }

std::optional<AuditHead> DecodeHead(std::string_view bytes) {
  if (bytes.size() != 8 + kHashBytes) return std::nullopt;
  auto seq = ParseBe64(bytes.substr(0, 8));
  if (!seq) return std::nullopt;
  return AuditHead{*seq, std::string(bytes.substr(8))};
}

std::string FormatAuditRecord(uint64_t seq, std::string_view prev_hash, int64_t at_ms, std::string_view kind,
                              std::string_view node, const AuditFields& fields) {
  std::string out = "{\"seq\":" + std::to_string(seq) + ",\"at_ms\":" + std::to_string(at_ms) + ",\"kind\":\"" +
                    JsonEscape(kind) + "\",\"node\":\"" + JsonEscape(node) + "\"";
  out += fields.text();
  out += ",\"prev\":\"" + Hex(prev_hash) + "\"}";
  return out;
}

StoreStatus AuditLog::Open(StoreReader& store) {
  head_unwritten_ = false;
  Lookup head = store.Get(Family::kMeta, kAuditHeadKey);
  if (!head.status.ok()) return head.status;
  if (!head.value) {
    head_ = AuditHead{};
    return StoreStatus::Ok();
  }
  auto decoded = DecodeHead(*head.value);
  if (!decoded) return {StoreCode::kCorruption, "unreadable audit head"};
  head_ = *decoded;
  return StoreStatus::Ok();
}

void AuditLog::Append(WriteSet& writes, int64_t at_ms, std::string_view kind, std::string_view node,
                      const AuditFields& fields) {
  uint64_t seq = head_.seq + 1;
  std::string record = FormatAuditRecord(seq, head_.hash, at_ms, kind, node, fields);
  head_ = AuditHead{seq, AuditHash(record)};
  writes.Put(Family::kAudit, Be64(seq), record);
  head_unwritten_ = true;
  ++appended_;
}

void AuditLog::WriteHead(WriteSet& writes) {
  if (!head_unwritten_) return;
  writes.Put(Family::kMeta, kAuditHeadKey, EncodeHead(head_));
  head_unwritten_ = false;
}

AuditVerdict VerifyAudit(StoreReader& store, const AuditRecordVisitor& on_record) {
  AuditVerdict verdict;
  AuditHead expected;  // what the next record must chain to
  auto fail = [&](uint64_t seq, std::string error) {
    verdict.ok = false;
    verdict.first_bad_seq = seq;
    verdict.error = std::move(error);
    return false;
  };
  StoreStatus status = store.Scan(Family::kAudit, "", [&](std::string_view key, std::string_view value) {
    uint64_t want = expected.seq + 1;
    auto seq = ParseBe64(key);
    if (!seq) return fail(want, "unreadable audit key");
    if (*seq != want)
      return fail(want, "record " + std::to_string(want) + " is missing (next is " + std::to_string(*seq) + ")");
    auto stated = Member(value, "seq");
    if (!stated || *stated != std::to_string(*seq))
      return fail(*seq, "record " + std::to_string(*seq) + " names another sequence");
    auto prev = PrevOf(value);
    if (!prev || *prev != Hex(expected.hash)) {
      return fail(*seq, "record " + std::to_string(*seq) + " does not chain to record " + std::to_string(expected.seq) +
                            " (edited, inserted or deleted)");
    }
    expected = AuditHead{*seq, AuditHash(value)};
    ++verdict.records;
    if (on_record) on_record(expected);
    return true;
  });
  if (!status.ok()) return AuditVerdict{false, verdict.records, 0, "audit scan failed: " + status.message()};
  if (!verdict.ok) return verdict;
  Lookup head = store.Get(Family::kMeta, kAuditHeadKey);
  if (!head.status.ok()) return AuditVerdict{false, verdict.records, 0, head.status.message()};
  std::optional<AuditHead> stored = head.value ? DecodeHead(*head.value) : std::optional<AuditHead>(AuditHead{});
  if (!stored || !(*stored == expected)) {
    uint64_t at = stored ? stored->seq : 0;
    return AuditVerdict{false, verdict.records, expected.seq + 1,
                        "the head names record " + std::to_string(at) + " but the chain ends at " +
                            std::to_string(expected.seq) + " (records deleted or the head edited)"};
  }
  return verdict;
}

StoreStatus PrintAudit(StoreReader& store, std::string_view node, int64_t since_ms,
                       const std::function<void(std::string_view line)>& print) {
  return store.Scan(Family::kAudit, "", [&](std::string_view, std::string_view value) {
    auto at = Member(value, "at_ms");
    auto who = Member(value, "node");
    bool recent = at && std::atoll(std::string(*at).c_str()) >= since_ms;
    if (recent && (node.empty() || (who && *who == node))) print(value);
    // A batch's writes: one line per message, read back from the log.
    if (recent && Member(value, "kind") == kWritesKind) PrintWriteLines(store, value, node, print);
    return true;
  });
}

}  // namespace opsroom::hub
