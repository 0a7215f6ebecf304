// opsroom-console's main loop: one frame = take events from the source, apply
// them within a time budget, refresh the model, draw every window, render,
// and (with --screenshot) write the picture. Main thread only.
#pragma once
#include <functional>

#include "console/app/app_options.h"

namespace opsroom::console {

class ConsoleModel;

class ConsoleView;

struct FrameSample {
  int frame = 0;
  double frame_ms = 0;  // whole frame, event handling to present (wall clock)
  double cpu_ms = 0;    // CPU time of the whole process in that frame (llvmpipe's threads included)
  double apply_ms = 0;  // applying events and refreshing the model
  std::size_t applied = 0;
  std::size_t pending = 0;  // events still waiting after the frame
};

struct AppHooks {
  // Called before each frame is drawn (benchmarks pan the map here).
  std::function<void(int frame, ConsoleView&)> before_draw;
  // Called after every frame, with the model as it was drawn. When set, the
  // --frames summary is left to the caller.
  std::function<void(const FrameSample&, ConsoleModel&)> on_frame;
};

// Runs until the window closes, --frames or --screenshot end it. Returns the
// process exit code (0 ok, 1 runtime failure).
int RunConsole(const AppOptions& options, const AppHooks& hooks = {});

}  // namespace opsroom::console
