// Operation-scoped sharing (docs/protocol.md section 10.5): the records that
// make an Operation marking decidable on every path, live or from the store.
//   meta "scope.<be64 hub_seq>" -> "<operation id> <participant>..."  the roster
//        an Operation-marked event was shared with, written in its own batch
//   meta "scopeflip.<be64 hub_seq>" -> "<participant>..."  the participants a
//        JointOperation version closed (or reopened) a scope for
// Pure functions and store reads; the hub's loop thread and the offline tools use them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "envelope_generated.h"
#include "hub/store.h"
#include "wire/entitlement.h"

namespace opsroom::hub {

std::string ScopeKey(uint64_t hub_seq);
std::string ScopeFlipKey(uint64_t hub_seq);

// What sharing under an operation depends on: who takes part now, and whether it is closed.
struct OperationScope {
  std::vector<std::string> roster;  // lead and participants, sorted, each once
  bool closed = false;
  bool operator==(const OperationScope&) const = default;
};
OperationScope ScopeOf(const wire::JointOperation& operation);

// "<word> <word>...": participant codes and ids hold no spaces.
std::string JoinWords(const std::vector<std::string>& words);
std::vector<std::string> SplitWords(std::string_view text);

// The roster of a new Operation-marked version: the operation's participants
// now, and for a later version of an item already shared under the same
// operation only those also in its earlier roster (a participant who joined
// in between never gets the earlier versions by the latest-marking rule).
std::vector<std::string> ResolveRoster(const OperationScope& now, const wire::Marking* previous);

// The current version of the item at `key` of an entity family (alerts,
// watchlist, operations): its logged Frame{Event} bytes and their hub_seq.
struct CurrentVersion {
  std::string event_frame;
  uint64_t hub_seq = 0;
  const wire::Envelope* envelope() const;  // into event_frame
};
std::optional<CurrentVersion> LoadCurrentVersion(StoreReader& store, Family family, std::string_view key);

// The operation `operation_id` as the store holds it (its current version); nullopt when unknown.
std::optional<OperationScope> LoadOperationScope(StoreReader& store, std::string_view operation_id);

// The roster recorded for the Operation-marked event at `hub_seq` (empty when none).
std::vector<std::string> LoadRoster(StoreReader& store, uint64_t hub_seq);

// The marking of a logged event, resolved from the store: for an Operation
// marking its roster and whether its operation is open now. For readers that
// hold no Audience (export, report); `scopes` caches operations between calls.
class StoredMarkings {
 public:
  explicit StoredMarkings(StoreReader& store) : store_(store) {}
  wire::Marking Of(const wire::Envelope& envelope, uint64_t hub_seq);

 private:
  StoreReader& store_;
  std::vector<std::pair<std::string, std::optional<OperationScope>>> scopes_;
};

}  // namespace opsroom::hub
