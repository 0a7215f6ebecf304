// The attention queue window (docs/desk.md section 1): one row per item that
// needs a person now, with why, how long it waited, its deadline clock and
// its marking; the keyboard cursor's row is highlighted. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawAttentionWindow(ViewContext& ctx);

// The queue's row under the keyboard cursor (nullptr: the queue is empty);
// keeps the cursor on its item (by id) as rows come and go.
const AttentionItem* CursorItem(ViewContext& ctx);

// What an item is called in the queue: the alert's title, the hit's subject
// in the chosen script, the node's id.
std::string AttentionTitle(ViewContext& ctx, const AttentionItem& item);

}  // namespace opsroom::console
