#include "hub/audience.h"

#include <set>

#include "frame_generated.h"
#include "hub/batch.h"
#include "hub/key_layout.h"
#include "hub/status_audience.h"
#include "wire/item_id.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

// Past this many cached markings the cache starts again (misses read the store).
constexpr std::size_t kMaxCachedMarkings = 500'000;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

// Where the item of an update (or an item itself) lives: family and state key.
std::optional<std::pair<Family, std::string>> ItemKey(const wire::Envelope& envelope, bool parent) {
  switch (envelope.payload_type()) {
    case wire::Payload::Alert:
      if (parent) return std::nullopt;
      return std::make_pair(Family::kAlerts, AlertKey(wire::ItemIdOf(envelope)));
    case wire::Payload::AlertAction:
      if (!parent) return std::nullopt;
      return std::make_pair(Family::kAlerts, AlertKey(wire::ItemIdOf(envelope)));
    case wire::Payload::JointOperation:
      if (parent) return std::nullopt;
      return std::make_pair(Family::kOperations, wire::ItemIdOf(envelope));
    case wire::Payload::WatchlistEntry:
      if (parent) return std::nullopt;
      return std::make_pair(Family::kWatchlist, wire::ItemIdOf(envelope));
    case wire::Payload::SitRep:
      if (!parent) return std::nullopt;
      return std::make_pair(Family::kOperations, wire::ItemIdOf(envelope));
    default: return std::nullopt;
  }
}

// The classes of identities in the registry, each once.
}  // namespace

std::string ClassTopic(wire::ClientRole role, std::string_view participant) {
  return std::string(kTopicClassPrefix) + RoleName(role) + "." + std::string(participant) + ".";
}

std::vector<std::string> GrantedPrefixes(const KeyEntry& identity) {
  return {StatusTopicFor(identity), std::string(kTopicPublic), ClassTopic(identity.role, identity.country),
          wire::kTopicAuditHead};
}

std::vector<std::string> GrantsFor(std::string_view requested, const std::vector<std::string>& allowed) {
  std::vector<std::string> grants;
  for (const std::string& prefix : allowed) {
    if (prefix.rfind(requested, 0) == 0) grants.push_back(prefix);             // asked wider: the allowed part
    else if (requested.rfind(prefix, 0) == 0) grants.emplace_back(requested);  // asked narrower: as asked
  }
  return grants;
}

std::optional<wire::Marking> Audience::Remember(const wire::Envelope& item) {
  auto key = ItemKey(item, false);
  if (!key) return std::nullopt;
  std::optional<wire::Marking> before = LatestMarking(*key);  // nullopt: a new item
  wire::Marking after = wire::MarkingOf(item);
  if (markings_.size() >= kMaxCachedMarkings) markings_.clear();
  markings_[OverlayKey(key->first, key->second)] = after;
  if (before && !(*before == after)) return before;
  return std::nullopt;
}

std::optional<wire::Marking> Audience::ParentMarking(const wire::Envelope& update) {
  auto key = ItemKey(update, true);
  if (!key) return std::nullopt;
  return LatestMarking(*key);
}

std::optional<wire::Marking> Audience::LatestMarking(const std::pair<Family, std::string>& key) {
  std::string overlay = OverlayKey(key.first, key.second);
  if (auto it = markings_.find(overlay); it != markings_.end()) return it->second;
  auto marking = Load(key.first, key.second);
  if (marking) {
    if (markings_.size() >= kMaxCachedMarkings) markings_.clear();
    markings_[overlay] = *marking;
  }
  return marking;
}

std::optional<wire::Marking> Audience::Load(Family family, std::string_view key) {
  Lookup record = store_.Get(family, key);
  if (!record.status.ok() || !record.value) return std::nullopt;
  auto entity = DecodeEntity(*record.value);
  if (!entity) return std::nullopt;
  Lookup event = store_.Get(Family::kLog, LogKey(entity->hub_seq));
  if (!event.status.ok() || !event.value) return std::nullopt;
  // The log holds Frame{Event} bytes the hub itself verified and wrote.
  const wire::Event* stored = wire::GetFrame(event.value->data())->body_as_Event();
  if (stored == nullptr || stored->envelope() == nullptr) return std::nullopt;
  return wire::MarkingOf(*flatbuffers::GetRoot<wire::Envelope>(stored->envelope()->data()));
}

bool Audience::Entitled(const wire::Viewer& viewer, const wire::Envelope& envelope) {
  if (!wire::HasParent(envelope.payload_type())) return wire::EntitledToItem(viewer, envelope, nullptr);
  std::optional<wire::Marking> parent = ParentMarking(envelope);
  return wire::EntitledToItem(viewer, envelope, parent ? &*parent : nullptr);
}

bool Audience::EntitledByLatestMarking(const wire::Viewer& viewer, const wire::Envelope& envelope) {
  auto key = ItemKey(envelope, false);
  if (!key) return Entitled(viewer, envelope);  // updates: their own marking and the item's latest already
  std::optional<wire::Marking> latest = LatestMarking(*key);
  // The hub stores every version it logs, so a miss means a store failure: the version's own marking decides.
  return latest ? wire::EntitledTo(viewer, *latest) : wire::EntitledToItem(viewer, envelope, nullptr);
}

const std::vector<Audience::ViewerClass>& Audience::ClassesOf(const KeyTable& keys) {
  if (&keys == classes_table_ && keys.generation == classes_generation_) return classes_;
  std::set<ViewerClass> distinct;
  for (const auto& [key, entry] : keys.by_key) distinct.emplace(entry.role, entry.country);
  classes_.assign(distinct.begin(), distinct.end());
  classes_table_ = &keys;
  classes_generation_ = keys.generation;
  return classes_;
}

void Audience::Topics(const wire::Envelope& envelope, const KeyTable& keys, std::string_view family,
                      std::vector<std::string>& out) {
  std::string suffix = std::string(family) + "." + std::string(View(envelope.origin()));
  std::optional<wire::Marking> parent;
  if (wire::HasParent(envelope.payload_type())) parent = ParentMarking(envelope);
  bool parent_public =
      !wire::HasParent(envelope.payload_type()) ||
      (parent && parent->distribution == wire::Distribution::Public && !parent->no_onward_dissemination);
  if (wire::IsPublicToAll(envelope.handling()) && parent_public) {
    out.push_back(std::string(kTopicPublic) + suffix);
    return;
  }
  for (const auto& [role, participant] : ClassesOf(keys)) {
    wire::Viewer viewer{participant, role};
    if (wire::EntitledToItem(viewer, envelope, parent ? &*parent : nullptr)) {
      out.push_back(ClassTopic(role, participant) + suffix);
    }
  }
}

std::vector<std::string> Audience::Classes(const wire::Envelope& envelope, const KeyTable& keys) {
  std::vector<std::string> classes;
  for (const auto& [role, participant] : ClassesOf(keys)) {
    if (Entitled(wire::Viewer{participant, role}, envelope))
      classes.push_back(std::string(RoleName(role)) + "." + participant);
  }
  return classes;
}

}  // namespace opsroom::hub
