#include "hub/audit_heads_check.h"

#include <algorithm>
#include <fstream>

#include "hub/audit_signer.h"
#include "wire/json_codec.h"

namespace opsroom::hub {

namespace {

// A file of heads grows by one line per interval a client ran: bounded all the same.
constexpr uint64_t kMaxHeadLines = 10'000'000;

std::string Describe(const HeadClaim& claim) {
  return claim.source + " (" + std::to_string(claim.head.records) + " records, hub_seq " +
         std::to_string(claim.head.hub_seq) + ", at_ms " + std::to_string(claim.head.at_ms) + ")";
}

// Heads the hub kept in meta; unreadable ones are problems, not errors.
std::vector<HeadClaim> LoadStoredHeads(StoreReader& store, std::vector<std::string>& problems) {
  std::vector<HeadClaim> heads;
  StoreStatus scanned = store.Scan(Family::kMeta, kSignedHeadPrefix, [&](std::string_view key, std::string_view value) {
    if (key.substr(0, kSignedHeadPrefix.size()) != kSignedHeadPrefix) return false;
    auto head = wire::CheckSignedAuditHeadFrame({reinterpret_cast<const uint8_t*>(value.data()), value.size()});
    if (!head) {
      problems.push_back("a stored signed head is unreadable: " + head.rejection().text);
    } else if (SignedHeadKey(head->records) != key) {
      problems.push_back("a stored signed head for " + std::to_string(head->records) + " records is kept under another key");
    } else {
      heads.push_back({head.value(), "stored head"});
    }
    return true;
  });
  if (!scanned.ok()) problems.push_back("reading the stored signed heads failed: " + scanned.message());
  return heads;
}

// Matches signed heads, sorted by size, against the chain as it is walked.
class HeadMatcher {
 public:
  HeadMatcher(std::vector<std::pair<const HeadClaim*, bool>> heads, HeadsVerdict& verdict)
      : heads_(std::move(heads)), verdict_(verdict) {
    std::stable_sort(heads_.begin(), heads_.end(),
                     [](const auto& a, const auto& b) { return a.first->head.records < b.first->head.records; });
  }

  // The chain through record `through.seq` (seq 0: the empty chain).
  void Visit(const AuditHead& through) {
    for (; next_ < heads_.size() && heads_[next_].first->head.records <= through.seq; ++next_) {
      const auto& [claim, from_store] = heads_[next_];
      if (claim->head.head_hash != through.hash) {
        verdict_.problems.push_back(
            "history diverges from the " + Describe(*claim) + ": it ends in hash " + wire::ToHex(claim->head.head_hash) +
            " but the chain's record " + std::to_string(through.seq) + " hashes to " + wire::ToHex(through.hash) +
            "; the rewrite lies in records " + std::to_string(agreed_ + 1) + ".." + std::to_string(through.seq) +
            (agreed_ > 0 ? " (a signed head confirms records 1.." + std::to_string(agreed_) + ")" : ""));
        continue;
      }
      agreed_ = through.seq;
      ++(from_store ? verdict_.stored_heads : verdict_.client_heads);
      if (from_store) verdict_.signed_through = through.seq;
    }
  }

  // Heads beyond the end of the chain that was walked.
  void Finish(uint64_t chain_records, bool chain_ok) {
    uint64_t unchecked = 0;
    for (; next_ < heads_.size(); ++next_) {
      const HeadClaim& claim = *heads_[next_].first;
      if (!chain_ok) {
        ++unchecked;
        continue;
      }
      verdict_.problems.push_back("the chain ends at record " + std::to_string(chain_records) + " but the " +
                                  Describe(claim) + " vouches for more: records " + std::to_string(chain_records + 1) +
                                  ".." + std::to_string(claim.head.records) +
                                  " were deleted, or the store was rolled back (restored from a backup?)");
    }
    if (unchecked > 0) {
      verdict_.problems.push_back(std::to_string(unchecked) + " signed heads beyond record " +
                                  std::to_string(chain_records) + " could not be checked: the chain breaks there");
    }
  }

 private:
  std::vector<std::pair<const HeadClaim*, bool>> heads_;  // (head, kept in the store)
  HeadsVerdict& verdict_;
  std::size_t next_ = 0;
  uint64_t agreed_ = 0;  // the size of the largest head so far that agrees with the chain
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
  std::vector<HeadClaim> stored = LoadStoredHeads(store, verdict.problems);
  std::vector<std::pair<const HeadClaim*, bool>> signed_heads;
  auto admit = [&](const HeadClaim& claim, bool from_store) {
    std::string refused = wire::CheckHeadSignature(claim.head, trusted_key);
    if (refused.empty()) signed_heads.emplace_back(&claim, from_store);
    else verdict.problems.push_back("the " + Describe(claim) + " is not signed by the audit key: " + refused);
  };
  for (const HeadClaim& claim : stored) admit(claim, true);
  for (const HeadClaim& claim : client_heads) admit(claim, false);
  HeadMatcher matcher(std::move(signed_heads), verdict);
  matcher.Visit(AuditHead{});
  verdict.chain = VerifyAudit(store, [&](const AuditHead& through) { matcher.Visit(through); });
  matcher.Finish(verdict.chain.records, verdict.chain.ok);
  JudgeCoverage(verdict);
  verdict.ok = verdict.chain.ok && verdict.problems.empty();
  return verdict;
}

}  // namespace opsroom::hub
