// Compacting a prepared subject into one string of names and back.
#include "match/stored_entry.h"

#include <algorithm>
#include <string_view>

namespace opsroom::match {
namespace {

std::string Join(const NormalizedName& name, std::string NameToken::*field) {
  std::string out;
  for (const NameToken& t : name.tokens) {
    if (!out.empty()) out += ' ';
    for (char c : t.*field) out += (c == ' ' || c == '\t' || c == '\n') ? '_' : c;  // one token, one word
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

NormalizedName ExpandName(std::string_view line) {
  std::size_t tab = line.find('\t');
  std::vector<std::string_view> latin = Split(line.substr(0, tab), ' ');
  std::vector<std::string_view> folded = tab == std::string_view::npos ? latin : Split(line.substr(tab + 1), ' ');
  NormalizedName name;
  for (std::size_t i = 0; i < latin.size() && i < folded.size(); ++i) {
    NameToken t;
    t.latin.assign(latin[i]);
    t.folded.assign(folded[i]);
    t.phonetic = PhoneticKey(t.folded);
    name.tokens.push_back(std::move(t));
  }
  return name;
}

}  // namespace

StoredEntry Compact(EntryId id, uint32_t revision, const PreparedSubject& subject) {
  StoredEntry out;
  out.id = id;
  out.revision = revision;
  out.dob = subject.dob.Packed();
  if (subject.nationality.size() == 2) std::copy_n(subject.nationality.begin(), 2, out.nationality);
  out.live = true;
  for (const NormalizedName& name : subject.names) {
    std::string latin = Join(name, &NameToken::latin), folded = Join(name, &NameToken::folded);
    if (!out.names.empty()) out.names += '\n';
    out.names += latin;
    if (folded != latin) out.names += '\t' + folded;
  }
  out.ids = subject.ids;
  return out;
}

PreparedSubject Expand(const StoredEntry& stored) {
  PreparedSubject out;
  if (!stored.names.empty()) {
    for (std::string_view line : Split(stored.names, '\n')) out.names.push_back(ExpandName(line));
  }
  out.dob = Dob::FromPacked(stored.dob);
  if (stored.nationality[0]) out.nationality.assign(stored.nationality, 2);
  out.ids = stored.ids;
  return out;
}

std::size_t HeapBytes(const StoredEntry& stored) {
  auto string_heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  std::size_t bytes = string_heap(stored.names) + stored.ids.capacity() * sizeof(PreparedId);
  for (const PreparedId& id : stored.ids) bytes += string_heap(id.value) + string_heap(id.country);
  return bytes;
}

}  // namespace opsroom::match
