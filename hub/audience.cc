#include "hub/audience.h"

#include <set>

#include "frame_generated.h"
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

wire::Marking Audience::StageMarking(const wire::Envelope& envelope, uint64_t hub_seq, Batch& batch) {
  wire::Marking marking = wire::MarkingOf(envelope);
  if (marking.distribution != wire::Distribution::Operation) return marking;
  std::optional<OperationScope> scope = Scope(marking.operation_code);
  std::optional<wire::Marking> previous;
  if (auto key = ItemKey(envelope, false)) previous = LatestMarking(*key);
  bool same_scope = previous && previous->operation_code == marking.operation_code;
  // The publish check refused a scope that is unknown or closed; an empty roster shares with nobody.
  marking.roster = scope ? ResolveRoster(*scope, same_scope ? &*previous : nullptr) : std::vector<std::string>{};
  batch.writes.Put(Family::kMeta, ScopeKey(hub_seq), marking.operation_code + " " + JoinWords(marking.roster));
  ResolveScope(marking);
  return marking;
}

std::optional<std::vector<std::string>> Audience::RememberScope(const wire::Envelope& operation) {
  const wire::JointOperation* payload = operation.payload_as_JointOperation();
  if (payload == nullptr) return std::nullopt;
  std::string id = wire::ItemIdOf(operation);
  std::optional<OperationScope> before = Scope(id);
  OperationScope after = ScopeOf(*payload);
  scopes_[id] = after;
  if (!before || before->closed == after.closed) return std::nullopt;
  std::set<std::string> concerned(before->roster.begin(), before->roster.end());
  concerned.insert(after.roster.begin(), after.roster.end());
  return std::vector<std::string>(concerned.begin(), concerned.end());
}

std::optional<OperationScope> Audience::Scope(const std::string& operation_id) {
  if (auto it = scopes_.find(operation_id); it != scopes_.end()) return it->second;
  std::optional<OperationScope> scope = LoadOperationScope(store_, operation_id);
  if (InCommit(OverlayKey(Family::kOperations, operation_id))) return scope;
  if (scopes_.size() >= kMaxCachedMarkings) scopes_.clear();
  if (scope) scopes_[operation_id] = scope;  // an unknown one may be created by the batch in hand
  return scope;
}

void Audience::ResolveScope(wire::Marking& marking) {
  if (marking.distribution != wire::Distribution::Operation) return;
  std::optional<OperationScope> scope = Scope(marking.operation_code);
  marking.scope_open = scope && !scope->closed;
}

std::optional<wire::Marking> Audience::Remember(const wire::Envelope& item, const wire::Marking& marking,
                                               bool stored_before) {
  auto key = ItemKey(item, false);
  if (!key) return std::nullopt;
  std::optional<wire::Marking> before = LatestMarking(*key, stored_before);  // nullopt: a new item
  wire::Marking after = marking;
  if (markings_.size() >= kMaxCachedMarkings) markings_.clear();
  markings_[OverlayKey(key->first, key->second)] = after;
  if (before && !(*before == after)) return before;
  return std::nullopt;
}

std::optional<std::string> Audience::ItemOverlayKey(const wire::Envelope& item) {
  auto key = ItemKey(item, false);
  if (!key) return std::nullopt;
  return OverlayKey(key->first, key->second);
}

void Audience::Forget(const std::string& overlay) {
  markings_.erase(overlay);
  if (!overlay.empty() && overlay.front() == static_cast<char>(Family::kOperations)) scopes_.erase(overlay.substr(1));
}

void Audience::CommitStarted(const std::vector<std::string>& overlay_keys) {
  for (const std::string& overlay : overlay_keys) {
    Forget(overlay);
    ++in_commit_[overlay];
  }
}

void Audience::CommitEnded(const std::vector<std::string>& overlay_keys) {
  for (const std::string& overlay : overlay_keys) {
    Forget(overlay);
    auto it = in_commit_.find(overlay);
    if (it != in_commit_.end() && --it->second <= 0) in_commit_.erase(it);
  }
}

