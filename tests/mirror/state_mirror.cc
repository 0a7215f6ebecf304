#include "tests/mirror/state_mirror.h"

#include <algorithm>

#include "wire/alert_status.h"
#include "wire/item_id.h"

namespace opsroom::nodes {

namespace {

std::string SourceText(const EventOrigin& s) {
  return std::to_string(s.hub_seq) + " " + s.origin + " " + std::to_string(s.envelope_hash);
}

}  // namespace

uint64_t Fnv1a64(std::span<const uint8_t> bytes, uint64_t seed) {
  uint64_t hash = seed;
  for (uint8_t b : bytes) {
    hash ^= b;
    hash *= 1099511628211ULL;
  }
  return hash;
}

ApplyOutcome StateMirror::Apply(const wire::CheckedEvent& event) {
  return Apply(event.hub_seq, event.hub_time_ms, *event.envelope, event.envelope_bytes);
}

ApplyOutcome StateMirror::Apply(uint64_t hub_seq, int64_t hub_time_ms, const wire::Envelope& envelope,
                                std::span<const uint8_t> envelope_bytes) {
  auto spec = ReadEnvelope(envelope);
  if (!spec) return ApplyOutcome::kUnknownPayload;
  EventOrigin source{hub_seq, hub_time_ms, spec->header.origin, Fnv1a64(envelope_bytes)};
  ApplyOutcome outcome = ApplyOutcome::kUnknownPayload;
  std::visit(
      [&](auto&& payload) {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, AlertSpec>) outcome = ApplyAlert(source, spec->header, std::move(payload));
        if constexpr (std::is_same_v<T, AlertActionSpec>) outcome = ApplyAction(source, std::move(payload));
        if constexpr (std::is_same_v<T, WatchlistEntrySpec>)
          outcome = ApplyWatch(source, spec->header, std::move(payload));
        if constexpr (std::is_same_v<T, JointOperationSpec>)
          outcome = ApplyOperation(source, spec->header, std::move(payload));
        if constexpr (std::is_same_v<T, SitRepSpec>) outcome = ApplySitRep(source, spec->header, std::move(payload));
      },
      std::move(spec->payload));
  if (outcome == ApplyOutcome::kApplied) {
    ++applied_;
    max_hub_seq_ = std::max(max_hub_seq_, hub_seq);
  } else if (outcome == ApplyOutcome::kIgnoredOld) {
    ++ignored_;
  }
  return outcome;
}

ApplyOutcome StateMirror::ApplyAlert(const EventOrigin& source, EnvelopeHeader header, AlertSpec alert) {
  AlertRecord& record = alerts_[wire::EffectiveId(source.origin, alert.alert_id)];
  if (source.hub_seq <= record.source.hub_seq) return ApplyOutcome::kIgnoredOld;
  record.source = source;
  record.header = std::move(header);
  record.alert = std::move(alert);
  if (source.hub_seq > record.status_seq) {  // a later action keeps its effect
    record.status = record.alert.status;
    record.status_seq = source.hub_seq;
  }
  return ApplyOutcome::kApplied;
}

ApplyOutcome StateMirror::ApplyAction(const EventOrigin& source, AlertActionSpec action) {
  AlertRecord& record = alerts_[wire::EffectiveId(source.origin, action.alert_id)];
  if (record.actions.count(source.hub_seq) != 0) return ApplyOutcome::kIgnoredOld;
  auto effect = wire::StatusSetBy(action.kind);
  if (effect && source.hub_seq > record.status_seq) {
    record.status = *effect;
    record.status_seq = source.hub_seq;
  }
  if (action.kind == wire::ActionKind::Assign && source.hub_seq > record.assignee_seq) {
    record.assignee = action.assignee;
    record.assignee_seq = source.hub_seq;
  }
  record.actions.emplace(source.hub_seq, ActionRecord{source, std::move(action)});
  return ApplyOutcome::kApplied;
}

ApplyOutcome StateMirror::ApplyWatch(const EventOrigin& source, EnvelopeHeader header, WatchlistEntrySpec entry) {
  const std::string id = wire::EffectiveId(source.origin, entry.entry_id);
  auto active = watchlist_.find(id);
  auto removed = removed_watch_seq_.find(id);
  uint64_t current = std::max(active == watchlist_.end() ? 0 : active->second.source.hub_seq,
                              removed == removed_watch_seq_.end() ? 0 : removed->second);
  if (source.hub_seq <= current) return ApplyOutcome::kIgnoredOld;
  if (entry.removed) {
    if (active != watchlist_.end()) watchlist_.erase(active);
    removed_watch_seq_[id] = source.hub_seq;
    return ApplyOutcome::kApplied;
  }
  if (removed != removed_watch_seq_.end()) removed_watch_seq_.erase(removed);
  watchlist_[id] = WatchRecord{source, std::move(header), std::move(entry)};
  return ApplyOutcome::kApplied;
}

ApplyOutcome StateMirror::ApplyOperation(const EventOrigin& source, EnvelopeHeader header, JointOperationSpec op) {
  std::string code = wire::EffectiveId(source.origin, op.code);
  auto it = operations_.find(code);
  if (it != operations_.end() && source.hub_seq <= it->second.source.hub_seq) return ApplyOutcome::kIgnoredOld;
  operations_[code] = OperationRecord{source, std::move(header), std::move(op)};
  return ApplyOutcome::kApplied;
}

ApplyOutcome StateMirror::ApplySitRep(const EventOrigin& source, EnvelopeHeader header, SitRepSpec sitrep) {
  if (sitreps_.count(source.hub_seq) != 0) return ApplyOutcome::kIgnoredOld;
  sitreps_.emplace(source.hub_seq, SitRepRecord{source, std::move(header), std::move(sitrep)});
  return ApplyOutcome::kApplied;
}

std::vector<std::string> StateMirror::DigestLines() const {
  std::vector<std::string> lines;
  for (const auto& [id, a] : alerts_) {
    lines.push_back("alert " + id + " @" + SourceText(a.source) + " status=" + wire::EnumNameAlertStatus(a.status) +
                    "/" + std::to_string(a.status_seq) + " assignee=" + a.assignee);
    for (const auto& [seq, action] : a.actions) lines.push_back("  action @" + SourceText(action.source));
  }
  for (const auto& [id, w] : watchlist_) lines.push_back("watch " + id + " @" + SourceText(w.source));
  for (const auto& [code, o] : operations_) lines.push_back("operation " + code + " @" + SourceText(o.source));
  for (const auto& [seq, s] : sitreps_) lines.push_back("sitrep @" + SourceText(s.source));
  return lines;
}

uint64_t StateMirror::Digest() const {
  uint64_t hash = 14695981039346656037ULL;
  for (const std::string& line : DigestLines()) {
    hash = Fnv1a64({reinterpret_cast<const uint8_t*>(line.data()), line.size()}, hash);
    hash = Fnv1a64({reinterpret_cast<const uint8_t*>("\n"), 1}, hash);
  }
  return hash;
}

}  // namespace opsroom::nodes
