// The owner of client sessions: authenticates every frame's connection
// against the current key registry (secure mode), opens a session on Hello
// (protocol version, the identity the connection proved), expires silent
// ones. The frame check and HubStatus read sessions through it; nothing else
// opens or closes one. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "hub/config.h"
#include "hub/frame_context.h"
#include "hub/key_registry.h"
#include "hub/refusal.h"
#include "hub/sessions.h"
#include "hub/stats.h"

namespace opsroom::hub {

class SessionKeeper {
 public:
  SessionKeeper(const HubConfig& config, Stats& stats, Refuser& refuser);

  // Secure mode: identities come from the registry.
  void SetRegistry(const KeyRegistry* registry) { registry_ = registry; }
  bool secure() const { return registry_ != nullptr; }

  // Secure mode: the connection's ZAP User-Id and key must still be in the
  // registry (ZAP ran at the handshake only). Fills frame.identity, keys and
  // actor; false (and a refusal) when they are not.
  bool Authenticate(FrameContext& frame, std::string_view user_id, std::string_view key, std::vector<Reply>& replies);
  // A Hello: true when the session is open (the caller sends Welcome).
  bool Open(const FrameContext& frame, const wire::Hello& hello, std::vector<Reply>& replies);
  Session* Find(std::string_view peer) { return table_.Find(peer); }
  void Expire(int64_t now_ms);
  const SessionTable& table() const { return table_; }

 private:
  bool HelloMatchesIdentity(const FrameContext& frame, const wire::Hello& hello, std::vector<Reply>& replies);

  const HubConfig& config_;
  Stats& stats_;
  Refuser& refuser_;
  const KeyRegistry* registry_ = nullptr;
  SessionTable table_;
};

}  // namespace opsroom::hub
