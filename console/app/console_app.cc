#include "console/app/console_app.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <optional>

#include "console/app/event_source.h"
#include "console/app/gl_canvas.h"
#include "console/app/gl_window.h"
#include "console/app/screenshot.h"
#include "console/model/console_model.h"
#include "console/view/console_view.h"
#include "console/view/fonts.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

// Events are applied for at most this long per frame; the rest waits for the
// next frame, so a 50,000-event snapshot does not freeze the screen.
constexpr double kApplyBudgetMs = 8.0;

using Clock = std::chrono::steady_clock;

// CPU time of the whole process (the UI thread and llvmpipe's rasteriser
// threads): a frame cost that does not depend on how busy the machine is.
double ProcessCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int64_t WallMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string IniPath(const AppOptions& options) {
  if (options.ini_path == "none") return "";
  if (!options.screenshot_path.empty() && options.ini_path.empty()) return "";  // screenshots: default layout
  std::string path = options.ini_path.empty() ? DefaultIniPath() : options.ini_path;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  return path;
}

std::unique_ptr<EventSource> MakeSource(const AppOptions& options) {
  if (options.demo_alerts > 0 || options.hub_endpoint.empty()) {
    return std::make_unique<DemoSource>(options.demo_alerts, options.demo_rate, options.operator_name);
  }
  return MakeHubSource(options.hub_endpoint, options.fanout_endpoint, options.operator_name);
}

// Applies queued events until the budget is spent; returns how many.
std::size_t ApplyWithBudget(std::deque<ConsoleEvent>* pending, ConsoleModel* model, int64_t now_ms) {
  Clock::time_point start = Clock::now();
  std::size_t applied = 0;
  while (!pending->empty()) {
    model->Apply(pending->front(), now_ms);
    pending->pop_front();
    if (++applied % 256 == 0 && MsSince(start) > kApplyBudgetMs) break;
  }
  return applied;
}

bool SaveScreenshot(const AppOptions& options, const GlWindow& window, const ConsoleView& view,
                    const ConsoleModel& model) {
  ScreenshotInfo info;
  std::vector<unsigned char> pixels = window.ReadPixels(&info.width, &info.height);
  info.map = view.viewport().screen();
  info.view_center = view.viewport().center();
  info.view_zoom = view.viewport().zoom();
  info.alerts = model.alerts().size();
  info.hub_seq = model.link().last_seq;
  info.link = HubLinkName(model.link().state);
  bool ok = WritePng(options.screenshot_path, info.width, info.height, pixels) &&
            WriteScreenshotInfo(options.screenshot_path + ".json", info);
  std::fprintf(ok ? stdout : stderr, "%s %s (%dx%d, %zu alerts, hub seq %llu, link %s)\n",
               ok ? "wrote" : "could not write", options.screenshot_path.c_str(), info.width, info.height,
               info.alerts, static_cast<unsigned long long>(info.hub_seq), info.link.c_str());
  return ok;
}

void PrintFrameTimes(const char* what, std::vector<double> times, const ConsoleModel& model) {
  std::sort(times.begin(), times.end());
  auto at = [&](double p) { return times[static_cast<std::size_t>(p * (times.size() - 1) + 0.5)]; };
  std::printf("%s: %zu frames with no events waiting, %zu alerts: median %.2f ms, p99 %.2f ms, max %.2f ms\n", what,
              times.size(), model.alerts().size(), at(0.5), at(0.99), times.back());
}

// --select: opens the console on an alert as soon as it is in the model.
void SelectRequested(const std::string& wanted, ConsoleModel& model, ConsoleView& view, bool* done) {
  if (*done || wanted.empty() || model.link().state != HubLink::kLive) return;
  std::optional<uint32_t> index = wanted == "flash" ? model.alerts().newest_open_flash() : model.alerts().Find(wanted);
  if (!index) return;
  view.state().selected = *index;
  view.state().scroll_feed_to_selected = true;
  *done = true;
}

}  // namespace

