// The planner's operation editor (console/model/operation_form.h holds its
// rules): the form, the area drawn on the map, the crossing points picked
// from data/places.tsv, and what the hub said of the version sent. UI thread.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawOperationEditorWindow(ViewContext& ctx);
// Loads an operation into the editor for its next version and opens it.
void EditOperation(ViewContext& ctx, const OperationValue& operation);
// On the map: the area being drawn and the picked places.
void DrawOperationDraft(ImDrawList* draw, const ViewContext& ctx);
// A click on the map while the area is being drawn: left adds a point, right
// removes the last. True when the editor took the click.
bool EditorTakesMapClick(ViewContext& ctx, bool hovered);

}  // namespace opsroom::console
