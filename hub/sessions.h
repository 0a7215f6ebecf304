// Client sessions keyed by ROUTER routing id: opened by Hello, refreshed by any
// frame, expired after peer_expiry_ms of silence. Bounded. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "frame_generated.h"

namespace opsroom::hub {

struct Session {
  std::string node_id;
  std::string country;
  wire::ClientRole role = wire::ClientRole::NationalNode;
  std::string software_version;
  int64_t opened_ms = 0;
  int64_t last_seen_ms = 0;
};

class SessionTable {
 public:
  explicit SessionTable(std::size_t capacity) : capacity_(capacity) {}

  enum class OpenOutcome { kOpened, kReplaced, kFull };
  // A Hello from `peer`; replaces that peer's session (reconnect).
  OpenOutcome Open(std::string_view peer, Session session);
  Session* Find(std::string_view peer);
  // Removes sessions silent for more than expiry_ms; returns how many.
  std::size_t Expire(int64_t now_ms, uint32_t expiry_ms);
  std::size_t size() const { return by_peer_.size(); }
  bool HasNode(std::string_view node_id) const;
  void ForEach(const std::function<void(const std::string& peer, const Session&)>& visit) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::size_t capacity_;
  std::unordered_map<std::string, Session, Hash, std::equal_to<>> by_peer_;
};

}  // namespace opsroom::hub
