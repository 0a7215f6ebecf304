// The watchlist window's search with the hub's own matcher (match/): entries
// in a candidate index, a query scored as a name (any script, any order,
// typos) and as an identifier (plate, document, container...), best first.
// UI thread only.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "console/model/events.h"

namespace opsroom::match {
class Index;
}

namespace opsroom::console {

struct RankedEntry {
  std::string entry_id;
  double score = 0;
  std::string why;  // the matcher's reasons in one line
};

class WatchMatcher {
 public:
  // Below the hub's hit threshold: a search shows near misses too, ranked.
  static constexpr double kSearchThreshold = 0.6;

  WatchMatcher();
  ~WatchMatcher();
  WatchMatcher(WatchMatcher&&) noexcept;
  WatchMatcher& operator=(WatchMatcher&&) noexcept;

  void Upsert(const WatchValue& entry);
  void Remove(const std::string& entry_id);
  void Clear();
  std::vector<RankedEntry> Search(std::string_view query, std::size_t limit) const;

 private:
  std::unique_ptr<match::Index> index_;
  std::unordered_map<std::string, uint64_t> ids_;
  std::unordered_map<uint64_t, std::string> entry_ids_;
  uint64_t next_id_ = 1;
};

}  // namespace opsroom::console
