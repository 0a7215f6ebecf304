// Drawing candidates: the union of the posting lists of the query's keys (base arrays and
// the delta), live slots only. Work is proportional to the lists touched, never to the
// number of entries.
#include <algorithm>

#include "match/index_impl.h"

namespace opsroom::match {

std::vector<Slot> Index::Impl::CandidateSlots(const PreparedSubject& query, bool search) const {
  std::vector<Slot> out;
  for (BlockKey key : QueryKeys(query, search)) {
    auto at = std::lower_bound(base_keys.begin(), base_keys.end(), key);
    if (at != base_keys.end() && *at == key) {
      const std::size_t k = static_cast<std::size_t>(at - base_keys.begin());
      out.insert(out.end(), base_slots.begin() + base_begin[k], base_slots.begin() + base_begin[k + 1]);
    }
    if (auto it = delta.find(key); it != delta.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove_if(out.begin(), out.end(), [this](Slot s) { return !slots[s].live; }), out.end());
  return out;
}

}  // namespace opsroom::match
