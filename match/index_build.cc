// Bulk build: normalise every entry on all cores (ICU is the cost), then post all keys
// with each list sized once. The result is the same as Upserts in entry order.
#include <algorithm>
#include <thread>
#include <unordered_map>

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
    out[i].keys = KeysOf(prepared);
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

void Index::BulkBuild(const std::vector<Entry>& entries) {
  std::vector<Built> built = PrepareAll(entries);
  Impl fresh;
  // A later entry with the same id replaces an earlier one, as Upsert would.
  std::unordered_map<EntryId, std::size_t> last_of;
  last_of.reserve(entries.size());
  for (std::size_t i = 0; i < built.size(); ++i) last_of[built[i].stored.id] = i;
  std::unordered_map<BlockKey, std::size_t> sizes;
  for (std::size_t i = 0; i < built.size(); ++i) {
    if (last_of[built[i].stored.id] != i) continue;
    for (BlockKey k : built[i].keys) ++sizes[k];
  }
  fresh.postings.reserve(sizes.size());
  for (const auto& [key, n] : sizes) fresh.postings[key].reserve(n);
  fresh.slots.reserve(last_of.size());
  fresh.slot_of.reserve(last_of.size());
  for (std::size_t i = 0; i < built.size(); ++i) {
    if (last_of[built[i].stored.id] != i) continue;
    Slot slot = fresh.Place(std::move(built[i].stored));
    fresh.Post(slot, built[i].keys);
  }
  *impl_ = std::move(fresh);
}

}  // namespace opsroom::match
