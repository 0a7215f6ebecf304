#include "hub/matching/hit_engine.h"

#include <algorithm>
#include <cstring>

#include "hub/matching/subjects.h"
#include "match/matcher.h"
#include "wire/item_id.h"

namespace opsroom::hub::matching {

namespace {

std::string Str(const flatbuffers::String* text) { return text == nullptr ? std::string() : text->str(); }

std::optional<wire::GeoPoint> Position(const wire::GeoPoint* point) {
  if (point == nullptr) return std::nullopt;
  wire::GeoPoint copy;
  std::memcpy(static_cast<void*>(&copy), point, sizeof copy);  // may sit unaligned in a client's envelope
  return copy;
}

}  // namespace

EntryInfo InfoOf(const wire::WatchlistEntry& entry, const wire::Envelope& envelope) {
  EntryInfo info;
  info.entry_id = wire::EffectiveId(Str(envelope.origin()), Str(entry.entry_id()));
  info.revision = entry.revision();
  info.owner = Str(envelope.origin());
  info.marking = wire::MarkingOf(envelope);
  info.kind = entry.kind();
  info.action = entry.action();
  info.reason = Str(entry.reason());
  info.name = entry.name_original() != nullptr && entry.name_original()->size() > 0 ? Str(entry.name_original())
                                                                                    : Str(entry.name_latin());
  info.valid_from_ms = entry.valid_from_ms();
  info.valid_until_ms = entry.valid_until_ms();
  return info;
}

Sighting SightingOf(const wire::Envelope& envelope, uint64_t hub_seq, int64_t hub_time_ms) {
  Sighting sighting;
  sighting.hub_seq = hub_seq;
  sighting.hub_time_ms = hub_time_ms;
  sighting.node = Str(envelope.origin());
  sighting.country = Str(envelope.country());
  if (const wire::Check* check = envelope.payload_as_Check()) {
    sighting.source = wire::HitSource::FromCheck;
    sighting.source_id = Str(check->check_id());
    sighting.place_code = Str(check->place_code());
    sighting.position = Position(check->position());
    sighting.seen_at_ms = check->checked_at_ms();
  } else if (const wire::Alert* alert = envelope.payload_as_Alert()) {
    sighting.source = wire::HitSource::FromAlert;
    sighting.source_id = wire::EffectiveId(sighting.node, Str(alert->alert_id()));
    sighting.place_code = Str(alert->place_code());
    sighting.position = Position(alert->position());
    sighting.seen_at_ms = alert->observed_at_ms();
  }
  return sighting;
}

void HitEngine::Reset() {
  index_ = match::Index();
  ids_.clear();
  entries_.clear();
  next_id_ = 1;
  recent_index_ = match::Index();
  recent_subjects_.clear();
  recent_.clear();
  next_subject_id_ = 1;
  hits_.clear();
  rejected_.clear();
}

match::EntryId HitEngine::IdFor(const std::string& entry_id) {
  auto [it, inserted] = ids_.emplace(entry_id, next_id_);
  if (inserted) ++next_id_;
  return it->second;
}

void HitEngine::BulkLoadEntries(std::vector<std::pair<EntryInfo, match::Subject>> entries) {
  std::vector<match::Entry> bulk;
  bulk.reserve(entries.size());
  for (auto& [info, subject] : entries) {
    match::EntryId id = IdFor(info.entry_id);
    bulk.push_back({id, info.revision, std::move(subject)});
    entries_[id] = std::move(info);
  }
  index_.BulkBuild(bulk);
}

void HitEngine::LoadCheck(std::span<const uint8_t> bytes, uint64_t hub_seq, int64_t hub_time_ms) {
  AddRecent(bytes, SightingOf(*wire::GetEnvelope(bytes.data()), hub_seq, hub_time_ms));
  ExpireRecent(hub_time_ms);
}

std::optional<uint64_t> HitEngine::oldest_check_seq() const {
  if (recent_.empty()) return std::nullopt;
  return recent_.front().sighting.hub_seq;
}

void HitEngine::LoadOlderCheck(std::span<const uint8_t> bytes, uint64_t hub_seq, int64_t hub_time_ms) {
  AddRecent(bytes, SightingOf(*wire::GetEnvelope(bytes.data()), hub_seq, hub_time_ms), true);
}

std::optional<HitPair> HitEngine::PairOf(const std::string& hit_id) const {
  auto it = hits_.find(hit_id);
  if (it == hits_.end()) return std::nullopt;
  return it->second;
}

void HitEngine::OnEvent(std::span<const uint8_t> bytes, uint64_t hub_seq, int64_t hub_time_ms, const HitSink& sink) {
  const wire::Envelope& envelope = *wire::GetEnvelope(bytes.data());
  ExpireRecent(hub_time_ms);
  switch (envelope.payload_type()) {
    case wire::Payload::Check: {
      Sighting sighting = SightingOf(envelope, hub_seq, hub_time_ms);
      MatchSubjects(envelope.payload_as_Check()->subjects(), sighting, sink);
      AddRecent(bytes, std::move(sighting));
      break;
    }
    case wire::Payload::Alert: {
      // Most alerts name no subject: no sighting to build (five strings, issue 16).
      const auto* subjects = envelope.payload_as_Alert()->subjects();
      if (subjects != nullptr && subjects->size() != 0) {
        MatchSubjects(subjects, SightingOf(envelope, hub_seq, hub_time_ms), sink);
      }
      break;
    }
    case wire::Payload::WatchlistEntry:
      OnEntry(*envelope.payload_as_WatchlistEntry(), envelope, hub_seq, hub_time_ms, sink);
      break;
    case wire::Payload::HitDecision: {
      const wire::HitDecision& decision = *envelope.payload_as_HitDecision();
      if (decision.verdict() != wire::HitVerdict::Reject) break;
      if (auto pair = PairOf(decision.hit_id()->str())) rejected_.insert(std::move(*pair));
      break;
    }
    default: break;
  }
}

void HitEngine::MatchSubjects(const flatbuffers::Vector<flatbuffers::Offset<wire::Subject>>* subjects,
                              const Sighting& sighting, const HitSink& sink) {
  if (subjects == nullptr) return;
  match::QueryOptions query;
  query.threshold = options_.threshold;
  for (const wire::Subject* subject : *subjects) {
    std::vector<match::Hit> found = index_.Match(FromWire(*subject), query);
    std::vector<HitDraft> drafts;
    std::string key = SubjectKey(*subject);
    for (match::Hit& hit : found) {
      auto it = entries_.find(hit.id);
      if (it == entries_.end() || !it->second.ActiveAt(sighting.hub_time_ms)) continue;
      if (Rejected({it->second.entry_id, it->second.revision, key})) continue;
      drafts.push_back({&it->second, &sighting, subject, key, std::move(hit.result)});
    }
    // The index's order depends on ids given in load order; entry ids do not.
    std::sort(drafts.begin(), drafts.end(),
              [](const HitDraft& a, const HitDraft& b) { return a.entry->entry_id < b.entry->entry_id; });
    for (const HitDraft& draft : drafts) sink(draft);
  }
}

void HitEngine::OnEntry(const wire::WatchlistEntry& entry, const wire::Envelope& envelope, uint64_t /*hub_seq*/,
                        int64_t hub_time_ms, const HitSink& sink) {
  match::EntryId id = IdFor(wire::EffectiveId(Str(envelope.origin()), Str(entry.entry_id())));
  if (entry.removed()) {
    index_.Remove(id);
    entries_.erase(id);
    return;
  }
  match::Subject subject = FromEntry(entry);
  index_.Upsert({id, entry.revision(), subject});
  EntryInfo& info = entries_[id] = InfoOf(entry, envelope);
  // A new or revised entry meets the Checks of the last N days, when it is in force.
  if (!info.ActiveAt(hub_time_ms)) return;
  std::vector<HitDraft> drafts;
  for (match::EntryId candidate : recent_index_.Candidates(subject)) {
    auto found = recent_subjects_.find(candidate);
    if (found == recent_subjects_.end()) continue;
    const RecentCheck& check = *found->second.first;
    const auto* stored = reinterpret_cast<const uint8_t*>(check.envelope.data());
    const wire::Check* payload = wire::GetEnvelope(stored)->payload_as_Check();
    const wire::Subject* seen = payload->subjects()->Get(found->second.second);
    match::MatchResult result = match::ScoreSubjects(subject, FromWire(*seen), options_.threshold);
    if (!result.hit) continue;
    std::string key = SubjectKey(*seen);
    if (Rejected({info.entry_id, info.revision, key})) continue;
    drafts.push_back({&info, &check.sighting, seen, std::move(key), std::move(result)});
  }
  std::sort(drafts.begin(), drafts.end(), [](const HitDraft& a, const HitDraft& b) {
    return std::tie(a.sighting->hub_seq, a.subject_key) < std::tie(b.sighting->hub_seq, b.subject_key);
  });
  for (HitDraft& draft : drafts) {
    Sighting from_entry = *draft.sighting;
    from_entry.source = wire::HitSource::FromEntry;
    draft.sighting = &from_entry;
    sink(draft);
  }
}

void HitEngine::AddRecent(std::span<const uint8_t> bytes, Sighting sighting, bool older) {
  const wire::Check* check = wire::GetEnvelope(bytes.data())->payload_as_Check();
  if (check == nullptr || check->subjects() == nullptr) return;
  // The deque stays in hub order (ExpireRecent takes from the front); adding
  // at either end keeps the RecentCheck* that recent_subjects_ holds valid.
  RecentCheck& recent = older ? recent_.emplace_front() : recent_.emplace_back();
  recent.sighting = std::move(sighting);
  // An aligned copy of the envelope: its subjects are read again when an entry arrives.
  recent.envelope.resize((bytes.size() + 7) / 8);
  std::memcpy(recent.envelope.data(), bytes.data(), bytes.size());
  for (uint32_t i = 0; i < check->subjects()->size(); ++i) {
    match::EntryId id = next_subject_id_++;
    recent_index_.Upsert({id, 0, FromWire(*check->subjects()->Get(i))});
    recent_subjects_[id] = {&recent, i};
    recent.subject_ids.push_back(id);
  }
}

void HitEngine::ExpireRecent(int64_t hub_time_ms) {
  while (!recent_.empty() && (hub_time_ms - recent_.front().sighting.hub_time_ms > options_.window_ms ||
                              recent_.size() > options_.max_recent_checks)) {
    if (hub_time_ms - recent_.front().sighting.hub_time_ms <= options_.window_ms) ++recent_dropped_;
    for (match::EntryId id : recent_.front().subject_ids) {
      recent_index_.Remove(id);
      recent_subjects_.erase(id);
    }
    recent_.pop_front();
  }
}

}  // namespace opsroom::hub::matching
