// Building the postings: bulk build from entries (normalised on all cores), the sorted base
// arrays, and compaction from the live entries.
#include <algorithm>
#include <thread>

#include "match/index_impl.h"

namespace opsroom::match {
namespace {

struct Built {
  StoredEntry stored;
  std::vector<BlockKey> keys;
};

void PrepareRange(const std::vector<Entry>& entries, std::size_t begin, std::size_t end, std::vector<Built>& out) {
  for (std::size_t i = begin; i < end; ++i) {
    PreparedSubject prepared = Prepare(entries[i].subject);
    out[i].keys = EntryKeys(prepared);
    out[i].stored = Compact(entries[i].id, entries[i].revision, prepared);
  }
}

std::vector<Built> PrepareAll(const std::vector<Entry>& entries) {
  std::vector<Built> built(entries.size());
  const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 16);
  const std::size_t chunk = (entries.size() + threads - 1) / threads;
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads && t * chunk < entries.size(); ++t) {
    std::size_t begin = t * chunk, end = std::min(entries.size(), begin + chunk);
    workers.emplace_back(PrepareRange, std::cref(entries), begin, end, std::ref(built));
  }
  for (std::thread& w : workers) w.join();
  return built;
}

}  // namespace

void Index::Impl::BuildBase(std::vector<KeySlot> pairs) {
  std::sort(pairs.begin(), pairs.end());
  base_keys.clear();
  base_begin.clear();
  base_slots.clear();
  base_slots.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0 || pairs[i].first != pairs[i - 1].first) {
      base_keys.push_back(pairs[i].first);
      base_begin.push_back(static_cast<uint32_t>(base_slots.size()));
    }
    base_slots.push_back(pairs[i].second);
  }
  base_begin.push_back(static_cast<uint32_t>(base_slots.size()));
  base_keys.shrink_to_fit();
  base_begin.shrink_to_fit();
  base_slot_count = static_cast<Slot>(slots.size());
  delta.clear();
}

void Index::Impl::CompactIfNeeded() {
  if (dead < 1024 || dead * 4 < slots.size()) return;
  std::vector<StoredEntry> live;
  live.reserve(slots.size() - dead);
  std::vector<KeySlot> pairs;
  for (StoredEntry& stored : slots) {
    if (!stored.live) continue;
    const Slot slot = static_cast<Slot>(live.size());
    for (BlockKey key : EntryKeys(Expand(stored))) pairs.emplace_back(key, slot);
    slot_of[stored.id] = slot;
    live.push_back(std::move(stored));
  }
  slots = std::move(live);
  dead = 0;
  BuildBase(std::move(pairs));
}

void Index::BulkBuild(const std::vector<Entry>& entries) {
  std::vector<Built> built = PrepareAll(entries);
  Impl fresh;
  // A later entry with the same id replaces an earlier one, as Upsert would.
  fresh.slot_of.reserve(entries.size());
  for (std::size_t i = 0; i < built.size(); ++i) fresh.slot_of[built[i].stored.id] = static_cast<Slot>(i);
  std::vector<KeySlot> pairs;
  std::size_t total_keys = 0;
  for (const Built& b : built) total_keys += b.keys.size();
  pairs.reserve(total_keys);
  fresh.slots.reserve(fresh.slot_of.size());
  for (std::size_t i = 0; i < built.size(); ++i) {
    if (fresh.slot_of[built[i].stored.id] != i) continue;
    const Slot slot = static_cast<Slot>(fresh.slots.size());
    for (BlockKey key : built[i].keys) pairs.emplace_back(key, slot);
    fresh.slot_of[built[i].stored.id] = slot;
    fresh.slots.push_back(std::move(built[i].stored));
  }
  built.clear();
  fresh.BuildBase(std::move(pairs));
  *impl_ = std::move(fresh);
}

}  // namespace opsroom::match
