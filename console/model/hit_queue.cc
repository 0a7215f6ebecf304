#include "console/model/hit_queue.h"

#include <algorithm>
#include <tuple>

#include "console/model/deadlines.h"

namespace opsroom::console {

int UrgencyRank(ActionRequested action) {
  switch (action) {
    case ActionRequested::Arrest: return 5;
    case ActionRequested::RefuseEntry: return 4;
    case ActionRequested::Seize: return 3;
    case ActionRequested::SpecificCheck: return 2;
    case ActionRequested::DiscreetCheck: return 1;
    case ActionRequested::InformOwner: return 0;
  }
  return 0;
}

std::string AnswerByText(int64_t answer_by_ms, int64_t now_ms) { return ClockText(answer_by_ms, now_ms); }

void HitQueue::Apply(const HitValue& hit) {
  auto [it, inserted] = rows_.try_emplace(hit.hit_id);
  HitRow& row = it->second;
  // The room receives both copies of a redacted hit: the Full one tells more.
  if (inserted || row.hit.copy == HitCopy::Redacted) row.hit = hit;
  if (inserted) {
    ++open_;
    if (auto early = early_decisions_.find(hit.hit_id); early != early_decisions_.end()) {
      HitDecisionValue decision = early->second;
      early_decisions_.erase(early);
      Apply(decision);
    }
    if (auto early = early_escalations_.find(hit.hit_id); early != early_escalations_.end()) {
      HitEscalationValue escalation = early->second;
      early_escalations_.erase(early);
      Apply(escalation);
    }
  }
  ++revision_;
  Trim();
}

void HitQueue::Apply(const HitDecisionValue& decision) {
  auto it = rows_.find(decision.hit_id);
  if (it == rows_.end()) {
    if (early_decisions_.size() < kMaxHits) early_decisions_[decision.hit_id] = decision;
    return;
  }
  HitRow& row = it->second;
  if (!row.decided) --open_;
  row.decided = true;
  row.verdict = decision.verdict;
  row.decided_by = decision.actor;
  row.decided_at_ms = decision.at_ms;
  ++revision_;
}

void HitQueue::Apply(const HitEscalationValue& escalation) {
  auto it = rows_.find(escalation.hit_id);
  if (it == rows_.end()) {
    if (early_escalations_.size() < kMaxHits) early_escalations_[escalation.hit_id] = escalation;
    return;
  }
  it->second.escalated_at_ms = escalation.meta.hub_time_ms;
  ++revision_;
}

ClockState HitClock(const HitRow& row, int64_t hub_now_ms, int amber_percent) {
  if (row.decided) return ClockState::kNone;
  if (row.escalated_at_ms != 0) return ClockState::kRed;
  return ClockAt(row.hit.meta.hub_time_ms, row.hit.answer_by_ms, hub_now_ms, amber_percent);
}

void HitQueue::Clear() {
  rows_.clear();
  early_decisions_.clear();
  early_escalations_.clear();
  open_ = 0;
  ++revision_;
}

void HitQueue::Trim() {
  if (rows_.size() <= kMaxHits) return;
  // The oldest decided hit goes first; with none decided, the oldest.
  auto key = [](const HitRow& row) { return std::make_pair(!row.decided, row.hit.meta.hub_seq); };
  auto victim = std::min_element(rows_.begin(), rows_.end(),
                                 [&](const auto& a, const auto& b) { return key(a.second) < key(b.second); });
  if (!victim->second.decided) --open_;
  rows_.erase(victim);
}

const std::vector<const HitRow*>& HitQueue::Ordered() const {
  if (order_.revision == revision_) return order_.rows;
  order_.rows.clear();
  for (const auto& [id, row] : rows_) order_.rows.push_back(&row);
  std::sort(order_.rows.begin(), order_.rows.end(), [](const HitRow* a, const HitRow* b) {
    auto key = [](const HitRow* r) {
      int64_t due = r->hit.answer_by_ms == 0 ? INT64_MAX : r->hit.answer_by_ms;
      return std::make_tuple(r->decided, -UrgencyRank(r->hit.action), due, -static_cast<int64_t>(r->hit.meta.hub_seq));
    };
    return key(a) < key(b);
  });
  order_.revision = revision_;
  return order_.rows;
}

const HitRow* HitQueue::Find(const std::string& hit_id) const {
  auto it = rows_.find(hit_id);
  return it == rows_.end() ? nullptr : &it->second;
}

std::vector<HitMarker> HitQueue::Markers() const {
  std::vector<HitMarker> markers;
  for (const auto& [id, row] : rows_) {
    if (!row.decided && row.hit.position) markers.push_back({*row.hit.position, id, row.hit.action});
  }
  return markers;
}

}  // namespace opsroom::console
