// The shift handovers this console received (docs/desk.md section 6), each
// with its acknowledgement once one arrives: the latest is what the incoming
// officer reads and acknowledges, and while it is unacknowledged it stands in
// the attention queue. Bounded: past kMaxHandovers the oldest go first.
// UI thread only.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "console/model/events.h"

namespace opsroom::console {

struct HandoverRecord {
  HandoverValue handover;
  bool acknowledged = false;
  std::string acknowledged_by;  // the incoming officer
  std::string acknowledged_from;  // the console's node id
  int64_t acknowledged_at_ms = 0;
};

class HandoverBoard {
 public:
  static constexpr std::size_t kMaxHandovers = 1000;

  void Apply(const HandoverValue& handover);
  // An acknowledgement of a handover not held (trimmed, or a bug upstream) is counted and dropped.
  void Apply(const HandoverAckValue& ack);
  void Clear();

  // The one logged last (highest hub_seq); nullptr when none.
  const HandoverRecord* Latest() const;
  const HandoverRecord* Find(const std::string& handover_id) const;
  std::size_t size() const { return by_id_.size(); }
  uint64_t unknown_acks() const { return unknown_acks_; }
  uint64_t revision() const { return revision_; }

 private:
  std::map<std::string, HandoverRecord> by_id_;
  std::map<uint64_t, std::string> by_seq_;  // hub_seq -> handover_id, oldest first
  uint64_t unknown_acks_ = 0;
  uint64_t revision_ = 0;
};

}  // namespace opsroom::console
