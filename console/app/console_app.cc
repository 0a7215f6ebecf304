#include "console/app/console_app.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <optional>

#include "console/app/event_source.h"
#include "wire/audit_head.h"
#include "console/app/gl_canvas.h"
#include "console/app/gl_window.h"
#include "console/app/screenshot.h"
#include "console/model/console_model.h"
#include "console/model/replay_session.h"
#include "console/net/console_link.h"
#include "console/net/frame_pacer.h"
#include "console/view/console_view.h"
#include "console/view/fonts.h"
#include "console/view/operation_editor_window.h"
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

// nullptr with `error` set when the key files cannot be used.
std::unique_ptr<EventSource> MakeSource(const AppOptions& options, std::string* error) {
  if (options.demo_alerts > 0 || options.hub_endpoint.empty()) {
    return std::make_unique<DemoSource>(options.demo_alerts, options.demo_rate, options.operator_name);
  }
  HubSourceConfig config{options.hub_endpoint, options.fanout_endpoint, options.operator_name, options.node_id, {}};
  config.other_hubs = options.other_hubs;
  config.wake = [] { GlWindow::Wake(); };
  config.planner = options.planner;
  if (!options.key_file.empty()) {
    auto keys = wire::LoadClientKeys(options.key_file, options.hub_key);
    if (!keys) return *error = keys.rejection().text, nullptr;
    config.curve = keys.value();
    if (config.node_id.empty()) config.node_id = wire::NodeIdOfKeyFile(options.key_file);
  }
  if (!options.audit_key.empty()) {
    auto audit_key = wire::AuditPublicKeyFrom(options.audit_key);
    if (!audit_key) return *error = "--audit-key: " + audit_key.rejection().text, nullptr;
    config.audit_public_key = audit_key.value();
  }
  return MakeHubSource(config);
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
               ok ? "wrote" : "could not write", options.screenshot_path.c_str(), info.width, info.height, info.alerts,
               static_cast<unsigned long long>(info.hub_seq), info.link.c_str());
  return ok;
}

// Frame-time figures printed at exit with --frames (when no hook takes them).
class FrameReport {
 public:
  void Add(double wall_ms, double ui_ms, double cpu_ms) {
    wall_.push_back(wall_ms);
    ui_.push_back(ui_ms);
    cpu_.push_back(cpu_ms);
  }
  void Print(const ConsoleModel& model, uint64_t static_builds) const {
    if (wall_.empty()) return;
    Line("frame (wall clock)", wall_, model);
    Line("model + ImGui, before GL", ui_, model);
    Line("process CPU per frame, all threads", cpu_, model);
    std::printf("static map layer rendered %llu times\n", static_cast<unsigned long long>(static_builds));
  }

 private:
  static void Line(const char* what, std::vector<double> times, const ConsoleModel& model) {
    std::sort(times.begin(), times.end());
    auto at = [&](double p) { return times[static_cast<std::size_t>(p * (times.size() - 1) + 0.5)]; };
    std::printf("%s: %zu frames with no events waiting, %zu alerts: median %.2f ms, p99 %.2f ms, max %.2f ms\n", what,
                times.size(), model.alerts().size(), at(0.5), at(0.99), times.back());
  }
  std::vector<double> wall_, ui_, cpu_;
};

// --select: opens the console on an alert as soon as it is in the model.
void SelectRequested(const std::string& wanted, ConsoleModel& model, ConsoleView& view, bool* done) {
  if (*done || wanted.empty() || model.link().state != LinkState::kLive) return;
  std::optional<uint32_t> index = wanted == "flash" ? model.alerts().newest_open_flash() : model.alerts().Find(wanted);
  if (!index) return;
  view.state().selected = *index;
  view.state().scroll_feed_to_selected = true;
  *done = true;
}

// One console session: the frame loop over a window, a source, the model and the view.
class Session {
 public:
  Session(const AppOptions& options, const AppHooks& hooks, EventSource& source, GlWindow& window,
          ViewConfig config)
      : options_(options), hooks_(hooks), source_(source), window_(window), view_(WithReplay(std::move(config))) {
    model_.set_deadlines(options.deadlines);
    OpenRequested(options.open_windows, view_.state());
    if (options.replay_at_ms != 0) EnterReplay();
  }

  int Run() {
    started_ = Clock::now();
    for (int frame = 0; !window_.ShouldClose(); ++frame) {
      if (frame > 0) BetweenFrames();
      if (Frame(frame)) break;
    }
    if (!hooks_.on_frame) report_.Print(model_, view_.stats().static_layer_builds);
    return exit_code_;
  }

