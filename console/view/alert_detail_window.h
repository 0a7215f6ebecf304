// The selected alert in full, its history of actions, and the operator's
// actions on it (acknowledge, assign, comment, escalate, close, reopen), each
// sent to the hub as an AlertAction. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawAlertDetailWindow(ViewContext& ctx);

}  // namespace opsroom::console
