// Plain C++ values the console model is built from: copies of what the hub
// sent (alerts, actions, watchlist entries, operations, sitreps, hub status)
// and of what the link reports. Made on the network thread (or by a synthetic
// feed), moved through a queue, applied on the UI thread.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "console/model/marking.h"
#include "console/model/projection.h"
#include "console/model/types.h"

namespace opsroom::console {

// What the hub stamped on a stored message, and who sent it.
struct EventMeta {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string origin;   // node id, "ME-BP"
  std::string country;  // participant code, "ME"
  // Part of the initial snapshot: snapshot events come in the snapshot's
  // order (state by state), not hub order; hub order holds after it.
  bool from_snapshot = false;
  Marking marking = {};  // the envelope's handling and evaluation grade
};

struct AlertValue {
  EventMeta meta;
  std::string alert_id;
  Severity severity = Severity::kRoutine;
  CrimeArea crime_area = CrimeArea::kUnspecified;
  std::string title;
  std::string body;
  bool has_position = false;  // from the message, or resolved from place_code
  LatLon position;
  std::string place_code;
  std::string place_name;  // the place's Latin name, resolved from place_code
  int64_t observed_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::string operation_code;
  std::vector<std::string> references;  // "SIS: 1234"
  AlertStatus status = AlertStatus::kOpen;
};

struct ActionValue {
  EventMeta meta;
  std::string alert_id;
  ActionKind kind = ActionKind::kComment;
  std::string actor;
  int64_t at_ms = 0;
  std::string assignee;
  std::string text;
};

struct WatchValue {
  EventMeta meta;
  std::string entry_id;
  uint32_t revision = 0;
  WatchKind kind = WatchKind::kPerson;
  std::string name_original;
  std::string name_latin;
  std::vector<std::string> aliases;
  std::string date_of_birth;
  std::string nationality;
  std::vector<std::string> document_numbers;
  std::string plate, vin, imo, container_number, phone;
  std::string reason;
  CrimeArea crime_area = CrimeArea::kUnspecified;
  ActionRequested action = ActionRequested::kDiscreetCheck;
  int64_t valid_from_ms = 0;
  int64_t valid_until_ms = 0;
  bool removed = false;
};

struct OperationValue {
  EventMeta meta;
  std::string code;
  std::string name;
  std::string lead;
  std::vector<std::string> participants;
  std::vector<CrimeArea> crime_areas;
  std::vector<LatLon> area;  // polygon, implicitly closed
  std::vector<std::string> place_codes;
  int64_t starts_at_ms = 0;
  int64_t ends_at_ms = 0;
  OperationPhase phase = OperationPhase::kPlanned;
  uint32_t report_every_minutes = 0;  // a sitrep due from each participant this often; 0: no rhythm
};

struct SeizureValue {
  Commodity commodity = Commodity::kOther;
  double quantity = 0;
  Unit unit = Unit::kPieces;
};

struct SitRepValue {
  EventMeta meta;
  std::string operation_code;
  std::string reporting_country;
  int64_t period_start_ms = 0;
  int64_t period_end_ms = 0;
  uint32_t persons_checked = 0;
  uint32_t vehicles_checked = 0;
  uint32_t migrants_detected = 0;
  uint32_t facilitators_arrested = 0;
  uint32_t victims_identified = 0;
  uint32_t other_arrests = 0;
  uint32_t refusals_of_entry = 0;
  std::vector<SeizureValue> seizures;
  std::string remarks;
};

struct NodeValue {
  std::string node_id;
  std::string country;
  bool connected = false;
  int64_t last_heartbeat_ms = 0;  // hub clock; 0: never
  uint32_t outbox_depth = 0;
  int64_t oldest_unsent_age_ms = 0;
  uint32_t messages_last_minute = 0;
  uint64_t last_node_seq = 0;
  std::string software_version;
};

struct HubStatusValue {
  int64_t at_ms = 0;  // hub clock
  std::string hub_id;
  uint64_t hub_seq = 0;
  std::vector<NodeValue> nodes;
  bool durable = true;
  std::string store_error;
};

struct LinkValue {
  HubLink state = HubLink::kConnecting;
  std::string detail;  // e.g. why the operator's publisher is down
};

struct SnapshotDoneValue {
  uint64_t hub_seq = 0;
};

// The hub's sequence went back (it was restored from a backup): everything
// built from events above hub_seq is gone from the hub, and new events will
// reuse those sequences. Comes before the snapshot that rebuilds the state.
struct HubRewoundValue {
  uint64_t applied_seq = 0;  // the last sequence applied before the rewind
  uint64_t hub_seq = 0;      // where the restored hub stands
  std::string detail;        // what to tell the operator
};

// What became of an action this console's operator sent.
struct ActionOutcomeValue {
  std::string alert_id;  // or the hit_id of a hit decision
  ActionKind kind = ActionKind::kComment;
  bool accepted = false;
  uint64_t hub_seq = 0;
  std::string reason;  // why the hub refused it
};

// A signed audit head the subscriber checked (docs/protocol.md 7.1), or why
// it refused one (another key, a rollback, a second history).
struct AuditHeadValue {
  uint64_t records = 0;  // audit records the hub vouches for
  uint64_t hub_seq = 0;
  int64_t at_ms = 0;    // hub clock when signed
  std::string refused;  // empty: accepted
};

// Hits (docs/protocol.md section 14); the enums mirror the schema's.
enum class HitCopy : uint8_t { kFull, kRedacted };
enum class HitSource : uint8_t { kCheck, kAlert, kEntry };
enum class ReasonOutcome : uint8_t { kAgreed, kDisagreed, kMissing };
enum class HitVerdict : uint8_t { kConfirm, kReject };

struct HitReasonValue {
  std::string key;  // "tokens", "dob", "plate"...
  ReasonOutcome outcome = ReasonOutcome::kMissing;
  std::string entry_value;  // original script
  std::string seen_value;
  std::string normalized;  // transliteration / normalised comparison
};

struct HitValue {
  EventMeta meta;
  std::string hit_id;
  HitCopy copy = HitCopy::kFull;
  std::string entry_id;
  uint32_t entry_revision = 0;
  std::string entry_owner;
  WatchKind entry_kind = WatchKind::kPerson;
  HitSource source = HitSource::kCheck;
  std::string source_id;
  std::string checking_node;
  std::string place_code;
  std::string place_name;
  bool has_position = false;  // from the hit, or resolved from place_code
  LatLon position;
  int64_t seen_at_ms = 0;
  WatchKind subject_kind = WatchKind::kPerson;
  std::string subject_name;
  std::string subject_detail;  // date of birth, nationality, identifiers, as seen
  float score = 0;
  std::vector<HitReasonValue> why;
  ActionRequested action = ActionRequested::kDiscreetCheck;
  std::string entry_reason;
  int64_t answer_by_ms = 0;
};

struct HitDecisionValue {
  EventMeta meta;
  std::string hit_id = {};
  HitVerdict verdict = HitVerdict::kConfirm;
  std::string actor;
  int64_t at_ms = 0;
  std::string comment;
};

// The hub's escalation of a hit still undecided at its answer_by (section 15).
struct HitEscalationValue {
  EventMeta meta;
  std::string hit_id;
  int64_t at_ms = 0;  // the deadline that passed
  std::string text;
};

// The shift handover (docs/desk.md section 6); the kinds mirror the schema's.
enum class HandoverItemKind : uint8_t { kFlashAlert, kUrgentAlert, kPendingHit, kOverdueAnswer, kSilentNode, kActiveOperation };
inline constexpr int kHandoverItemKindCount = 6;

struct HandoverItemValue {
  HandoverItemKind kind = HandoverItemKind::kFlashAlert;
  std::string item_id;
  std::string title;
  std::string assignee;  // who holds it; empty: nobody
  int64_t since_ms = 0;  // hub clock
  bool operator==(const HandoverItemValue&) const = default;
};

struct HandoverValue {
  EventMeta meta;
  std::string handover_id;  // effective id
  std::string from_officer;
  std::string note;
  int64_t written_at_ms = 0;
  std::vector<HandoverItemValue> items;
  uint32_t items_left_out = 0;
};

struct HandoverAckValue {
  EventMeta meta;
  std::string handover_id;  // effective id
  std::string officer;
  int64_t at_ms = 0;
  std::string comment;
};

using ConsoleEvent =
    std::variant<AlertValue, ActionValue, WatchValue, OperationValue, SitRepValue, HubStatusValue, LinkValue,
                 SnapshotDoneValue, ActionOutcomeValue, HubRewoundValue, AuditHeadValue, HitValue, HitDecisionValue,
                 HitEscalationValue, HandoverValue, HandoverAckValue>;

// An action the operator asks for; the network thread turns it into an
// AlertAction envelope under the operator's identity.
struct ActionRequest {
  std::string alert_id;
  ActionKind kind = ActionKind::kComment;
  std::string assignee;
  std::string text;
};

// The operator confirms or rejects a hit; the network thread turns it into a
// HitDecision envelope under the operator's identity.
struct HitDecisionRequest {
  std::string hit_id;
  HitVerdict verdict = HitVerdict::kConfirm;
  std::string comment;
  std::string owner_country;  // the decision is Restricted to the entry owner's participant (and the room)
};

// The outgoing officer hands the shift over (handover_id: a new one, see
// NewHandoverId), or the incoming officer acknowledges one (ack: the
// handover's effective id, and the note as the acknowledgement's comment).
struct HandoverRequest {
  bool ack = false;
  std::string handover_id;
  std::string note;  // the handover's note, or the acknowledgement's comment
  std::vector<HandoverItemValue> items;
  uint32_t items_left_out = 0;
};

}  // namespace opsroom::console
