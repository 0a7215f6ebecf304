// The publish check's rule for an envelope shared with an operation's
// participants (docs/protocol.md section 10.5): the operation exists and the
// sender may see it, it is not Closed, and the sender takes part in it.
// Used on the hub's loop thread.
#pragma once
#include "envelope_generated.h"
#include "hub/audience.h"
#include "hub/sessions.h"
#include "hub/state_merge.h"

namespace opsroom::hub {

// Accepted (code None) for every envelope that is not Operation-marked.
MergeDecision CheckOperationScope(Audience& audience, const wire::Envelope& envelope, const Session& session,
                                  bool secure);

}  // namespace opsroom::hub
