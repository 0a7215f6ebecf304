// The candidate index over active watchlist entries: blocking keys (pairs of name tokens'
// phonetic keys, one token allowed one edit; identifier keys) -> entries, so a query never
// scans all entries. Single writer; concurrent const queries are safe once writes stop (the hub's
// matcher thread owns it). Results are deterministic: score descending, then entry id.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "match/match_result.h"
#include "match/subject.h"

namespace opsroom::match {

struct Hit {
  EntryId id = 0;
  uint32_t revision = 0;
  MatchResult result;
};

struct IndexStats {
  std::size_t entries = 0;
  std::size_t keys = 0;          // distinct blocking keys
  std::size_t postings = 0;      // (key, entry) pairs
  std::size_t memory_bytes = 0;  // estimate of everything the index holds
  double bytes_per_entry = 0;
};

struct QueryOptions {
  double threshold = kHitThreshold;
  std::size_t max_hits = 50;
  // For people searching (the watchlist window), not for checks: a one-token query (a surname
  // typed alone) also meets every longer name with that token's exact phonetic key. Such a
  // name scores at most 0.75, so search with a lower threshold.
  bool search = false;
};

class Index {
 public:
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // Adds or replaces (a revised entry) the entry with this id.
  void Upsert(const Entry& entry);
  // False when the id was not there.
  bool Remove(EntryId id);
  // Replaces the whole content (restart: entries read back from the store). Faster than
  // Upsert one by one: normalises on all cores and sorts postings once.
  void BulkBuild(const std::vector<Entry>& entries);

  // Entries sharing enough blocking keys with the query, by ascending id (not yet scored).
  std::vector<EntryId> Candidates(const Subject& query) const;
  // Candidates scored against the query; those at or above the threshold, best first.
  std::vector<Hit> Match(const Subject& query, const QueryOptions& options = {}) const;

  bool Contains(EntryId id) const;
  std::size_t size() const;
  IndexStats Stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::match
