// Drawing candidates: the union of the posting lists of the query's keys. Work is
// proportional to the lists touched, never to the number of entries.
#include <algorithm>

#include "match/index_impl.h"

namespace opsroom::match {

std::vector<Slot> Index::Impl::CandidateSlots(const PreparedSubject& query) const {
  std::vector<Slot> out;
  for (BlockKey key : KeysOf(query)) {
    auto it = postings.find(key);
    if (it != postings.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace opsroom::match
