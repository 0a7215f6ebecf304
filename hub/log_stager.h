// Stages entries of the hub's log into the batch being built: the entry's
// Frame{Event} under its hub_seq, the topics it fans out under, and who wrote
// it, noted for its batch's audit record (hub/audit_writes.h). Two kinds of entry:
//  - a node's message, once the publish check accepted it (StageMessage): it
//    also owes its sender an ack, routed apart from the entry;
//  - an entry the hub writes itself (StageHubEntry): a hit today, deadline
//    escalations and expiry. It comes from no session's
//    frame: claim a sequence, build the envelope, stage it.
// Owned by the hub's core; used on the loop thread.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audience.h"
#include "hub/audit_trail.h"
#include "hub/batch_in_hand.h"
#include "hub/frame_context.h"
#include "hub/key_registry.h"
#include "hub/log_position.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"

namespace opsroom::hub {

// An entry the hub itself appends to the log.
struct HubEntry {
  uint64_t hub_seq = 0;  // from LogPosition::Claim(), before the envelope is built
  int64_t now_ms = 0;
  wire::ByteView envelope;      // a verified-by-construction Envelope the hub built
  std::string_view family;      // topic family ("hit", ...)
  std::string_view origin;      // the hub's origin name for this kind of entry
  std::string_view audit_kind;  // the audit record's kind
  AuditFields audit;            // its fields; "topics" is added here
};

class LogStager {
 public:
  LogStager(BatchInHand& batches, AuditTrail& audit, Audience& audience, LogPosition& position)
      : batches_(batches), audit_(audit), audience_(audience), position_(position) {}

  // Secure mode: entries fan out by audience topic.
  void SetRegistry(const KeyRegistry* registry) { registry_ = registry; }

  // A message the publish check accepted (its state writes already staged):
  // logged under the next hub_seq, which it returns. `new_item`: the check
  // found no record of the item it is a version of (not in flight, not stored).
  uint64_t StageMessage(const FrameContext& frame, const wire::CheckedEnvelope& checked, bool new_item = false);
  void StageHubEntry(const HubEntry& entry);

 private:
  // The log Put and the events that publish it, in hub order.
  void StageEvent(uint64_t hub_seq, const wire::Bytes& event);
  // Secure mode: an item version, for Batch::item_versions.
  void NoteItemVersion(const wire::Envelope& envelope);

  BatchInHand& batches_;
  AuditTrail& audit_;
  Audience& audience_;
  LogPosition& position_;
  const KeyRegistry* registry_ = nullptr;
  std::vector<std::string> topics_;  // scratch
};

// The topic family of a payload ("alert", "action", ...).
std::string_view TopicFamily(wire::Payload payload);

}  // namespace opsroom::hub
