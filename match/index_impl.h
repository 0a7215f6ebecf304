// The index's state (internal to match/): entries in slots, id -> slot, and posting
// lists from blocking keys to slots. Written by one thread.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "match/blocking_keys.h"
#include "match/index.h"
#include "match/stored_entry.h"

namespace opsroom::match {

using Slot = uint32_t;
using Postings = std::unordered_map<BlockKey, std::vector<Slot>>;

struct Index::Impl {
  std::vector<StoredEntry> slots;
  std::vector<Slot> free_slots;
  std::unordered_map<EntryId, Slot> slot_of;
  Postings postings;

  Slot Place(StoredEntry stored);  // into a free slot or a new one
  void Post(Slot slot, const std::vector<BlockKey>& keys);
  void Unpost(Slot slot, const std::vector<BlockKey>& keys);
  void Drop(Slot slot);            // unposts and frees
  std::vector<Slot> CandidateSlots(const PreparedSubject& query) const;
};

}  // namespace opsroom::match
