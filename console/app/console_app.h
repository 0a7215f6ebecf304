// opsroom-console's main loop: one frame = take events from the source, apply
// them within a time budget, refresh the model, draw every window, render,
// and (with --screenshot) write the picture. Main thread only.
#pragma once
#include <functional>

#include "console/app/app_options.h"

namespace opsroom::console {

class ConsoleModel;

struct FrameSample {
  int frame = 0;
  double frame_ms = 0;    // whole frame, event handling to present
  double apply_ms = 0;    // applying events and refreshing the model
  std::size_t applied = 0;
};

struct AppHooks {
  // Called after every frame (benchmarks), with the model as it was drawn.
  std::function<void(const FrameSample&, ConsoleModel&)> on_frame;
};

// Runs until the window closes, --frames or --screenshot end it. Returns the
// process exit code (0 ok, 1 runtime failure).
int RunConsole(const AppOptions& options, const AppHooks& hooks = {});

}  // namespace opsroom::console
