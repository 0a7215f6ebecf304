// Blocking keys as FNV-1a hashes of tagged strings: "S" single-token names, "P" token pairs,
// "I<kind>" identifiers.
#include "match/blocking_keys.h"

#include <algorithm>
#include <string>

namespace opsroom::match {
namespace {

constexpr std::size_t kMinLengthForDeletions = 4;
constexpr std::size_t kMaxTokensPaired = 6;  // a longer name is paired on its first six tokens

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

// The phonetic key itself, then its one-deletion variants.
std::vector<std::string> Variants(std::string_view phonetic) {
  std::vector<std::string> out{std::string(phonetic)};
  if (phonetic.size() < kMinLengthForDeletions) return out;
  for (std::size_t i = 0; i < phonetic.size(); ++i) {
    if (i > 0 && phonetic[i] == phonetic[i - 1]) continue;  // same variant as the previous deletion
    out.push_back(std::string(phonetic.substr(0, i)) + std::string(phonetic.substr(i + 1)));
  }
  return out;
}

BlockKey PairKey(std::string_view x, std::string_view y) { return x < y ? Fnv1a("P", x, y) : Fnv1a("P", y, x); }

}  // namespace

void AddNameKeys(const NormalizedName& name, std::vector<BlockKey>& out) {
  if (name.tokens.size() == 1) {
    for (const std::string& v : Variants(name.tokens[0].phonetic)) out.push_back(Fnv1a("S", v));
    return;
  }
  const std::size_t n = std::min(name.tokens.size(), kMaxTokensPaired);
  std::vector<std::vector<std::string>> variants;
  for (std::size_t i = 0; i < n; ++i) variants.push_back(Variants(name.tokens[i].phonetic));
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
