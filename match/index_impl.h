// The index's state (internal to match/). Entries live in slots that are never reused; a
// bulk build writes the postings once as sorted arrays (keys, offsets, slots), and later
// upserts go to a small hash map beside them. A removed or revised entry's slot is marked
// dead and skipped; when dead slots pile up, the postings are rebuilt from the live
// entries (no transliteration needed: the entries are kept normalised). One writer thread.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "match/blocking_keys.h"
#include "match/index.h"
#include "match/stored_entry.h"

namespace opsroom::match {

using Slot = uint32_t;
using KeySlot = std::pair<BlockKey, Slot>;

struct Index::Impl {
  std::vector<StoredEntry> slots;
  std::size_t dead = 0;
  std::unordered_map<EntryId, Slot> slot_of;
  // Postings of the last build: base_slots[base_begin[k] .. base_begin[k + 1]) for base_keys[k].
  std::vector<BlockKey> base_keys;
  std::vector<uint32_t> base_begin;
  std::vector<Slot> base_slots;
  Slot base_slot_count = 0;  // slots below this were posted by the build
  std::unordered_map<BlockKey, std::vector<Slot>> delta;

  Slot Append(StoredEntry stored, const std::vector<BlockKey>& keys);
  void Kill(Slot slot);
  // Sorts (key, slot) pairs into the base arrays; clears the delta.
  void BuildBase(std::vector<KeySlot> pairs);
  // Drops dead slots and rebuilds the postings when more than a quarter of slots are dead.
  void CompactIfNeeded();
  std::vector<Slot> CandidateSlots(const PreparedSubject& query, bool search) const;
};

}  // namespace opsroom::match
