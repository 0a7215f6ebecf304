// Blocking keys: what the index files an entry under and looks a query up by (internal
// to match/). Keys are 64-bit hashes; a collision only adds a candidate that scoring drops.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "match/prepared.h"

namespace opsroom::match {

using BlockKey = uint64_t;

// One token's keys: its phonetic key and, from 4 letters on, every one-deletion variant of
// it (symmetric deletion: two tokens one edit apart share a key).
void AddTokenKeys(std::string_view phonetic, std::vector<BlockKey>& out);
// An identifier's key: kind and normalised value (the country is compared when scoring,
// so a plate typed without its country is still found).
BlockKey IdentifierKey(const PreparedId& id);
// Every key of a prepared subject, sorted and unique.
std::vector<BlockKey> KeysOf(const PreparedSubject& subject);

}  // namespace opsroom::match
