// Index: upsert, remove, candidates and scored matches; the memory report.
#include "match/index.h"

#include <algorithm>
#include <tuple>

#include "match/index_impl.h"
#include "match/name_normalize.h"

namespace opsroom::match {

Slot Index::Impl::Append(StoredEntry stored, const std::vector<BlockKey>& keys) {
  const Slot slot = static_cast<Slot>(slots.size());
  slot_of[stored.id] = slot;
  slots.push_back(std::move(stored));
  for (BlockKey key : keys) delta[key].push_back(slot);
  return slot;
}

void Index::Impl::Kill(Slot slot) {
  StoredEntry& stored = slots[slot];
  if (slot >= base_slot_count) {  // posted in the delta: take it out there
    for (BlockKey key : EntryKeys(Expand(stored))) {
      auto it = delta.find(key);
      if (it == delta.end()) continue;
      std::vector<Slot>& list = it->second;
      list.erase(std::remove(list.begin(), list.end(), slot), list.end());
      if (list.empty()) delta.erase(it);
    }
  }
  slot_of.erase(stored.id);
  StoredEntry tombstone;
  tombstone.id = stored.id;
  stored = std::move(tombstone);  // live = false; the base arrays keep pointing here until compaction
  ++dead;
}

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

void Index::Upsert(const Entry& entry) {
  if (auto it = impl_->slot_of.find(entry.id); it != impl_->slot_of.end()) impl_->Kill(it->second);
  PreparedSubject prepared = Prepare(entry.subject);
  impl_->Append(Compact(entry.id, entry.revision, prepared), EntryKeys(prepared));
  impl_->CompactIfNeeded();
}

bool Index::Remove(EntryId id) {
  auto it = impl_->slot_of.find(id);
  if (it == impl_->slot_of.end()) return false;
  impl_->Kill(it->second);
  impl_->CompactIfNeeded();
  return true;
}

std::vector<EntryId> Index::Candidates(const Subject& query) const {
  std::vector<EntryId> ids;
  for (Slot slot : impl_->CandidateSlots(Prepare(query), false)) ids.push_back(impl_->slots[slot].id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<Hit> Index::Match(const Subject& query, const QueryOptions& options) const {
  PreparedSubject prepared = Prepare(query);
  std::vector<Hit> hits;
  for (Slot slot : impl_->CandidateSlots(prepared, options.search)) {
    const StoredEntry& stored = impl_->slots[slot];
    MatchResult result = ScorePrepared(Expand(stored), prepared, options.threshold);
    if (result.hit) hits.push_back({stored.id, stored.revision, std::move(result)});
  }
  std::sort(hits.begin(), hits.end(),
            [](const Hit& a, const Hit& b) { return std::tie(b.result.score, a.id) < std::tie(a.result.score, b.id); });
  if (hits.size() > options.max_hits) hits.resize(options.max_hits);
  return hits;
}

bool Index::Contains(EntryId id) const { return impl_->slot_of.count(id) != 0; }
std::size_t Index::size() const { return impl_->slot_of.size(); }

IndexStats Index::Stats() const {
  const Impl& m = *impl_;
  IndexStats s;
  s.entries = m.slot_of.size();
  s.keys = m.base_keys.size();
  s.postings = m.base_slots.size();
  std::size_t bytes = m.slots.capacity() * sizeof(StoredEntry);
  for (const StoredEntry& stored : m.slots) bytes += HeapBytes(stored);
  bytes += m.base_keys.capacity() * sizeof(BlockKey) + m.base_begin.capacity() * sizeof(uint32_t) +
           m.base_slots.capacity() * sizeof(Slot);
  // Hash-map nodes: the value, a next pointer and the cached hash; plus one bucket pointer each.
  constexpr std::size_t kNodeOverhead = 2 * sizeof(void*);
  bytes += m.slot_of.size() * (sizeof(std::pair<const EntryId, Slot>) + kNodeOverhead) +
           m.slot_of.bucket_count() * sizeof(void*);
  bytes += m.delta.bucket_count() * sizeof(void*);
  for (const auto& [key, list] : m.delta) {
    s.keys += 1;
    s.postings += list.size();
    bytes += sizeof(std::pair<const BlockKey, std::vector<Slot>>) + kNodeOverhead + list.capacity() * sizeof(Slot);
  }
  s.memory_bytes = bytes;
  s.bytes_per_entry = s.entries ? static_cast<double>(bytes) / static_cast<double>(s.entries) : 0.0;
  s.transliteration = TransliterationVersion();
  return s;
}

}  // namespace opsroom::match
