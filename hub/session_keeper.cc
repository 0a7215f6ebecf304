#include "hub/session_keeper.h"

#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

SessionKeeper::SessionKeeper(const HubConfig& config, Stats& stats, Refuser& refuser)
    : config_(config), stats_(stats), refuser_(refuser), table_(config.max_sessions) {}

bool SessionKeeper::Authenticate(FrameContext& frame, std::string_view user_id, std::string_view key,
                                 std::vector<Reply>& replies) {
  frame.keys = registry_->Current();
  const KeyEntry* entry = user_id.empty() ? nullptr : frame.keys->FindByNode(user_id);
  if (entry != nullptr && entry->public_key == key) {
    frame.identity = entry;
    frame.actor = entry->node_id;
    return true;
  }
  refuser_.Refuse(frame, 0, 0, wire::RejectReason::Unauthenticated,
                  user_id.empty()
                      ? "no authenticated identity on this connection (CURVE and a registered key are required)"
                      : "the key of " + std::string(user_id) + " is no longer in the hub's key registry",
                  replies);
  return false;
}

bool SessionKeeper::HelloMatchesIdentity(const FrameContext& frame, const wire::Hello& hello,
                                         std::vector<Reply>& replies) {
  const KeyEntry* identity = frame.identity;
  if (identity == nullptr) return true;
  if (View(hello.node_id()) == identity->node_id && View(hello.country()) == identity->country &&
      hello.role() == identity->role) {
    return true;
  }
  refuser_.Refuse(frame, 0, 0, wire::RejectReason::OriginMismatch,
                  "Hello as " + std::string(View(hello.node_id())) + "/" + std::string(View(hello.country())) + "/" +
                      RoleName(hello.role()) + " on a connection authenticated as " + identity->node_id + "/" +
                      identity->country + "/" + RoleName(identity->role),
                  replies);
  return false;
}

bool SessionKeeper::Open(const FrameContext& frame, const wire::Hello& hello, std::vector<Reply>& replies) {
  if (hello.protocol_version() != wire::kProtocolVersion) {
    refuser_.Refuse(frame, 0, 0, wire::RejectReason::VersionMismatch,
                    "this hub speaks protocol version " + std::to_string(wire::kProtocolVersion) + ", not " +
                        std::to_string(hello.protocol_version()),
                    replies);
    return false;
  }
  if (!HelloMatchesIdentity(frame, hello, replies)) return false;
  Session session{std::string(View(hello.node_id())),
                  std::string(View(hello.country())),
                  hello.role(),
                  std::string(View(hello.software_version())),
                  frame.now_ms,
                  frame.now_ms};
  if (table_.Open(frame.peer, std::move(session)) == SessionTable::OpenOutcome::kFull) {
    refuser_.Refuse(frame, 0, 0, wire::RejectReason::Overloaded,
                    "the hub holds its maximum of " + std::to_string(config_.max_sessions) + " sessions", replies);
    return false;
  }
  stats_.Set(Counter::kSessions, static_cast<int64_t>(table_.size()));
  return true;
}

void SessionKeeper::Expire(int64_t now_ms) {
  table_.Expire(now_ms, config_.peer_expiry_ms);
  stats_.Set(Counter::kSessions, static_cast<int64_t>(table_.size()));
}

}  // namespace opsroom::hub
