// Who may see each event, for every delivery path: the need-to-know rule of
// wire/entitlement.h with the marking of an update's item (the latest version
// of its alert or operation, cached here and read from the store on a miss),
// and the fan-out topics that carry an event to exactly its audience:
//   ev.pub.<family>.<origin>                    every authenticated identity
//   ev.to.<role>.<participant>.<family>.<origin> one viewer class (role, participant)
// Each identity is granted its status topic (status_audience.h), "ev.pub.",
// its own "ev.to.<role>.<participant>." and "audit" (signed audit heads).
// Owned by the hub's loop thread.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "envelope_generated.h"
#include "hub/batch.h"
#include "hub/key_registry.h"
#include "hub/operation_scope.h"
#include "hub/store.h"
#include "wire/entitlement.h"

namespace opsroom::hub {

inline constexpr std::string_view kTopicPublic = "ev.pub.";
inline constexpr std::string_view kTopicClassPrefix = "ev.to.";

// "ev.to.national.ME."
std::string ClassTopic(wire::ClientRole role, std::string_view participant);
// The topic prefixes an identity may hold: its status topic, "ev.pub.", its class topic.
std::vector<std::string> GrantedPrefixes(const KeyEntry& identity);
// What to grant for one subscription request: the intersection of the
// requested prefix with each allowed prefix.
std::vector<std::string> GrantsFor(std::string_view requested, const std::vector<std::string>& allowed);

class Audience {
 public:
  explicit Audience(StoreReader& store) : store_(store) {}

  // The marking of an envelope being logged at `hub_seq`, resolved: for an
  // Operation marking its roster (section 10.5), whose record it stages into
  // `batch`. Call once per logged envelope, before Remember.
  wire::Marking StageMarking(const wire::Envelope& envelope, uint64_t hub_seq, Batch& batch);
  // An Alert, JointOperation or WatchlistEntry version was accepted (with its
  // marking from StageMarking): later updates, and replay of its earlier
  // versions, use its marking.
  // Returns the item's previous marking when this version changes it.
  // `stored_before` false: the caller found no record of the item in flight
  // or in the store, so the store is not read again for its marking (a
  // RocksDB read per new item; issue 16).
  std::optional<wire::Marking> Remember(const wire::Envelope& item, const wire::Marking& marking,
                                        bool stored_before = true);
  // A JointOperation version was accepted: its scope as it is now. Returns the
  // participants whose scope it closes or reopens (the union of both rosters).
  std::optional<std::vector<std::string>> RememberScope(const wire::Envelope& operation);
  // The operation with this effective id as it is now (nullopt: unknown).
  std::optional<OperationScope> Scope(const std::string& operation_id);
  // The latest marking of that operation (nullopt: unknown).
  std::optional<wire::Marking> OperationMarking(const std::string& operation_id) {
    return LatestMarking({Family::kOperations, operation_id});
  }
  // Forget everything (after a failed batch the store is the truth again).
  void Clear() {
    markings_.clear();
    scopes_.clear();
    in_commit_.clear();
  }
  // OverlayKey(family, key) of the item an Alert, JointOperation or
  // WatchlistEntry is a version of; nullopt for other payloads.
  static std::optional<std::string> ItemOverlayKey(const wire::Envelope& item);
  // The durable audience: a batch holding versions of these items
  // (Batch::item_versions) goes to commit. Until CommitEnded their markings
  // are read from the store at every question and never cached: the store
  // holds the batch from its sync on, before the loop learns of it, and a
  // marking cached from the version before would judge the new one.
  void CommitStarted(const std::vector<std::string>& overlay_keys);
  void CommitEnded(const std::vector<std::string>& overlay_keys);

  // The marking of the item an AlertAction or SitRep is about; nullopt for
  // other payloads and for items the hub does not have.
  std::optional<wire::Marking> ParentMarking(const wire::Envelope& update);
  bool Entitled(const wire::Viewer& viewer, const wire::Envelope& envelope);
  // The rule of replay and snapshot (docs/protocol.md section 10.3): every
  // version of an alert or operation is judged by the item's latest marking,
  // so an old version is shown exactly to those who may see the item now.
  // `hub_seq` is the event's own: an Operation marking's roster is recorded under it.
  // A store that cannot be read denies (fail closed).
  bool EntitledByLatestMarking(const wire::Viewer& viewer, const wire::Envelope& envelope, uint64_t hub_seq);

  // The topics to publish the event under (secure mode). `family` is the
  // topic family ("alert", "action"...); `own` its resolved marking.
  void Topics(const wire::Envelope& envelope, const wire::Marking& own, const KeyTable& keys,
              std::string_view family, std::vector<std::string>& out);
  // The viewer classes (role, participant) entitled to it, as "national.ME" etc., for the audit.
  std::vector<std::string> Classes(const wire::Envelope& envelope, const KeyTable& keys);

  using ViewerClass = std::pair<wire::ClientRole, std::string>;  // (role, participant)
  // The distinct viewer classes of `keys`, computed once per registry version
  // (a registry of 100 keys made every restricted message cost ~9 us).
  const std::vector<ViewerClass>& ViewerClasses(const KeyTable& keys) { return ClassesOf(keys); }

 private:
  std::optional<wire::Marking> Load(Family family, std::string_view key);
  // False when the store fails to say what the item at `key` is now (a read
  // error, an undecodable record, its current version missing); true when it
  // holds the item or answers that there is none.
  bool StoreAnswers(const std::pair<Family, std::string>& key);
  // The cached (or stored) marking of the item at `key`: its latest version.
  // `read_store` false: a cache miss is an item the store does not hold.
  std::optional<wire::Marking> LatestMarking(const std::pair<Family, std::string>& key, bool read_store = true);

  const std::vector<ViewerClass>& ClassesOf(const KeyTable& keys);
  // An Operation marking's scope_open from the operation's state now.
  void ResolveScope(wire::Marking& marking);

  StoreReader& store_;
  std::unordered_map<std::string, wire::Marking> markings_;  // OverlayKey(family, id) -> marking
  std::unordered_map<std::string, std::optional<OperationScope>> scopes_;  // operation id -> scope
  std::unordered_map<std::string, int> in_commit_;  // OverlayKey -> batches in commit holding a version of it
  bool InCommit(const std::string& overlay) const { return !in_commit_.empty() && in_commit_.count(overlay) != 0; }
  void Forget(const std::string& overlay);
  std::vector<ViewerClass> classes_;
  const KeyTable* classes_table_ = nullptr;  // the version classes_ was made from (tables are immutable;
  uint64_t classes_generation_ = 0;          // a reload makes a new one with a higher generation)
};

}  // namespace opsroom::hub
