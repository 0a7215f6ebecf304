#include "hub/remark.h"

#include <algorithm>
#include <sstream>

#include "hub/key_layout.h"
#include "hub/operation_scope.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

namespace {

constexpr std::string_view kRemarkPrefix = "remark.";

}  // namespace

std::string RemarkKey(uint64_t hub_seq) { return std::string(kRemarkPrefix) + Be64(hub_seq); }

// "<distribution> <h2> <origin> <recipient>... [| <operation id> <roster>...]":
// participant codes and ids hold no spaces; the part after "|" only for Operation.
std::string EncodeMarking(const wire::Marking& marking) {
  std::string text = std::to_string(static_cast<int>(marking.distribution)) + " " +
                     (marking.no_onward_dissemination ? "1" : "0") + " " + marking.origin_country;
  for (const std::string& recipient : marking.recipients) text += " " + recipient;
  if (marking.distribution == wire::Distribution::Operation) {
    text += " | " + marking.operation_code;
    for (const std::string& member : marking.roster) text += " " + member;
  }
  return text;
}

std::optional<wire::Marking> DecodeMarking(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  int distribution = 0, h2 = 0;
  wire::Marking marking;
  if (!(in >> distribution >> h2 >> marking.origin_country)) return std::nullopt;
  if (distribution < 0 || distribution > static_cast<int>(wire::Distribution::MAX)) return std::nullopt;
  marking.distribution = static_cast<wire::Distribution>(distribution);
  marking.no_onward_dissemination = h2 != 0;
  bool in_roster = false;
  for (std::string word; in >> word;) {
    if (word == "|" && !in_roster) {
      in_roster = true;
      if (!(in >> marking.operation_code)) return std::nullopt;
    } else {
      (in_roster ? marking.roster : marking.recipients).push_back(word);
    }
  }
  return marking;
}

bool RemarkConcerns(const wire::Viewer& viewer, const wire::Marking& before, const wire::Marking& after) {
  return wire::EntitledTo(viewer, before) != wire::EntitledTo(viewer, after);
}

RemarkedClasses AddRemark(Batch& batch, const KeyTable& keys, Audience& audience, uint64_t hub_seq,
                          const wire::Marking& before, const wire::Marking& after) {
  batch.writes.Put(Family::kMeta, RemarkKey(hub_seq), EncodeMarking(before));
  wire::Bytes notice = wire::BuildRemarked(hub_seq);
  std::string frame(reinterpret_cast<const char*>(notice.data()), notice.size());
  RemarkedClasses classes;
  for (const auto& [role, participant] : audience.ViewerClasses(keys)) {
    wire::Viewer viewer{participant, role};
    if (!RemarkConcerns(viewer, before, after)) continue;
    batch.events.push_back({ClassTopic(role, participant) + "remarked", 0, frame});
    std::string name = std::string(RoleName(role)) + "." + participant;
    (wire::EntitledTo(viewer, before) ? classes.narrowed : classes.widened).push_back(std::move(name));
  }
  return classes;
}

void AddScopeFlip(Batch& batch, const KeyTable& keys, Audience& audience, uint64_t hub_seq,
                  const std::vector<std::string>& participants) {
  batch.writes.Put(Family::kMeta, ScopeFlipKey(hub_seq), JoinWords(participants));
  wire::Bytes notice = wire::BuildRemarked(hub_seq);
  std::string frame(reinterpret_cast<const char*>(notice.data()), notice.size());
  for (const auto& [role, participant] : audience.ViewerClasses(keys)) {
    if (role == wire::ClientRole::Console) continue;
    if (std::find(participants.begin(), participants.end(), participant) == participants.end()) continue;
    batch.events.push_back({ClassTopic(role, participant) + "remarked", 0, frame});
  }
}

namespace {

// Replay's side of AddScopeFlip: the notice a JointOperation version at hub_seq owes this viewer.
std::string ScopeFlipFor(StoreReader& store, const wire::Viewer& viewer, uint64_t hub_seq,
                         std::vector<uint64_t>& out) {
  if (viewer.role == wire::ClientRole::Console) return "";
  Lookup record = store.Get(Family::kMeta, ScopeFlipKey(hub_seq));
  if (!record.status.ok()) return record.status.message();
  if (!record.value) return "";
  for (const std::string& participant : SplitWords(*record.value)) {
    if (participant == viewer.participant) {
      out.push_back(hub_seq);
      break;
    }
  }
  return "";
}

}  // namespace

std::string RemarksFor(StoreReader& store, const wire::Viewer& viewer, uint64_t hub_seq, std::string_view event_frame,
                       std::vector<uint64_t>& out) {
  // The log holds Frame{Event} bytes the hub itself verified and wrote.
  const wire::Event* event = wire::GetFrame(event_frame.data())->body_as_Event();
  if (event == nullptr || event->envelope() == nullptr) return "";
  const auto* envelope = flatbuffers::GetRoot<wire::Envelope>(event->envelope()->data());
  if (wire::HasParent(envelope->payload_type())) return "";  // only item versions re-mark
  if (envelope->payload_type() == wire::Payload::JointOperation) {
    std::string failed = ScopeFlipFor(store, viewer, hub_seq, out);
    if (!failed.empty() || (!out.empty() && out.back() == hub_seq)) return failed;
  }
  Lookup record = store.Get(Family::kMeta, RemarkKey(hub_seq));
  if (!record.status.ok()) return record.status.message();
  if (!record.value) return "";
  std::optional<wire::Marking> before = DecodeMarking(*record.value);
  if (!before) return "unreadable re-marking record at " + std::to_string(hub_seq);
  wire::Marking after = wire::MarkingOf(*envelope);
  if (after.distribution == wire::Distribution::Operation) after.roster = LoadRoster(store, hub_seq);
  // Both judged with the scope open: a scope's closing is its own notice (AddScopeFlip).
  before->scope_open = after.scope_open = true;
  if (RemarkConcerns(viewer, *before, after)) out.push_back(hub_seq);
  return "";
}

}  // namespace opsroom::hub