 private:
  // Returns true when the session should end.
  bool Frame(int frame) {
    Clock::time_point start = Clock::now();
    double cpu_start = ProcessCpuMs();
    int64_t now = WallMs();
    std::size_t applied = TakeAndApply(now);
    ReplayTurn(now);
    double apply_ms = MsSince(start);
    FrameInfo info{now, static_cast<float>(last_frame_ms_), source_.stats()};
    info.feed.queued += pending_.size();
    info.picture_epoch = replay_.epoch() * 2 + (replay_.active() ? 1 : 0);
    if (replay_.active()) info.now_ms = replay_.at_ms();
    window_.BeginFrame();
    if (hooks_.before_draw) hooks_.before_draw(frame, view_);
    view_.Draw(replay_.active() ? replay_.model() : model_, info);
    double ui_ms = MsSince(start);
    window_.Render(options_.finish_each_frame);
    bool shoot = !options_.screenshot_path.empty() && MsSince(started_) >= options_.screenshot_after_s * 1000.0;
    if (shoot) exit_code_ = SaveScreenshot(options_, window_, view_, model_) ? 0 : 1;
    Clock::time_point drawn = Clock::now();
    window_.Present();
    pacer_.FramePresented(start, drawn - start, Clock::now());
    last_frame_ms_ = MsSince(start);
    double cpu_ms = ProcessCpuMs() - cpu_start;
    if (options_.max_frames > 0 && pending_.empty()) report_.Add(last_frame_ms_, ui_ms, cpu_ms);
    if (hooks_.on_frame) {
      hooks_.on_frame(FrameSample{frame, last_frame_ms_, cpu_ms, apply_ms, applied, pending_.size()}, model_);
    }
    return shoot || (options_.max_frames > 0 && frame + 1 >= options_.max_frames);
  }

  // Until the next frame is due: sleeps, and wakes on input or when events
  // arrive, which go into the model at once (docs/desk.md, "Latency").
  void BetweenFrames() {
    pacer_.WaitForNextFrame([this](FramePacer::Clock::duration timeout) { window_.WaitEvents(timeout); },
                            [this] {
                              applied_between_frames_ += TakeEvents(WallMs());
                              return !pending_.empty();
                            });
  }

  // Into the model, within the apply budget; returns how many.
  std::size_t TakeEvents(int64_t now) {
    incoming_.clear();
    source_.Take(&incoming_, now);
    for (auto& event : incoming_) pending_.push_back(std::move(event));
    return ApplyWithBudget(&pending_, &model_, now);
  }

  std::size_t TakeAndApply(int64_t now) {
    std::size_t applied = TakeEvents(now) + applied_between_frames_;
    applied_between_frames_ = 0;
    model_.Refresh(now);
    SelectRequested(options_.select_alert, model_, view_, &selected_);
    EditRequested();
    return applied;
  }

  ViewConfig WithReplay(ViewConfig config) {
    config.replay = &replay_;
    config.enter_replay = [this] { EnterReplay(); };
    config.leave_replay = [this] { leave_requested_ = true; };
    return config;
  }

  void EnterReplay() {
    source_.StartHistory();
    enter_requested_ = true;
  }

  // Between frames: the log fetched since the last frame goes into the
  // archive; a requested entry or exit happens; a playing replay moves on.
  void ReplayTurn(int64_t now) {
    history_.clear();
    source_.TakeHistory(&history_);
    for (ConsoleEvent& event : history_) {
      if (std::holds_alternative<HubRewoundValue>(event)) {  // the hub's log went back: so does ours
        replay_.Leave();
        replay_.archive().Clear();
      }
      replay_.archive().Append(std::move(event));
    }
    if (leave_requested_) replay_.Leave();
    leave_requested_ = false;
    // --replay-at waits for the log to reach the live picture; the key and
    // the menu enter at once, at the latest moment fetched so far.
    bool fetched = !replay_.archive().empty() &&
                   (options_.replay_at_ms == 0 || replay_.archive().last_seq() >= model_.link().last_seq);
    if (enter_requested_ && fetched) {
      int64_t at = options_.replay_at_ms != 0 && !replay_entered_once_ ? options_.replay_at_ms
                                                                       : replay_.archive().last_time_ms();
      replay_.Enter(model_, at);
      view_.state().show_windows[kReplayWindow] = true;
      enter_requested_ = false;
      replay_entered_once_ = true;
    }
    RouteHubState();
    replay_.Tick(now);
  }

