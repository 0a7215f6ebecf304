// Frame time of opsroom-console with N live alerts: the real window, view and
// OpenGL renderer over a synthetic source (no hub), glFinish every frame.
// Three runs: a still map, a map panned every 30 frames (--pan-every; each
// pan re-renders the cached static layer; 1 is a continuous drag), and the
// attention queue walked a row per frame as an operator's j key would (the
// queue window is open in every run unless --queue-closed; its size is printed). Prints wall-clock frame time (median,
// p99) and the process's CPU time per frame (UI thread + llvmpipe's threads), which does not depend on how busy the
// machine is. Run under Xvfb for Mesa's llvmpipe:
//   xvfb-run -a -s "-screen 0 1600x900x24" console_frame_bench --alerts 50000 --frames 600
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "console/app/console_app.h"
#include "console/model/console_model.h"
#include "console/view/console_view.h"

namespace {

using namespace opsroom::console;

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * (values.size() - 1) + 0.5)];
}

enum class Mode { kStill, kPanning, kWalkingQueue };

bool g_queue_closed = false;  // --queue-closed: the baseline without the Attention window

int Run(std::size_t alerts, int frames, double rate, int pan_every, Mode mode) {
  AppOptions options;
  options.demo_alerts = alerts;
  options.demo_rate = rate;
  options.max_frames = frames;
  options.vsync = false;
  options.finish_each_frame = true;  // time what llvmpipe did too
  options.ini_path = "none";
  std::vector<double> wall, cpu;
  std::size_t in_model = 0, in_queue = 0;
  AppHooks hooks;
  hooks.before_draw = [&](int frame, ConsoleView& view) {
    if (g_queue_closed) view.state().show_windows[kAttentionWindow] = false;
    if (mode == Mode::kPanning && pan_every > 0 && frame % pan_every == 0) {
      view.state().viewport.Pan(frame % (2 * pan_every) ? 40.0f : -40.0f, 0);
    }
    if (mode == Mode::kWalkingQueue) {
      view.state().attention_row = frame % std::max<std::size_t>(1, in_queue);
      view.state().attention_id.clear();
      view.state().scroll_attention = true;
    }
  };
  hooks.on_frame = [&](const FrameSample& sample, ConsoleModel& model) {
    in_model = model.alerts().size();
    in_queue = model.attention().items().size();
    if (sample.pending > 0 || in_model < alerts) return;  // still loading the picture
    wall.push_back(sample.frame_ms);
    cpu.push_back(sample.cpu_ms);
  };
  int code = RunConsole(options, hooks);
  if (code != 0) return code;
  const char* name = mode == Mode::kStill ? "still map" : mode == Mode::kPanning ? "panning  " : "queue j  ";
  std::printf(
      "%6zu alerts, %5zu in queue, %s: %zu frames | wall median %6.2f ms p99 %6.2f ms | CPU/frame median %6.2f ms p99 "
      "%6.2f ms\n",
      in_model, in_queue, name, wall.size(), Percentile(wall, 0.5), Percentile(wall, 0.99), Percentile(cpu, 0.5),
      Percentile(cpu, 0.99));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t alerts = 50'000;
  int frames = 600;
  double rate = 20;
  int pan_every = 30;
  for (int i = 1; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--queue-closed") {
      g_queue_closed = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) flag = "--help";
    if (flag == "--alerts") alerts = std::strtoull(argv[i + 1], nullptr, 10);
    else if (flag == "--frames") frames = std::atoi(argv[i + 1]);
    else if (flag == "--rate") rate = std::atof(argv[i + 1]);
    else if (flag == "--pan-every") pan_every = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: console_frame_bench [--alerts N] [--frames N] [--rate NEW_ALERTS_PER_S] [--pan-every "
                   "FRAMES] [--queue-closed]\n");
      return 2;
    }
  }
  if (int code = Run(alerts, frames, rate, pan_every, Mode::kStill)) return code;
  if (int code = Run(alerts, frames, rate, pan_every, Mode::kPanning)) return code;
  return Run(alerts, frames, rate, pan_every, Mode::kWalkingQueue);
}
