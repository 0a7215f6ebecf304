// Blocking keys as FNV-1a hashes of tagged strings: "S" single-token names, "P" token pairs,
// "I<kind>" identifiers.
#include "match/blocking_keys.h"

#include <algorithm>
#include <string>

namespace opsroom::match {
namespace {

constexpr std::size_t kMinLengthForDeletions = 4;
constexpr std::size_t kMinLengthForTwoDeletions = 12;  // where a typo may be two edits (name_compare.cc)

BlockKey Fnv1a(std::string_view tag, std::string_view a, std::string_view b = {}) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view part : {tag, std::string_view("\x1f", 1), a, std::string_view("\x1f", 1), b}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
  }
  return h;
}

void AddDeletions(const std::string& word, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue;  // same variant as the previous deletion
    out.push_back(word.substr(0, i) + word.substr(i + 1));
  }
}

// Deletion variants of a word (one, or up to two), as phonetic keys: `rekey` turns a variant
// of the folded form into its phonetic key.
void AddVariants(const std::string& word, bool two, bool rekey, std::vector<std::string>& out) {
  std::vector<std::string> mine;
  AddDeletions(word, mine);
  if (two) {
    const std::size_t one = mine.size();
    for (std::size_t k = 0; k < one; ++k) AddDeletions(std::string(mine[k]), mine);
  }
  for (std::string& v : mine) out.push_back(rekey ? PhoneticKey(v) : std::move(v));
}

// The phonetic key itself, then the keys of its deletion variants and of the folded form's
// (scoring measures typos on both, and the phonetic key collapses doubles: Milica typed Miica
// is one drop in the folded form, MILICA / MICA two in the phonetic one). One deletion from 4
// letters on, two from 12 (where a typo may be two edits). Symmetric deletion: tokens that
// many edits apart share a variant.
std::vector<std::string> Variants(const NameToken& token) {
  const std::string& phonetic = token.phonetic;
  std::vector<std::string> out{phonetic};
  const std::size_t longest = std::max(phonetic.size(), token.folded.size());
  if (longest < kMinLengthForDeletions) return out;
  const bool two = longest >= kMinLengthForTwoDeletions;
  AddVariants(phonetic, two, false, out);
  AddVariants(token.folded, two, true, out);
  std::sort(out.begin() + 1, out.end());
  out.erase(std::unique(out.begin() + 1, out.end()), out.end());
  out.erase(std::remove(out.begin() + 1, out.end(), phonetic), out.end());
  return out;
}

BlockKey PairKey(std::string_view x, std::string_view y) { return x < y ? Fnv1a("P", x, y) : Fnv1a("P", y, x); }

}  // namespace

void AddNameKeys(const NormalizedName& name, std::vector<BlockKey>& out) {
  if (name.tokens.size() == 1) {
    for (const std::string& v : Variants(name.tokens[0])) out.push_back(Fnv1a("S", v));
    return;
  }
  // Every token is paired (NormalizeName keeps at most kMaxNameTokens): scoring pairs any two.
  const std::size_t n = name.tokens.size();
  std::vector<std::vector<std::string>> variants;
  for (std::size_t i = 0; i < n; ++i) variants.push_back(Variants(name.tokens[i]));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::string& exact_i = variants[i][0];
      const std::string& exact_j = variants[j][0];
      out.push_back(PairKey(exact_i, exact_j));
      for (std::size_t k = 1; k < variants[i].size(); ++k) out.push_back(PairKey(variants[i][k], exact_j));
      for (std::size_t k = 1; k < variants[j].size(); ++k) out.push_back(PairKey(exact_i, variants[j][k]));
    }
  }
}

BlockKey IdentifierKey(const PreparedId& id) {
  const char tag[3] = {'I', static_cast<char>('0' + static_cast<int>(id.kind)), 0};
  return Fnv1a(tag, id.value);
}

namespace {

BlockKey TokenKey(const NameToken& token) { return Fnv1a("T", token.phonetic); }

std::vector<BlockKey> SortedUnique(std::vector<BlockKey> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace

std::vector<BlockKey> EntryKeys(const PreparedSubject& subject) {
  std::vector<BlockKey> keys;
  for (const NormalizedName& name : subject.names) {
    AddNameKeys(name, keys);
    if (name.tokens.size() > 1) {
      for (const NameToken& token : name.tokens) keys.push_back(TokenKey(token));
    }
  }
  for (const PreparedId& id : subject.ids) keys.push_back(IdentifierKey(id));
  return SortedUnique(std::move(keys));
}

std::vector<BlockKey> QueryKeys(const PreparedSubject& subject, bool search) {
  std::vector<BlockKey> keys;
  for (const NormalizedName& name : subject.names) {
    AddNameKeys(name, keys);
    if (search && name.tokens.size() == 1) keys.push_back(TokenKey(name.tokens[0]));
  }
  for (const PreparedId& id : subject.ids) keys.push_back(IdentifierKey(id));
  return SortedUnique(std::move(keys));
}

}  // namespace opsroom::match
