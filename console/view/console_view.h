// The whole console screen: menu bar, the six windows in a default layout
// (moved and resized freely, remembered in the ini file), the flash banner and
// the status bar; plus the ini section that keeps the filters and the
// map view across restarts. Call Draw between ImGui::NewFrame and Render.
// UI thread only.
#pragma once
#include <string>

#include "console/view/view_context.h"

namespace opsroom::console {

// What the ini file remembers besides the windows and tables (ImGui keeps
// those, the feed's sort order included).
struct PersistedSettings {
  AlertFilter filter;
  bool has_view = false;
  WorldPoint view_center;
  double view_zoom = 1.0;
};

class ConsoleView {
 public:
  // Needs a current ImGui context (registers the ini handler in it).
  explicit ConsoleView(ViewConfig config);
  ~ConsoleView();
  ConsoleView(const ConsoleView&) = delete;
  ConsoleView& operator=(const ConsoleView&) = delete;

  void Draw(ConsoleModel& model, const FrameInfo& frame);

  ViewState& state() { return state_; }
  const ViewConfig& config() const { return config_; }
  const ViewStats& stats() const { return stats_; }
  // The map's screen rectangle and viewport of the last frame (screenshots).
  const Viewport& viewport() const { return state_.viewport; }

  // For the ini handler (view_settings.cc).
  struct IniReading {
    PersistedSettings settings;
    bool seen = false;  // the ini file had our section
  };
  IniReading& ini_reading() { return ini_reading_; }
  PersistedSettings CurrentSettings() const;
  void LoadSettings(const PersistedSettings& settings);

 private:
  void MenuBar();
  void Place(const char* window);
  void ApplyPending(ConsoleModel& model);

  ViewConfig config_;
  ViewState state_;
  ViewStats stats_;
  ConsoleModel* model_ = nullptr;  // the model of the current frame
  const FrameInfo* frame_ = nullptr;
  PersistedSettings pending_;
  IniReading ini_reading_;
  bool pending_filter_ = false;
  bool pending_view_ = false;
};

// "severities=15" style lines for the ini file, and back.
std::string WriteSettings(const PersistedSettings& settings);
void ReadSettingsLine(const char* line, PersistedSettings* settings);

}  // namespace opsroom::console
