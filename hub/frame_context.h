// Who sent the frame in hand and when, for everything its judgement writes
// (denials, write records, topics). Made by the hub's core per frame; in
// secure mode it carries the connection's registry entry and the registry
// version it was checked against.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hub/key_registry.h"

namespace opsroom::hub {

struct FrameContext {
  std::string_view peer;
  std::string actor = "?";  // the session's or identity's node id, for the audit
  int64_t now_ms = 0;
  const KeyEntry* identity = nullptr;      // secure mode: the authenticated identity
  std::shared_ptr<const KeyTable> keys{};  // secure mode: the registry version of this frame
};

}  // namespace opsroom::hub
