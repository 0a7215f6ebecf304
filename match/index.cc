// Index: upsert, remove, candidates and scored matches; the memory report.
#include "match/index.h"

#include <algorithm>
#include <tuple>

#include "match/index_impl.h"

namespace opsroom::match {

Slot Index::Impl::Place(StoredEntry stored) {
  Slot slot;
  if (!free_slots.empty()) {
    slot = free_slots.back();
    free_slots.pop_back();
    slots[slot] = std::move(stored);
  } else {
    slot = static_cast<Slot>(slots.size());
    slots.push_back(std::move(stored));
  }
  slot_of[slots[slot].id] = slot;
  return slot;
}

void Index::Impl::Post(Slot slot, const std::vector<BlockKey>& keys) {
  for (BlockKey key : keys) postings[key].push_back(slot);
}

void Index::Impl::Unpost(Slot slot, const std::vector<BlockKey>& keys) {
  for (BlockKey key : keys) {
    auto it = postings.find(key);
    if (it == postings.end()) continue;
    std::vector<Slot>& list = it->second;
    auto at = std::find(list.begin(), list.end(), slot);
    if (at != list.end()) {
      *at = list.back();  // order inside a list does not matter: results are sorted
      list.pop_back();
    }
    if (list.empty()) postings.erase(it);
  }
}

void Index::Impl::Drop(Slot slot) {
  StoredEntry& stored = slots[slot];
  Unpost(slot, KeysOf(Expand(stored)));
  slot_of.erase(stored.id);
  stored = StoredEntry{};
  free_slots.push_back(slot);
}

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

void Index::Upsert(const Entry& entry) {
  if (auto it = impl_->slot_of.find(entry.id); it != impl_->slot_of.end()) impl_->Drop(it->second);
  PreparedSubject prepared = Prepare(entry.subject);
  std::vector<BlockKey> keys = KeysOf(prepared);
  Slot slot = impl_->Place(Compact(entry.id, entry.revision, prepared));
  impl_->Post(slot, keys);
}

bool Index::Remove(EntryId id) {
  auto it = impl_->slot_of.find(id);
  if (it == impl_->slot_of.end()) return false;
  impl_->Drop(it->second);
  return true;
}

std::vector<EntryId> Index::Candidates(const Subject& query) const {
  std::vector<EntryId> ids;
  for (Slot slot : impl_->CandidateSlots(Prepare(query))) ids.push_back(impl_->slots[slot].id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<Hit> Index::Match(const Subject& query, const QueryOptions& options) const {
  PreparedSubject prepared = Prepare(query);
  std::vector<Hit> hits;
  for (Slot slot : impl_->CandidateSlots(prepared)) {
    const StoredEntry& stored = impl_->slots[slot];
    MatchResult result = ScorePrepared(Expand(stored), prepared, options.threshold);
    if (result.hit) hits.push_back({stored.id, stored.revision, std::move(result)});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(b.result.score, a.id) < std::tie(a.result.score, b.id);
  });
  if (hits.size() > options.max_hits) hits.resize(options.max_hits);
  return hits;
}

bool Index::Contains(EntryId id) const { return impl_->slot_of.count(id) != 0; }
std::size_t Index::size() const { return impl_->slot_of.size(); }

IndexStats Index::Stats() const {
  IndexStats s;
  s.entries = impl_->slot_of.size();
  s.keys = impl_->postings.size();
  std::size_t bytes = impl_->slots.capacity() * sizeof(StoredEntry) + impl_->free_slots.capacity() * sizeof(Slot);
  for (const StoredEntry& stored : impl_->slots) bytes += HeapBytes(stored);
  // Hash-map nodes: the value, a next pointer and the cached hash; plus one bucket pointer each.
  constexpr std::size_t kNodeOverhead = 2 * sizeof(void*);
  bytes += impl_->slot_of.size() * (sizeof(std::pair<const EntryId, Slot>) + kNodeOverhead) +
           impl_->slot_of.bucket_count() * sizeof(void*);
  bytes += impl_->postings.bucket_count() * sizeof(void*);
  for (const auto& [key, list] : impl_->postings) {
    s.postings += list.size();
    bytes += sizeof(std::pair<const BlockKey, std::vector<Slot>>) + kNodeOverhead + list.capacity() * sizeof(Slot);
  }
  s.memory_bytes = bytes;
  s.bytes_per_entry = s.entries ? static_cast<double>(bytes) / static_cast<double>(s.entries) : 0.0;
  return s;
}

}  // namespace opsroom::match
