// The room's current state as plain C++ values, built from accepted events
// (live, replayed or from a snapshot) with the state rules of docs/protocol.md
// section 6. Applying is idempotent: an event not newer than what an entity
// already reflects is ignored, so snapshot + replay + live overlap is harmless.
// Not thread-safe: one owner (a test, the chaos harness).
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"
#include "wire/frame_check.h"

namespace opsroom::nodes {

// Where an entity's current version came from.
struct EventOrigin {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string origin;          // node id
  uint64_t envelope_hash = 0;  // FNV-1a of the envelope bytes as stored
};

struct ActionRecord {
  EventOrigin source;
  AlertActionSpec action;
};

struct AlertRecord {
  EventOrigin source;  // latest Alert version; hub_seq 0 while only actions are known
  EnvelopeHeader header;
  AlertSpec alert;
  wire::AlertStatus status = wire::AlertStatus::Open;
  uint64_t status_seq = 0;  // the event that set `status`
  std::string assignee;     // from the latest Assign in hub order
  uint64_t assignee_seq = 0;
  std::map<uint64_t, ActionRecord> actions;  // by hub_seq: hub order
};

struct WatchRecord {
  EventOrigin source;
  EnvelopeHeader header;
  WatchlistEntrySpec entry;
};

struct OperationRecord {
  EventOrigin source;
  EnvelopeHeader header;
  JointOperationSpec operation;
};

struct SitRepRecord {
  EventOrigin source;
  EnvelopeHeader header;
  SitRepSpec sitrep;
};

enum class ApplyOutcome { kApplied, kIgnoredOld, kUnknownPayload };

class StateMirror {
 public:
  ApplyOutcome Apply(const wire::CheckedEvent& event);
  ApplyOutcome Apply(uint64_t hub_seq, int64_t hub_time_ms, const wire::Envelope& envelope,
                     std::span<const uint8_t> envelope_bytes);

  // A deterministic fingerprint of the current state (entities, their
  // versions by hub_seq and envelope bytes, derived status). Two mirrors that
  // reflect the same state have the same digest, whatever path they took.
  uint64_t Digest() const;
  // The lines the digest is computed from, for readable test failures.
  std::vector<std::string> DigestLines() const;

  // Keyed by effective id (wire/item_id.h): "ME-BP:A-1" also for an alert sent as "A-1".
  const std::map<std::string, AlertRecord>& alerts() const { return alerts_; }
  const std::map<std::string, WatchRecord>& watchlist() const { return watchlist_; }  // removed entries excluded
  const std::map<std::string, OperationRecord>& operations() const { return operations_; }
  const std::map<uint64_t, SitRepRecord>& sitreps() const { return sitreps_; }  // by hub_seq

  uint64_t max_hub_seq() const { return max_hub_seq_; }  // highest hub_seq applied
  uint64_t applied() const { return applied_; }
  uint64_t ignored() const { return ignored_; }

 private:
  ApplyOutcome ApplyAlert(const EventOrigin& source, EnvelopeHeader header, AlertSpec alert);
  ApplyOutcome ApplyAction(const EventOrigin& source, AlertActionSpec action);
  ApplyOutcome ApplyWatch(const EventOrigin& source, EnvelopeHeader header, WatchlistEntrySpec entry);
  ApplyOutcome ApplyOperation(const EventOrigin& source, EnvelopeHeader header, JointOperationSpec op);
  ApplyOutcome ApplySitRep(const EventOrigin& source, EnvelopeHeader header, SitRepSpec sitrep);

  std::map<std::string, AlertRecord> alerts_;
  std::map<std::string, WatchRecord> watchlist_;
  std::map<std::string, uint64_t> removed_watch_seq_;  // tombstones: entry_id -> hub_seq of the removal
  std::map<std::string, OperationRecord> operations_;
  std::map<uint64_t, SitRepRecord> sitreps_;
  uint64_t max_hub_seq_ = 0;
  uint64_t applied_ = 0;
  uint64_t ignored_ = 0;
};

// FNV-1a 64-bit.
uint64_t Fnv1a64(std::span<const uint8_t> bytes, uint64_t seed = 14695981039346656037ULL);

}  // namespace opsroom::nodes
