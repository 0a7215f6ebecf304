// The alert status rule (docs/protocol.md, AlertAction): what each action does
// to an alert's status. One rule for the hub (state_merge), the node library's
// state mirror and the console's alert store, so that the three always agree.
#pragma once
#include <optional>

#include "alert_generated.h"

namespace opsroom::wire {

// The status an action of `kind` sets, whatever the alert's status was; nullopt
// for an action that leaves the status alone (Comment).
std::optional<AlertStatus> StatusSetBy(ActionKind kind);

// The status an alert in `current` has after an action of `kind`.
AlertStatus StatusAfter(AlertStatus current, ActionKind kind);

}  // namespace opsroom::wire
