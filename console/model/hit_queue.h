// The hits queue: every hit this console received (a Full copy replaces a
// Redacted one of the same hit), its decision, the order an operator works
// them in (open first; the most urgent action, then the nearest answer-by,
// then the newest), the answer-by countdown and the map's hit markers.
// Bounded: past kMaxHits the oldest decided hits go first. UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "console/model/deadlines.h"
#include "console/model/events.h"

namespace opsroom::console {

struct HitRow {
  HitValue hit;
  bool decided = false;
  HitVerdict verdict = HitVerdict::Confirm;
  std::string decided_by;
  int64_t decided_at_ms = 0;
  int64_t escalated_at_ms = 0;  // hub time of the hub's HitEscalation; 0: none
};

// Arrest and refusal of entry cannot wait; informing the owner can.
int UrgencyRank(ActionRequested action);

// As ClockText: "11h 59m left", "overdue 5:00"; "" without an answer-by time.
std::string AnswerByText(int64_t answer_by_ms, int64_t now_ms);

// The hit's answer clock at hub time, as the attention queue's (deadlines.h):
// from its arrival to its answer_by; red once the hub escalated it; kNone when decided.
ClockState HitClock(const HitRow& row, int64_t hub_now_ms, int amber_percent);

struct HitMarker {
  LatLon position;
  std::string hit_id;
  ActionRequested action = ActionRequested::DiscreetCheck;
};

class HitQueue {
 public:
  static constexpr std::size_t kMaxHits = 20'000;

  void Apply(const HitValue& hit);
  void Apply(const HitDecisionValue& decision);
  void Apply(const HitEscalationValue& escalation);
  void Clear();

  // The order to work them in; recomputed only when the queue changed.
  const std::vector<const HitRow*>& Ordered() const;
  const HitRow* Find(const std::string& hit_id) const;
  // Open hits with a place, for the map.
  std::vector<HitMarker> Markers() const;
  std::size_t size() const { return rows_.size(); }
  std::size_t open_count() const { return open_; }
  uint64_t revision() const { return revision_; }

 private:
  void Trim();

  std::map<std::string, HitRow> rows_;                       // by hit_id
  std::map<std::string, HitDecisionValue> early_decisions_;  // decisions seen before their hit (snapshot order)
  std::map<std::string, HitEscalationValue> early_escalations_;  // likewise
  std::size_t open_ = 0;
  uint64_t revision_ = 0;
  // Pointers into rows_: a copy (a replay keyframe) starts without them.
  struct OrderCache {
    std::vector<const HitRow*> rows;
    uint64_t revision = ~0ull;
    OrderCache() = default;
    OrderCache(const OrderCache&) {}
    OrderCache& operator=(const OrderCache&) {
      rows.clear();
      revision = ~0ull;
      return *this;
    }
  };
  mutable OrderCache order_;
};

}  // namespace opsroom::console
