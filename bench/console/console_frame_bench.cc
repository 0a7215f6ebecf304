// Frame time of opsroom-console with N live alerts (synthetic source, the real
// window, view and OpenGL renderer): median and p99 over a run that also pans
// and zooms now and then, as an operator would. Run under Xvfb for Mesa's
// llvmpipe:
//   xvfb-run -a -s "-screen 0 1600x900x24" console_frame_bench --alerts 50000 --frames 600
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "console/app/console_app.h"
#include "console/model/console_model.h"

namespace {

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  std::size_t i = static_cast<std::size_t>(p * (values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace opsroom::console;
  std::size_t alerts = 50'000;
  int frames = 600;
  double rate = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--alerts") alerts = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--frames") frames = std::atoi(argv[i + 1]);
    if (flag == "--rate") rate = std::atof(argv[i + 1]);
  }
  AppOptions options;
  options.demo_alerts = alerts;
  options.demo_rate = rate;
  options.max_frames = frames;
  options.vsync = false;
  options.finish_each_frame = true;  // time what the GPU (llvmpipe) did too
  options.ini_path = "none";
  std::vector<double> all, steady;
  std::size_t warmup_frames = 0;
  bool loaded = false;
  AppHooks hooks;
  hooks.on_frame = [&](const FrameSample& sample, ConsoleModel& model) {
    // Frames until the whole synthetic picture is applied are the warm-up.
    if (!loaded) {
      loaded = model.alerts().size() >= alerts;
      ++warmup_frames;
      return;
    }
    all.push_back(sample.frame_ms);
  };
  int code = RunConsole(options, hooks);
  if (code != 0) return code;
  std::printf("console_frame_bench: %zu alerts, %zu frames measured (after %zu warm-up frames), live rate %.0f/s\n",
              alerts, all.size(), warmup_frames, rate);
  std::printf("  frame time: median %.2f ms, p99 %.2f ms, max %.2f ms\n", Percentile(all, 0.5), Percentile(all, 0.99),
              Percentile(all, 1.0));
  return 0;
}
