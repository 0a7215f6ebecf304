// Which (participant, role) pairs an identity may have (docs/protocol.md
// section 10.2): the only identities the need-to-know table defines. The key
// tool refuses to register any other pair, the hub refuses such a registry
// line, and the entitlement rule grants nothing to one. Pure; thread-safe.
#pragma once
#include <string>
#include <string_view>

#include "frame_generated.h"

namespace opsroom::wire {

// national: a section 9 national participant or a neighbouring state;
// partner: a partner agency; console and planner: the room (OPSROOM).
bool IsAllowedIdentity(std::string_view participant, ClientRole role);

// Why a pair is refused, naming the table, e.g. "participant AL may not hold
// role console: ...". Empty for an allowed pair.
std::string IdentityRefusal(std::string_view participant, ClientRole role);

}  // namespace opsroom::wire
