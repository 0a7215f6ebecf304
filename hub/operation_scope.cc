#include "hub/operation_scope.h"

#include <algorithm>
#include <sstream>

#include "frame_generated.h"
#include "hub/key_layout.h"

namespace opsroom::hub {

std::string ScopeKey(uint64_t hub_seq) { return "scope." + Be64(hub_seq); }
std::string ScopeFlipKey(uint64_t hub_seq) { return "scopeflip." + Be64(hub_seq); }

OperationScope ScopeOf(const wire::JointOperation& operation) {
  OperationScope scope;
  if (operation.lead() != nullptr && operation.lead()->size() > 0) scope.roster.push_back(operation.lead()->str());
  if (operation.participants() != nullptr) {
    for (const flatbuffers::String* participant : *operation.participants()) scope.roster.push_back(participant->str());
  }
  std::sort(scope.roster.begin(), scope.roster.end());
  scope.roster.erase(std::unique(scope.roster.begin(), scope.roster.end()), scope.roster.end());
  scope.closed = operation.phase() == wire::OperationPhase::Closed;
  return scope;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::vector<std::string> ResolveRoster(const OperationScope& now, const wire::Marking* previous) {
  if (previous == nullptr || previous->distribution != wire::Distribution::Operation) return now.roster;
  std::vector<std::string> kept;
  for (const std::string& member : now.roster) {
    if (std::find(previous->roster.begin(), previous->roster.end(), member) != previous->roster.end())
      kept.push_back(member);
  }
  return kept;
}

const wire::Envelope* CurrentVersion::envelope() const {
  // The log holds Frame{Event} bytes the hub itself verified and wrote.
  const wire::Event* stored = wire::GetFrame(event_frame.data())->body_as_Event();
  if (stored == nullptr || stored->envelope() == nullptr) return nullptr;
  return flatbuffers::GetRoot<wire::Envelope>(stored->envelope()->data());
}

std::optional<CurrentVersion> LoadCurrentVersion(StoreReader& store, Family family, std::string_view key) {
  Lookup record = store.Get(family, key);
  if (!record.status.ok() || !record.value) return std::nullopt;
  auto entity = DecodeEntity(*record.value);
  if (!entity) return std::nullopt;
  Lookup event = store.Get(Family::kLog, LogKey(entity->hub_seq));
  if (!event.status.ok() || !event.value) return std::nullopt;
  CurrentVersion version{std::move(*event.value), entity->hub_seq};
  if (version.envelope() == nullptr) return std::nullopt;
  return version;
}

std::optional<OperationScope> LoadOperationScope(StoreReader& store, std::string_view operation_id) {
  std::optional<CurrentVersion> version = LoadCurrentVersion(store, Family::kOperations, operation_id);
  const wire::JointOperation* operation = version ? version->envelope()->payload_as_JointOperation() : nullptr;
  if (operation == nullptr) return std::nullopt;
  return ScopeOf(*operation);
}

std::vector<std::string> LoadRoster(StoreReader& store, uint64_t hub_seq) {
  Lookup record = store.Get(Family::kMeta, ScopeKey(hub_seq));
  if (!record.status.ok() || !record.value) return {};
  std::vector<std::string> words = SplitWords(*record.value);
  if (!words.empty()) words.erase(words.begin());  // the operation id
  return words;
}

wire::Marking StoredMarkings::Of(const wire::Envelope& envelope, uint64_t hub_seq) {
  wire::Marking marking = wire::MarkingOf(envelope);
  if (marking.distribution != wire::Distribution::Operation) return marking;
  marking.roster = LoadRoster(store_, hub_seq);
  auto known = std::find_if(scopes_.begin(), scopes_.end(),
                            [&](const auto& entry) { return entry.first == marking.operation_code; });
  if (known == scopes_.end()) {
    scopes_.emplace_back(marking.operation_code, LoadOperationScope(store_, marking.operation_code));
    known = scopes_.end() - 1;
  }
  // An operation the store no longer has shares nothing.
  marking.scope_open = known->second && !known->second->closed;
  return marking;
}

}  // namespace opsroom::hub
