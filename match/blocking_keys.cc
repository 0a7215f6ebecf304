// Blocking keys as FNV-1a hashes of tagged strings ("N" names, "I<kind>" identifiers).
#include "match/blocking_keys.h"

#include <algorithm>
#include <string>

namespace opsroom::match {
namespace {

constexpr std::size_t kMinLengthForDeletions = 4;

BlockKey Fnv1a(std::string_view tag, std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (std::string_view part : {tag, std::string_view("\x1f", 1), text}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
  }
  return h;
}

}  // namespace

void AddTokenKeys(std::string_view phonetic, std::vector<BlockKey>& out) {
  out.push_back(Fnv1a("N", phonetic));
  if (phonetic.size() < kMinLengthForDeletions) return;
  std::string variant;
  for (std::size_t i = 0; i < phonetic.size(); ++i) {
    if (i > 0 && phonetic[i] == phonetic[i - 1]) continue;  // same variant as the previous deletion
    variant.assign(phonetic.substr(0, i));
    variant.append(phonetic.substr(i + 1));
    out.push_back(Fnv1a("N", variant));
  }
}

BlockKey IdentifierKey(const PreparedId& id) {
  const char tag[3] = {'I', static_cast<char>('0' + static_cast<int>(id.kind)), 0};
  return Fnv1a(tag, id.value);
}

std::vector<BlockKey> KeysOf(const PreparedSubject& subject) {
  std::vector<BlockKey> keys;
  for (const NormalizedName& name : subject.names) {
    for (const NameToken& token : name.tokens) AddTokenKeys(token.phonetic, keys);
  }
  for (const PreparedId& id : subject.ids) keys.push_back(IdentifierKey(id));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace opsroom::match
