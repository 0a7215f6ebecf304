// Raises hits (hub/matching/hit_engine.h): after each accepted message, the
// hits it raises are staged right behind it in the same batch as entries the
// hub writes itself (LogStager::StageHubEntry), so that they are derived in
// the commit order and stored in the log (replay, snapshot and every follower
// see the same hits). Owns the hit engine. Owned by the hub's core.
#pragma once
#include <cstdint>
#include <vector>

#include "hub/audit_trail.h"
#include "hub/batch_in_hand.h"
#include "hub/config.h"
#include "hub/frame_context.h"
#include "hub/log_position.h"
#include "hub/log_stager.h"
#include "hub/matching/hit_engine.h"
#include "hub/matching/hit_store.h"
#include "hub/stats.h"

namespace opsroom::hub {

class HitRaiser {
 public:
  HitRaiser(const HubConfig& config, Stats& stats, BatchInHand& batches, AuditTrail& audit, LogPosition& position,
            LogStager& stager);

  // The engine's entries and hits from the store (at open, after a failed batch).
  StoreStatus Load(StoreReader& store);
  // SIGHUP: the Checks a new watchlist entry is matched against (matching::ChangeWindow).
  StoreStatus SetWindow(StoreReader& store, int64_t window_ms) {
    return matching::ChangeWindow(store, hits_, window_ms);
  }
  // A message accepted under hub_seq: a HitDecision's record, and the hits it raises.
  void OnAccepted(const FrameContext& frame, const wire::CheckedEnvelope& checked, uint64_t hub_seq);
  const matching::HitEngine& engine() const { return hits_; }

 private:
  void AuditDecision(const FrameContext& frame, const wire::HitDecision& decision, uint64_t hub_seq);
  void Raise(const matching::HitDraft& draft, int64_t now_ms);
  void StageHit(const wire::Bytes& envelope, uint64_t hub_seq, int64_t now_ms);

  const HubConfig& config_;
  Stats& stats_;
  BatchInHand& batches_;
  AuditTrail& audit_;
  LogPosition& position_;
  LogStager& stager_;
  matching::HitEngine hits_;
  std::vector<uint64_t> aligned_scratch_;  // reused: one allocation per message was measurable (issue 16)
};

}  // namespace opsroom::hub
