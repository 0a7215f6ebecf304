#include "hub/sessions.h"

namespace opsroom::hub {

SessionTable::OpenOutcome SessionTable::Open(std::string_view peer, Session session) {
  auto it = by_peer_.find(peer);
  if (it != by_peer_.end()) {
    it->second = std::move(session);
    return OpenOutcome::kReplaced;
  }
  if (by_peer_.size() >= capacity_) return OpenOutcome::kFull;
  by_peer_.emplace(std::string(peer), std::move(session));
  return OpenOutcome::kOpened;
}

Session* SessionTable::Find(std::string_view peer) {
  auto it = by_peer_.find(peer);
  return it == by_peer_.end() ? nullptr : &it->second;
}

std::size_t SessionTable::Expire(int64_t now_ms, uint32_t expiry_ms) {
  return std::erase_if(by_peer_, [&](const auto& entry) { return now_ms - entry.second.last_seen_ms > expiry_ms; });
}

bool SessionTable::HasNode(std::string_view node_id) const {
  for (const auto& [peer, session] : by_peer_) {
    if (session.node_id == node_id) return true;
  }
  return false;
}

void SessionTable::ForEach(const std::function<void(const std::string&, const Session&)>& visit) const {
  for (const auto& [peer, session] : by_peer_) visit(peer, session);
}

}  // namespace opsroom::hub
