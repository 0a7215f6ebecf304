// The counters of one joint operation in the operations window: per country
// and in total, since the start and for the current (UTC) day, each
// participant's "last reported" clock, and a per-hour chart of the day.
// Reads the model each frame; keeps only which figure the chart shows.
#pragma once
#include "console/model/operations_board.h"
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawOperationCounters(ViewContext& ctx, const OperationRecord& record);

}  // namespace opsroom::console
