#include "console/view/view_settings.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "console/view/console_view.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace opsroom::console {
namespace {

constexpr const char* kTypeName = "Opsroom";

ConsoleView* ViewOf(ImGuiSettingsHandler* handler) { return static_cast<ConsoleView*>(handler->UserData); }

void ReadInit(ImGuiContext*, ImGuiSettingsHandler* handler) { ViewOf(handler)->ini_reading() = {}; }

void* ReadOpen(ImGuiContext*, ImGuiSettingsHandler* handler, const char* name) {
  if (std::strcmp(name, "Console") != 0) return nullptr;
  ViewOf(handler)->ini_reading().seen = true;
  return handler->UserData;
}

void ReadLine(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
  ReadSettingsLine(line, &static_cast<ConsoleView*>(entry)->ini_reading().settings);
}

void ApplyAll(ImGuiContext*, ImGuiSettingsHandler* handler) {
  ConsoleView* view = ViewOf(handler);
  if (view->ini_reading().seen) view->LoadSettings(view->ini_reading().settings);
}

void WriteAll(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
  auto* view = static_cast<ConsoleView*>(handler->UserData);
  out->appendf("[%s][Console]\n%s\n", kTypeName, WriteSettings(view->CurrentSettings()).c_str());
}

}  // namespace

std::string WriteSettings(const PersistedSettings& s) {
  char text[512];
  std::snprintf(text, sizeof text, "severities=%u\ncrime_areas=%u\nstatuses=%u\n", s.filter.severities,
                s.filter.crime_areas, s.filter.statuses);
  std::string out = text;
  out += "country=" + s.filter.country + "\n";
  out += "text=" + s.filter.text + "\n";
  if (s.has_view) {
    std::snprintf(text, sizeof text, "view=%.9f,%.9f,%.4f\n", s.view_center.x, s.view_center.y, s.view_zoom);
    out += text;
  }
  return out;
}

void ReadSettingsLine(const char* line, PersistedSettings* s) {
  unsigned value = 0;
  double x = 0, y = 0, zoom = 0;
  if (std::sscanf(line, "severities=%u", &value) == 1) s->filter.severities = value;
  if (std::sscanf(line, "crime_areas=%u", &value) == 1) s->filter.crime_areas = value;
  if (std::sscanf(line, "statuses=%u", &value) == 1) s->filter.statuses = value;
  if (std::strncmp(line, "country=", 8) == 0) s->filter.country = line + 8;
  if (std::strncmp(line, "text=", 5) == 0) s->filter.text = line + 5;
  if (std::sscanf(line, "view=%lf,%lf,%lf", &x, &y, &zoom) == 3 && zoom > 0) {
    s->has_view = true;
    s->view_center = {x, y};
    s->view_zoom = zoom;
  }
}

void RegisterSettingsHandler(ConsoleView* view) {
  ImGuiSettingsHandler handler;
  handler.TypeName = kTypeName;
  handler.TypeHash = ImHashStr(kTypeName);
  handler.ReadInitFn = ReadInit;
  handler.ReadOpenFn = ReadOpen;
  handler.ReadLineFn = ReadLine;
  handler.ApplyAllFn = ApplyAll;
  handler.WriteAllFn = WriteAll;
  handler.UserData = view;
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
}

void UnregisterSettingsHandler() {
  ImGuiContext* context = ImGui::GetCurrentContext();
  if (!context) return;
  auto& handlers = context->SettingsHandlers;
  for (int i = 0; i < handlers.Size; ++i) {
    if (handlers[i].TypeHash == ImHashStr(kTypeName)) {
      handlers.erase(handlers.Data + i);
      return;
    }
  }
}

}  // namespace opsroom::console
