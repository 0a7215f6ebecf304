// Drawing candidates from posting lists: an entry is a candidate when it shares a key with
// an identifier of the query, or with enough of the query's name tokens (two, or all of a
// shorter name). Work is proportional to the posting lists touched, never to the entries.
#include <algorithm>

#include "match/index_impl.h"

namespace opsroom::match {
namespace {

// A token whose keys reach more entries than this is looked up by its exact phonetic key
// only (its one-edit variants would pull in a common name's whole neighbourhood).
constexpr std::size_t kMaxPostingsPerToken = 200000;

// Per-thread scratch over slots, reset by an epoch number instead of clearing.
struct Scratch {
  std::vector<uint32_t> epoch_of;
  std::vector<uint8_t> tokens_hit;
  std::vector<uint8_t> last_token;
  std::vector<Slot> touched;
  uint32_t epoch = 0;

  void Begin(std::size_t slots) {
    if (epoch_of.size() < slots) {
      epoch_of.resize(slots, 0);
      tokens_hit.resize(slots, 0);
      last_token.resize(slots, 0);
    }
    touched.clear();
    if (++epoch == 0) {  // wrapped: forget every old mark
      std::fill(epoch_of.begin(), epoch_of.end(), 0);
      epoch = 1;
    }
  }
  // Counts `token` once for `slot`; returns the number of distinct tokens seen so far.
  uint8_t Hit(Slot slot, uint8_t token) {
    if (epoch_of[slot] != epoch) {
      epoch_of[slot] = epoch;
      tokens_hit[slot] = 0;
      last_token[slot] = 255;
      touched.push_back(slot);
    }
    if (last_token[slot] != token) {
      last_token[slot] = token;
      if (tokens_hit[slot] < 255) ++tokens_hit[slot];
    }
    return tokens_hit[slot];
  }
};

const std::vector<Slot>* Find(const Postings& postings, BlockKey key) {
  auto it = postings.find(key);
  return it == postings.end() ? nullptr : &it->second;
}

std::vector<BlockKey> KeysWithinBudget(const Postings& postings, const NameToken& token) {
  std::vector<BlockKey> keys;
  AddTokenKeys(token.phonetic, keys);
  std::size_t volume = 0;
  for (BlockKey k : keys) {
    if (const auto* list = Find(postings, k)) volume += list->size();
  }
  if (volume > kMaxPostingsPerToken) keys.resize(1);
  return keys;
}

void NameCandidates(const Postings& postings, const std::vector<StoredEntry>& slots, const NormalizedName& name,
                    Scratch& scratch, std::vector<Slot>& out) {
  const std::size_t n = std::min<std::size_t>(name.tokens.size(), 254);
  for (std::size_t t = 0; t < n; ++t) {
    for (BlockKey key : KeysWithinBudget(postings, name.tokens[t])) {
      const auto* list = Find(postings, key);
      if (!list) continue;
      for (Slot slot : *list) scratch.Hit(slot, static_cast<uint8_t>(t));
    }
  }
  for (Slot slot : scratch.touched) {
    const std::size_t need = std::min<std::size_t>({2, n, slots[slot].min_tokens});
    if (scratch.tokens_hit[slot] >= need) out.push_back(slot);
  }
}

}  // namespace

std::vector<Slot> Index::Impl::CandidateSlots(const PreparedSubject& query) const {
  thread_local Scratch scratch;
  std::vector<Slot> out;
  for (const NormalizedName& name : query.names) {
    scratch.Begin(slots.size());
    NameCandidates(postings, slots, name, scratch, out);
  }
  for (const PreparedId& id : query.ids) {
    if (const auto* list = Find(postings, IdentifierKey(id))) out.insert(out.end(), list->begin(), list->end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace opsroom::match
