#include "console/model/watch_matcher.h"

#include <algorithm>

#include "match/index.h"

namespace opsroom::console {

namespace {

match::Subject SubjectOf(const WatchValue& e) {
  match::Subject subject;
  for (const std::string* name : {&e.name_original, &e.name_latin}) {
    if (!name->empty()) subject.names.push_back(*name);
  }
  for (const std::string& alias : e.aliases) subject.names.push_back(alias);
  subject.dob = e.date_of_birth;
  subject.nationality = e.nationality;
  for (const std::string& number : e.document_numbers) subject.ids.push_back({match::IdKind::kDocument, number, {}});
  const std::pair<match::IdKind, const std::string*> ids[] = {{match::IdKind::kPlate, &e.plate},
                                                              {match::IdKind::kVin, &e.vin},
                                                              {match::IdKind::kImo, &e.imo},
                                                              {match::IdKind::kContainer, &e.container_number},
                                                              {match::IdKind::kPhone, &e.phone}};
  for (const auto& [kind, value] : ids) {
    if (!value->empty()) subject.ids.push_back({kind, *value, {}});
  }
  return subject;
}

// What the operator typed, as a name and as every kind of identifier.
match::Subject QueryOf(std::string_view query) {
  match::Subject subject;
  subject.names.emplace_back(query);
  for (match::IdKind kind : {match::IdKind::kPlate, match::IdKind::kVin, match::IdKind::kImo, match::IdKind::kContainer,
                             match::IdKind::kDocument, match::IdKind::kPhone}) {
    subject.ids.push_back({kind, std::string(query), {}});
  }
  return subject;
}

}  // namespace

WatchMatcher::WatchMatcher() : index_(std::make_unique<match::Index>()) {}
WatchMatcher::~WatchMatcher() = default;
WatchMatcher::WatchMatcher(WatchMatcher&&) noexcept = default;
WatchMatcher& WatchMatcher::operator=(WatchMatcher&&) noexcept = default;

void WatchMatcher::Upsert(const WatchValue& entry) {
  auto [it, inserted] = ids_.try_emplace(entry.entry_id, next_id_);
  if (inserted) entry_ids_[next_id_++] = entry.entry_id;
  index_->Upsert({it->second, entry.revision, SubjectOf(entry)});
}

void WatchMatcher::Remove(const std::string& entry_id) {
  if (auto it = ids_.find(entry_id); it != ids_.end()) index_->Remove(it->second);
}

void WatchMatcher::Clear() {
  *index_ = match::Index();
  ids_.clear();
  entry_ids_.clear();
}

std::vector<RankedEntry> WatchMatcher::Search(std::string_view query, std::size_t limit) const {
  std::vector<RankedEntry> ranked;
  if (query.empty()) return ranked;
  match::QueryOptions options;
  options.threshold = kSearchThreshold;
  options.max_hits = limit;
  for (const match::Hit& hit : index_->Match(QueryOf(query), options)) {
    ranked.push_back({entry_ids_.at(hit.id), hit.result.score, match::FormatWhy(hit.result)});
  }
  return ranked;
}

}  // namespace opsroom::console