std::optional<wire::Marking> Audience::ParentMarking(const wire::Envelope& update) {
  auto key = ItemKey(update, true);
  if (!key) return std::nullopt;
  return LatestMarking(*key);
}

std::optional<wire::Marking> Audience::LatestMarking(const std::pair<Family, std::string>& key, bool read_store) {
  std::string overlay = OverlayKey(key.first, key.second);
  std::optional<wire::Marking> marking;
  if (auto it = markings_.find(overlay); it != markings_.end()) {
    marking = it->second;
  } else if (read_store) {
    marking = Load(key.first, key.second);
    if (marking && !InCommit(overlay)) {
      if (markings_.size() >= kMaxCachedMarkings) markings_.clear();
      markings_[overlay] = *marking;
    }
  }
  // Closing an operation closes its scope at once: decided when asked, never cached.
  if (marking) ResolveScope(*marking);
  return marking;
}

std::optional<wire::Marking> Audience::Load(Family family, std::string_view key) {
  std::optional<CurrentVersion> version = LoadCurrentVersion(store_, family, key);
  if (!version) return std::nullopt;
  wire::Marking marking = wire::MarkingOf(*version->envelope());
  if (marking.distribution == wire::Distribution::Operation) marking.roster = LoadRoster(store_, version->hub_seq);
  return marking;
}

bool Audience::Entitled(const wire::Viewer& viewer, const wire::Envelope& envelope) {
  if (!wire::HasParent(envelope.payload_type())) return wire::EntitledToItem(viewer, envelope, nullptr);
  std::optional<wire::Marking> parent = ParentMarking(envelope);
  return wire::EntitledToItem(viewer, envelope, parent ? &*parent : nullptr);
}

bool Audience::EntitledByLatestMarking(const wire::Viewer& viewer, const wire::Envelope& envelope,
                                       uint64_t hub_seq) {
  auto key = ItemKey(envelope, false);
  if (!key) {
    // Updates: their own marking (its roster recorded under their sequence) and the item's latest.
    wire::Marking own = wire::MarkingOf(envelope);
    if (own.distribution == wire::Distribution::Operation) {
      own.roster = LoadRoster(store_, hub_seq);
      ResolveScope(own);
    }
    std::optional<wire::Marking> parent = ParentMarking(envelope);
    if (!parent) {
      auto parent_key = ItemKey(envelope, true);
      if (parent_key && !StoreAnswers(*parent_key)) return false;
    }
    return wire::EntitledToItem(viewer, own, envelope.payload_type(), parent ? &*parent : nullptr);
  }
  std::optional<wire::Marking> latest = LatestMarking(*key);
  if (latest) return wire::EntitledTo(viewer, *latest);
  // Fail closed: while the store cannot be read, the version's own marking may be
  // wider than the item's latest (re-marked since), so nobody sees it.
  if (!StoreAnswers(*key)) return false;
  return wire::EntitledToItem(viewer, envelope, nullptr);
}

bool Audience::StoreAnswers(const std::pair<Family, std::string>& key) {
  Lookup record = store_.Get(key.first, key.second);
  if (!record.status.ok()) return false;
  if (!record.value) return true;  // no such item: nothing later can have re-marked it
  std::optional<EntityRecord> entity = DecodeEntity(*record.value);
  if (!entity) return false;
  // Retention keeps every current version (retention.h): a missing one is damage, not age.
  Lookup current = store_.Get(Family::kLog, LogKey(entity->hub_seq));
  return current.status.ok() && current.value.has_value();
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

void Audience::Topics(const wire::Envelope& envelope, const wire::Marking& own, const KeyTable& keys,
                      std::string_view family, std::vector<std::string>& out) {
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
    if (wire::EntitledToItem(viewer, own, envelope.payload_type(), parent ? &*parent : nullptr)) {
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
