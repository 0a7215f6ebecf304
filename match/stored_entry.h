// An entry as the index keeps it: compact (one string for all its names) and expanded
// again only for the few candidates a query scores (internal to match/).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "match/prepared.h"
#include "match/subject.h"

namespace opsroom::match {

struct StoredEntry {
  EntryId id = 0;
  uint32_t revision = 0;
  uint32_t dob = 0;  // Dob::Packed()
  char nationality[2] = {0, 0};
  bool live = false;
  // Per name, lines of "latin tokens" or "latin tokens\tfolded tokens" when they differ.
  std::string names;
  std::vector<PreparedId> ids;
};

StoredEntry Compact(EntryId id, uint32_t revision, const PreparedSubject& subject);
PreparedSubject Expand(const StoredEntry& stored);
// Heap bytes beyond sizeof(StoredEntry), for the memory report.
std::size_t HeapBytes(const StoredEntry& stored);

}  // namespace opsroom::match
