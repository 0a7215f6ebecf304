#include "hub/audit_heads_check.h"

#include <algorithm>
#include <fstream>
#include <optional>

#include "hub/audit_signer.h"
#include "hub/key_layout.h"
#include "wire/json_codec.h"

namespace opsroom::hub {

namespace {

// A file of heads grows by one line per interval a client ran: bounded all the same.
constexpr uint64_t kMaxHeadLines = 10'000'000;

std::string Describe(const HeadClaim& claim) {
  return claim.source + " (" + std::to_string(claim.head.records) + " records, hub_seq " +
         std::to_string(claim.head.hub_seq) + ", at_ms " + std::to_string(claim.head.at_ms) + ")";
}

// The sizes of the heads the hub kept in meta, in order (keys sort by size).
// Only the numbers are held: a year of heads every 10 s is ~3 million; each
// head is read again when the walk reaches it.
std::vector<uint64_t> StoredHeadSizes(StoreReader& store, std::vector<std::string>& problems) {
  std::vector<uint64_t> sizes;
  StoreStatus scanned = store.Scan(Family::kMeta, kSignedHeadPrefix, [&](std::string_view key, std::string_view) {
    if (key.substr(0, kSignedHeadPrefix.size()) != kSignedHeadPrefix) return false;
    auto records = ParseBe64(key.substr(kSignedHeadPrefix.size()));
    if (records) sizes.push_back(*records);
    else problems.push_back("a stored signed head has an unreadable key");
    return true;
  });
  if (!scanned.ok()) problems.push_back("reading the stored signed heads failed: " + scanned.message());
  return sizes;
}

// One head to check: a stored one by its size (read when reached), or a client's.
struct PendingHead {
  uint64_t records = 0;
  const HeadClaim* client = nullptr;  // nullptr: the stored head of this size
};

// Matches signed heads, in order of size, against the chain as it is walked.
class HeadMatcher {
 public:
  HeadMatcher(StoreReader& store, std::string_view trusted_key, std::vector<PendingHead> heads, HeadsVerdict& verdict)
      : store_(store), trusted_key_(trusted_key), heads_(std::move(heads)), verdict_(verdict) {
    std::stable_sort(heads_.begin(), heads_.end(),
                     [](const PendingHead& a, const PendingHead& b) { return a.records < b.records; });
  }

  // The chain through record `through.seq` (seq 0: the empty chain).
  void Visit(const AuditHead& through) {
    for (; next_ < heads_.size() && heads_[next_].records <= through.seq; ++next_) {
      std::optional<HeadClaim> claim = Signed(heads_[next_]);
      if (!claim) continue;
      if (claim->head.head_hash != through.hash) {
        verdict_.problems.push_back(
            "history diverges from the " + Describe(*claim) + ": it ends in hash " +
            wire::ToHex(claim->head.head_hash) + " but the chain's record " + std::to_string(through.seq) +
            " hashes to " + wire::ToHex(through.hash) + "; the rewrite lies in records " + std::to_string(agreed_ + 1) +
            ".." + std::to_string(through.seq) +
            (agreed_ > 0 ? " (a signed head confirms records 1.." + std::to_string(agreed_) + ")" : ""));
        continue;
      }
      agreed_ = through.seq;
      bool from_store = heads_[next_].client == nullptr;
      ++(from_store ? verdict_.stored_heads : verdict_.client_heads);
      if (from_store) verdict_.signed_through = through.seq;
    }
  }

  // Heads beyond the end of the chain that was walked.
  void Finish(uint64_t chain_records, bool chain_ok) {
    uint64_t unchecked = 0;
    for (; next_ < heads_.size(); ++next_) {
      if (!chain_ok) {
        ++unchecked;
        continue;
      }
      std::optional<HeadClaim> claim = Signed(heads_[next_]);
      if (!claim) continue;
      verdict_.problems.push_back("the chain ends at record " + std::to_string(chain_records) + " but the " +
                                  Describe(*claim) + " vouches for more: records " + std::to_string(chain_records + 1) +
                                  ".." + std::to_string(claim->head.records) +
                                  " were deleted, or the store was rolled back (restored from a backup?)");
    }
    if (unchecked > 0) {
      verdict_.problems.push_back(std::to_string(unchecked) + " signed heads beyond record " +
                                  std::to_string(chain_records) + " could not be checked: the chain breaks there");
    }
  }

