#include "console/model/watchlist.h"

#include <algorithm>
#include <set>

#include "console/model/text_fold.h"

namespace opsroom::console {

namespace {
constexpr std::size_t kMaxRanked = 200;  // scored results; the text matches follow
}  // namespace

std::string WatchSearchText(const WatchValue& e) {
  std::string all = e.entry_id;
  for (const std::string* part : {&e.name_original, &e.name_latin, &e.plate, &e.vin, &e.imo, &e.container_number,
                                  &e.phone, &e.reason, &e.nationality, &e.date_of_birth}) {
    all += '\n';
    all += *part;
  }
  for (const auto* list : {&e.aliases, &e.document_numbers}) {
    for (const auto& item : *list) {
      all += '\n';
      all += item;
    }
  }
  return FoldForSearch(all);
}

Watchlist::Watchlist(const Watchlist& other)
    : entries_(other.entries_), last_revision_(other.last_revision_), revision_(other.revision_) {
  for (const auto& [id, record] : entries_) matcher_.Upsert(record.entry);
}

Watchlist& Watchlist::operator=(const Watchlist& other) {
  if (this != &other) *this = Watchlist(other);
  return *this;
}

void Watchlist::Clear() {
  entries_.clear();
  last_revision_.clear();
  matcher_.Clear();
  ++revision_;
}

void Watchlist::Apply(const WatchValue& value) {
  auto [it, inserted] = last_revision_.try_emplace(value.entry_id, value.revision);
  if (!inserted) {
    if (value.revision <= it->second) return;
    it->second = value.revision;
  }
  if (value.removed) {
    entries_.erase(value.entry_id);
    matcher_.Remove(value.entry_id);
  } else {
    entries_[value.entry_id] = WatchRecord{value, WatchSearchText(value)};
    matcher_.Upsert(value);
  }
  ++revision_;
}

std::vector<const WatchRecord*> Watchlist::Search(std::string_view query, std::size_t limit) const {
  std::string folded = FoldForSearch(query);
  std::vector<const WatchRecord*> out;
  for (const auto& [id, record] : entries_) {
    if (FoldedContains(record.search_text, folded)) out.push_back(&record);
  }
  std::sort(out.begin(), out.end(), [](const WatchRecord* a, const WatchRecord* b) {
    if (a->entry.name_latin != b->entry.name_latin) return a->entry.name_latin < b->entry.name_latin;
    return a->entry.entry_id < b->entry.entry_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<Watchlist::Ranked> Watchlist::RankedSearch(std::string_view query, std::size_t limit) const {
  std::vector<Ranked> out;
  std::set<const WatchRecord*> ranked;
  for (const RankedEntry& hit : matcher_.Search(query, std::min<std::size_t>(limit, kMaxRanked))) {
    const WatchRecord* record = Find(hit.entry_id);
    if (record == nullptr) continue;
    out.push_back({record, hit.score, hit.why});
    ranked.insert(record);
  }
  for (const WatchRecord* record : Search(query, limit)) {
    if (out.size() >= limit) break;
    if (ranked.count(record) == 0) out.push_back({record, 0, {}});
  }
  return out;
}

const WatchRecord* Watchlist::Find(const std::string& entry_id) const {
  auto it = entries_.find(entry_id);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace opsroom::console
