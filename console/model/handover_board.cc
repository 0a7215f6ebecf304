#include "console/model/handover_board.h"

namespace opsroom::console {

void HandoverBoard::Apply(const HandoverValue& handover) {
  auto [it, inserted] = by_id_.try_emplace(handover.handover_id);
  if (!inserted) by_seq_.erase(it->second.handover.meta.hub_seq);  // the hub logs an id once; keep the newest
  it->second.handover = handover;
  by_seq_[handover.meta.hub_seq] = handover.handover_id;
  while (by_id_.size() > kMaxHandovers) {
    by_id_.erase(by_seq_.begin()->second);
    by_seq_.erase(by_seq_.begin());
  }
  ++revision_;
}

void HandoverBoard::Apply(const HandoverAckValue& ack) {
  auto it = by_id_.find(ack.handover_id);
  if (it == by_id_.end()) {
    ++unknown_acks_;
    return;
  }
  HandoverRecord& record = it->second;
  record.acknowledged = true;
  record.acknowledged_by = ack.officer;
  record.acknowledged_from = ack.meta.origin;
  record.acknowledged_at_ms = ack.at_ms;
  ++revision_;
}

void HandoverBoard::Clear() {
  by_id_.clear();
  by_seq_.clear();
  ++revision_;
}

const HandoverRecord* HandoverBoard::Latest() const {
  if (by_seq_.empty()) return nullptr;
  return Find(by_seq_.rbegin()->second);
}

const HandoverRecord* HandoverBoard::Find(const std::string& handover_id) const {
  auto it = by_id_.find(handover_id);
  return it == by_id_.end() ? nullptr : &it->second;
}

}  // namespace opsroom::console
