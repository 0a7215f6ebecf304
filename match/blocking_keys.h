// Blocking keys: what the index files an entry under and looks a query up by (internal
// to match/). Keys are 64-bit hashes; a collision only adds a candidate that scoring drops.
#pragma once
#include <cstdint>
#include <vector>

#include "match/prepared.h"

namespace opsroom::match {

using BlockKey = uint64_t;

// A name of one token: its phonetic key and, from 4 letters on, its one-deletion variants
// (symmetric deletion: two tokens one edit apart share a key). A longer name: every pair
// of its tokens, order-free, with either token of the pair replaced by one of its variants.
// A name hit needs two agreeing tokens (one surname against a full name is capped below
// any threshold), so pairs lose no hit and keep common given names from flooding a query.
void AddNameKeys(const NormalizedName& name, std::vector<BlockKey>& out);
// An identifier's key: kind and normalised value (the country is compared when scoring,
// so a plate typed without its country is still found).
BlockKey IdentifierKey(const PreparedId& id);
// An entry's keys, sorted and unique: its name keys, its identifier keys, and each token of a
// longer name under its exact phonetic key alone (for searches by one token).
std::vector<BlockKey> EntryKeys(const PreparedSubject& subject);
// A query's keys; with `search`, a one-token name also meets every name with that token.
std::vector<BlockKey> QueryKeys(const PreparedSubject& subject, bool search);

}  // namespace opsroom::match