int RunConsole(const AppOptions& options, const AppHooks& hooks) {
  std::unique_ptr<EventSource> source = MakeSource(options);
  if (!source) {
    std::fprintf(stderr, "opsroom-console: built without the network layer; use --demo\n");
    return 1;
  }
  GlWindow window;
  std::string ini = IniPath(options);
  if (!window.Open(options.width, options.height, "opsroom console", options.vsync, ini.empty() ? nullptr : ini.c_str())) {
    std::fprintf(stderr, "opsroom-console: %s\n", window.error().c_str());
    return 1;
  }
  ApplyTheme(&ImGui::GetStyle());
  FontLoad fonts = options.font_path.empty() ? LoadFonts(ImGui::GetIO().Fonts) : LoadFonts(ImGui::GetIO().Fonts, options.font_path);
  if (!fonts.warning.empty()) std::fprintf(stderr, "opsroom-console: %s\n", fonts.warning.c_str());
  GlCanvas canvas;
  ViewConfig config;
  config.operator_name = options.operator_name;
  config.send_action = [&source](const ActionRequest& request) { source->Submit(request); };
  config.canvas = canvas.Init() ? &canvas : nullptr;
  config.blend_off = GlBlendOff;
  config.fonts = fonts.fonts;
  config.hub_endpoint = options.hub_endpoint.empty() ? "demo (synthetic)" : options.hub_endpoint;
  ConsoleModel model;
  ConsoleView view(config);
  std::deque<ConsoleEvent> pending;
  std::vector<ConsoleEvent> incoming;
  Clock::time_point started = Clock::now();
  double last_frame_ms = 0;
  int exit_code = 0;
  bool selected = false;
  std::vector<double> frame_times;  // reported with --frames
  std::vector<double> cpu_times;    // the part before rendering
  std::vector<double> process_cpu_times;
  for (int frame = 0; !window.ShouldClose(); ++frame) {
    Clock::time_point frame_start = Clock::now();
    double cpu_start = ProcessCpuMs();
    int64_t now = WallMs();
    incoming.clear();
    source->Take(&incoming, now);
    for (auto& event : incoming) pending.push_back(std::move(event));
    std::size_t applied = ApplyWithBudget(&pending, &model, now);
    model.Refresh(now);
    SelectRequested(options.select_alert, model, view, &selected);
    double apply_ms = MsSince(frame_start);
    FrameInfo info{now, static_cast<float>(last_frame_ms), source->stats()};
    info.feed.queued += pending.size();
    window.BeginFrame();
    if (hooks.before_draw) hooks.before_draw(frame, view);
    view.Draw(model, info);
    double draw_ms = MsSince(frame_start);
    window.Render(options.finish_each_frame);
    bool shoot = !options.screenshot_path.empty() && MsSince(started) >= options.screenshot_after_s * 1000.0;
    if (shoot) {
      exit_code = SaveScreenshot(options, window, view, model) ? 0 : 1;
    }
    window.Present();
    last_frame_ms = MsSince(frame_start);
    if (options.max_frames > 0 && pending.empty()) {
      frame_times.push_back(last_frame_ms);
      cpu_times.push_back(draw_ms);
      process_cpu_times.push_back(ProcessCpuMs() - cpu_start);
    }
    if (hooks.on_frame) {
      hooks.on_frame(FrameSample{frame, last_frame_ms, ProcessCpuMs() - cpu_start, apply_ms, applied, pending.size()},
                     model);
    }
    if (shoot || (options.max_frames > 0 && frame + 1 >= options.max_frames)) break;
  }
  if (!ini.empty()) ImGui::SaveIniSettingsToDisk(ini.c_str());
  if (!frame_times.empty() && !hooks.on_frame) {
    PrintFrameTimes("frame", frame_times, model);
    PrintFrameTimes("model+ImGui (no GL)", cpu_times, model);
    PrintFrameTimes("process CPU per frame (all threads)", process_cpu_times, model);
    std::printf("static map layer rendered %llu times\n", static_cast<unsigned long long>(view.stats().static_layer_builds));
  }
  return exit_code;
}

}  // namespace opsroom::console
