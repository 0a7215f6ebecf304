// The check side of a Publish: judge the message against the current state
// (the store plus every batch not yet committed) and, when it is accepted,
// stage its writes into the batch being built. Origin, role, node_seq order
// and dedupe, sender claims, held copies, need-to-know, the state rules
// (state_merge.h). Writes nothing but the batch and the answers; a replicated
// hub runs this on its leader only. Owned by the hub's core.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audience.h"
#include "hub/batch_in_hand.h"
#include "hub/frame_context.h"
#include "hub/hit_raiser.h"
#include "hub/in_flight.h"
#include "hub/log_position.h"
#include "hub/log_stager.h"
#include "hub/node_table.h"
#include "hub/refusal.h"
#include "hub/sessions.h"
#include "hub/state_merge.h"
#include "hub/stats.h"
#include "hub/store.h"

namespace opsroom::hub {

// The parts of the hub a check reads and stages into.
struct CheckParts {
  Store& store;
  Stats& stats;
  NodeTable& nodes;
  Audience& audience;
  BatchInHand& batches;
  LogPosition& position;
  LogStager& stager;
  HitRaiser& hits;
  Refuser& refuser;
};

class PublishCheck {
 public:
  explicit PublishCheck(const CheckParts& parts) : parts_(parts) {}
  // False for a store created with namespaced ids (kMetaNamespacedIds): a new
  // item then needs no lookup under its bare id (hub/legacy_ids.h).
  void SetBareIdsPossible(bool possible) { bare_ids_possible_ = possible; }

  // One Publish from a session: accepted (staged, acked once durable), acked
  // as a duplicate, or refused into `replies`.
  void OnPublish(const FrameContext& frame, const Session& session, const wire::CheckedEnvelope& checked,
                 std::vector<Reply>& replies);

 private:
  void AckIfDuplicate(const FrameContext& frame, const wire::Envelope& resend, std::vector<Reply>& replies);
  // The message_id stored under hub_seq (in a batch in flight or in the
  // store); nullopt when the event is gone (retention) or unreadable.
  std::optional<std::string> StoredMessageId(uint64_t hub_seq);
  // The Frame{Event} bytes of hub_seq, from a batch in flight or the store.
  std::optional<std::string> EventBytes(uint64_t hub_seq);
  // A report the hub already holds (hub/held_copy.h), judged and acknowledged
  // as a duplicate of the held one (held_copy_ack.cc).
  std::optional<uint64_t> FindHeldCopyOf(const wire::Envelope& envelope, const std::optional<EntityRecord>& current);
  void AckHeldCopy(const FrameContext& frame, NodeEntry& node, const wire::Envelope& envelope, uint64_t held_hub_seq);
  // The entity's record including every accepted, not yet committed message.
  EntityLookup FindEntity(const StateRef& ref, const std::string& overlay_key);

  CheckParts parts_;
  bool bare_ids_possible_ = true;
};

// A new node_seq refused with a 5xx code will be resent; until it is stored,
// a later node_seq from its origin must not be, or the resend would be stale.
void HoldLaterSeqs(NodeEntry& node, uint64_t node_seq, wire::RejectReason code);

}  // namespace opsroom::hub