 private:
  // The head, if it is readable and signed by the trusted key; else a problem.
  std::optional<HeadClaim> Signed(const PendingHead& pending) {
    HeadClaim claim;
    if (pending.client != nullptr) {
      claim = *pending.client;
    } else {
      std::string key = SignedHeadKey(pending.records);
      Lookup stored = store_.Get(Family::kMeta, key);
      std::string what = "the stored signed head for " + std::to_string(pending.records) + " records ";
      if (!stored.status.ok() || !stored.value) {
        verdict_.problems.push_back(what + "cannot be read: " + (stored.value ? "" : "gone ") +
                                    stored.status.message());
        return std::nullopt;
      }
      auto head = wire::CheckSignedAuditHeadFrame(
          {reinterpret_cast<const uint8_t*>(stored.value->data()), stored.value->size()});
      if (!head || head->records != pending.records) {
        verdict_.problems.push_back(what +
                                    "is unreadable: " + (head ? "it names another size" : head.rejection().text));
        return std::nullopt;
      }
      claim = HeadClaim{head.value(), "stored head"};
    }
    std::string refused = wire::CheckHeadSignature(claim.head, trusted_key_);
    if (refused.empty() && hub_id_.empty()) hub_id_ = claim.head.hub_id;
    if (refused.empty() && claim.head.hub_id != hub_id_) {
      refused = "it names hub '" + claim.head.hub_id + "', the heads before it '" + hub_id_ + "'";
    }
    if (refused.empty()) return claim;
    verdict_.problems.push_back("the " + Describe(claim) + " is not signed by the audit key: " + refused);
    return std::nullopt;
  }

  StoreReader& store_;
  std::string_view trusted_key_;
  std::vector<PendingHead> heads_;
  HeadsVerdict& verdict_;
  std::size_t next_ = 0;
  uint64_t agreed_ = 0;  // the size of the largest head so far that agrees with the chain
  std::string hub_id_;   // the hub the first signed head names: every head must name it
};

void JudgeCoverage(HeadsVerdict& verdict) {
  uint64_t records = verdict.chain.records;
  if (!verdict.chain.ok || records == 0) return;
  if (verdict.signed_through == 0) {
    verdict.problems.push_back("no signed head in the store vouches for the chain's " + std::to_string(records) +
                               " records: the signed heads were deleted, or no hub that signs has run on this store "
                               "yet (start it once)");
  } else if (records > verdict.signed_through) {
    verdict.notice = "records " + std::to_string(verdict.signed_through + 1) + ".." + std::to_string(records) +
                     " are not signed yet (the hub signs while the chain moves and on a clean stop; a running or "
                     "crashed hub leaves such a tail): they chain correctly, but no signature vouches for them";
  }
}

}  // namespace

wire::Result<std::vector<HeadClaim>> ReadHeadsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return wire::Reject(wire::RejectReason::InvalidValue, "cannot read the heads file " + path);
  wire::JsonCodec codec;
  std::vector<HeadClaim> heads;
  std::string line;
  for (uint64_t number = 1; number <= kMaxHeadLines && std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + " line " + std::to_string(number);
    if (line.rfind(wire::kRefusedHeadMark, 0) == 0) {  // the client refused it: checked all the same
      line.erase(0, wire::kRefusedHeadMark.size());
      where += " (refused by the client)";
    }
    auto bytes = codec.FrameFromJson(line);
    if (!bytes) return wire::Reject(wire::RejectReason::Malformed, where + ": " + bytes.rejection().text);
    auto head = wire::CheckSignedAuditHeadFrame(bytes.value());
    if (!head) return wire::Reject(head.rejection().code, where + ": " + head.rejection().text);
    heads.push_back({head.value(), where});
  }
  return heads;
}

HeadsVerdict VerifyAuditHeads(StoreReader& store, std::string_view trusted_key,
                              const std::vector<HeadClaim>& client_heads) {
  HeadsVerdict verdict;
  std::vector<PendingHead> heads;
  for (uint64_t records : StoredHeadSizes(store, verdict.problems)) heads.push_back({records, nullptr});
  for (const HeadClaim& claim : client_heads) heads.push_back({claim.head.records, &claim});
  HeadMatcher matcher(store, trusted_key, std::move(heads), verdict);
  matcher.Visit(AuditHead{});
  verdict.chain = VerifyAudit(store, [&](const AuditHead& through) { matcher.Visit(through); });
  matcher.Finish(verdict.chain.records, verdict.chain.ok);
  JudgeCoverage(verdict);
  verdict.ok = verdict.chain.ok && verdict.problems.empty();
  return verdict;
}

}  // namespace opsroom::hub
