// The console's own section of ImGui's ini file ("[Opsroom][Console]"), so
// filters, sort order and the map view survive a restart with the layout.
// UI thread only.
#pragma once

namespace opsroom::console {

class ConsoleView;

void RegisterSettingsHandler(ConsoleView* view);
void UnregisterSettingsHandler();

}  // namespace opsroom::console