  // A moment older than the archive holds: the replay decides, the source
  // fetches the hub's state at it on its own link, and what arrives goes to
  // the replay (docs/desk.md section 8).
  void RouteHubState() {
    if (replay_.wants_hub_state()) {
      source_.FetchStateAt(replay_.at_ms());
      replay_.BeginHubState();
    }
    state_events_.clear();
    source_.TakeStateAt(&state_events_);
    replay_.TakeHubState(&state_events_);
    const ReplayPastWindow& past = replay_.past();
    if (!replay_.active() || past.phase() == ReplayPastWindow::Phase::kDone || past.refused()) source_.StopStateAt();
  }

  // --edit: loads the operation into the editor once it is in the model.
  void EditRequested() {
    if (edited_ || options_.edit_operation.empty()) return;
    const OperationRecord* record = model_.operations().Find(options_.edit_operation);
    if (record == nullptr || !record->known) return;
    ViewStats stats;
    FrameInfo frame{WallMs(), 0, {}};
    ViewContext ctx{model_, view_.state(), view_config(), frame, stats};
    EditOperation(ctx, record->operation);
    edited_ = true;
  }

  const ViewConfig& view_config() const { return view_.config(); }

  static void OpenRequested(const std::string& names, ViewState& state) {
    if (names.find("editor") != std::string::npos) state.show_windows[kOperationEditorWindow] = true;
    if (names.find("replay") != std::string::npos) state.show_windows[kReplayWindow] = true;
    if (names.find("handover") != std::string::npos) state.show_windows[kHandoverWindow] = true;
  }

  const AppOptions& options_;
  const AppHooks& hooks_;
  EventSource& source_;
  GlWindow& window_;
  ConsoleModel model_;
  ReplaySession replay_{ReplayConfig{.max_events = options_.replay_max_events}};  // before the view, which points at it
  ConsoleView view_;
  std::vector<ConsoleEvent> history_;
  std::vector<ConsoleEvent> state_events_;
  bool enter_requested_ = false;
  bool leave_requested_ = false;
  bool replay_entered_once_ = false;
  bool edited_ = false;
  FramePacer pacer_{options_.vsync};
  std::size_t applied_between_frames_ = 0;
  std::deque<ConsoleEvent> pending_;
  std::vector<ConsoleEvent> incoming_;
  Clock::time_point started_;
  double last_frame_ms_ = 0;
  bool selected_ = false;
  int exit_code_ = 0;
  FrameReport report_;
};

}  // namespace

int RunConsole(const AppOptions& options, const AppHooks& hooks) {
  std::string error;
  std::unique_ptr<EventSource> source = MakeSource(options, &error);
  if (!source) {
    std::fprintf(stderr, "opsroom-console: %s\n", error.c_str());
    return 1;
  }
  GlWindow window;
  std::string ini = IniPath(options);
  if (!window.Open(options.width, options.height, "opsroom console", options.vsync,
                   ini.empty() ? nullptr : ini.c_str())) {
    std::fprintf(stderr, "opsroom-console: %s\n", window.error().c_str());
    return 1;
  }
  ApplyTheme(&ImGui::GetStyle());
  FontLoad fonts = LoadFonts(ImGui::GetIO().Fonts, options.font_path.empty() ? kDefaultFontPath : options.font_path);
  if (!fonts.warning.empty()) std::fprintf(stderr, "opsroom-console: %s\n", fonts.warning.c_str());
  GlCanvas canvas;
  ViewConfig config;
  config.operator_name = options.operator_name;
  config.send_action = [&source](const ActionRequest& request) { source->Submit(request); };
  config.send_hit_decision = [&source](const HitDecisionRequest& request) { source->Submit(request); };
  config.send_handover = [&source](const HandoverRequest& request) { source->Submit(request); };
  config.canvas = canvas.Init() ? &canvas : nullptr;
  config.blend_off = GlBlendOff;
  config.fonts = fonts.fonts;
  config.hub_endpoint = options.hub_endpoint.empty() ? "demo (synthetic)" : options.hub_endpoint;
  bool demo = options.demo_alerts > 0 || options.hub_endpoint.empty();
  if (options.planner || demo) {
    config.send_operation = [&source](const OperationForm& form) { source->Submit(form); };
  }
  config.node_id = demo ? "OPSROOM-DEMO"
                   : !options.node_id.empty()  ? options.node_id
                   : !options.key_file.empty() ? wire::NodeIdOfKeyFile(options.key_file)
                                               : OperatorNodeId(options.operator_name);
  int code = 0;
  {
    Session session(options, hooks, *source, window, config);
    code = session.Run();
    if (!ini.empty()) {
      // Saved here, while the view's ini section handler exists; ImGui's own
      // save at shutdown would come after it and drop that section.
      ImGui::SaveIniSettingsToDisk(ini.c_str());
      ImGui::GetIO().IniFilename = nullptr;
    }
  }
  return code;
}

}  // namespace opsroom::console
