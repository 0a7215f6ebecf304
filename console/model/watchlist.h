// The current watchlist: the latest revision of every entry not removed, and
// search across names, aliases, documents, plates and numbers that ignores
// case, diacritics and script. UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "console/model/events.h"
#include "console/model/watch_matcher.h"

namespace opsroom::console {

struct WatchRecord {
  WatchValue entry;
  std::string search_text;  // folded
};

class Watchlist {
 public:
  Watchlist() = default;
  // A copy rebuilds its matcher's index from the entries (replay keyframes).
  Watchlist(const Watchlist& other);
  Watchlist& operator=(const Watchlist& other);
  Watchlist(Watchlist&&) noexcept = default;
  Watchlist& operator=(Watchlist&&) noexcept = default;
  ~Watchlist() = default;

  // Applies a revision; older or equal revisions are ignored (the hub already
  // refuses them; a snapshot followed by replay may repeat one).
  void Apply(const WatchValue& value);
  // Forgets every entry (the hub was restored); revision() goes on up.
  void Clear();

  // Entries whose folded text contains the folded query, by Latin name.
  std::vector<const WatchRecord*> Search(std::string_view query, std::size_t limit = SIZE_MAX) const;
  // The hub's matcher first (score, best first), then the text matches it did
  // not rank (score 0), by Latin name.
  struct Ranked {
    const WatchRecord* record = nullptr;
    double score = 0;
    std::string why;
  };
  std::vector<Ranked> RankedSearch(std::string_view query, std::size_t limit = SIZE_MAX) const;
  const WatchRecord* Find(const std::string& entry_id) const;
  std::size_t size() const { return entries_.size(); }
  uint64_t revision() const { return revision_; }

 private:
  std::map<std::string, WatchRecord> entries_;
  std::map<std::string, uint32_t> last_revision_;  // removed entries too
  WatchMatcher matcher_;
  uint64_t revision_ = 0;
};

// Text of an entry that search looks at, folded.
std::string WatchSearchText(const WatchValue& entry);

}  // namespace opsroom::console
