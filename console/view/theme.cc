#include "console/view/theme.h"

namespace opsroom::console {

void ApplyTheme(ImGuiStyle* style) {
  ImGui::StyleColorsDark(style);
  style->WindowRounding = 0.0f;  // tiled panels, square like an ops-room wall
  style->ChildRounding = 3.0f;
  style->FrameRounding = 3.0f;
  style->PopupRounding = 3.0f;
  style->GrabRounding = 3.0f;
  style->TabRounding = 3.0f;
  style->ScrollbarRounding = 3.0f;
  style->WindowBorderSize = 1.0f;
  style->FrameBorderSize = 0.0f;
  style->WindowPadding = ImVec2(8, 6);
  style->FramePadding = ImVec2(6, 3);
  style->ItemSpacing = ImVec2(7, 4);
  style->CellPadding = ImVec2(5, 2);
  style->WindowTitleAlign = ImVec2(0.0f, 0.5f);
  ImVec4* c = style->Colors;
  c[ImGuiCol_Text] = ToVec4(kTextBright);
  c[ImGuiCol_TextDisabled] = ToVec4(MakeRgba(110, 118, 128));
  c[ImGuiCol_WindowBg] = ToVec4(MakeRgba(20, 24, 30));
  // Transparent: child windows (every scrolling table) sit on their window's
  // background; a second fill would only cost a software rasteriser time.
  c[ImGuiCol_ChildBg] = ToVec4(MakeRgba(0, 0, 0, 0));
  c[ImGuiCol_PopupBg] = ToVec4(MakeRgba(26, 31, 39, 245));
  c[ImGuiCol_Border] = ToVec4(MakeRgba(48, 56, 66));
  c[ImGuiCol_FrameBg] = ToVec4(MakeRgba(34, 41, 51));
  c[ImGuiCol_FrameBgHovered] = ToVec4(MakeRgba(44, 54, 68));
  c[ImGuiCol_FrameBgActive] = ToVec4(MakeRgba(52, 64, 80));
  c[ImGuiCol_TitleBg] = ToVec4(MakeRgba(24, 29, 36));
  c[ImGuiCol_TitleBgActive] = ToVec4(MakeRgba(30, 38, 50));
  c[ImGuiCol_TitleBgCollapsed] = ToVec4(MakeRgba(24, 29, 36));
  c[ImGuiCol_MenuBarBg] = ToVec4(MakeRgba(24, 29, 36));
  c[ImGuiCol_Header] = ToVec4(MakeRgba(40, 70, 110));
  c[ImGuiCol_HeaderHovered] = ToVec4(MakeRgba(48, 84, 130));
  c[ImGuiCol_HeaderActive] = ToVec4(MakeRgba(56, 96, 150));
  c[ImGuiCol_Button] = ToVec4(MakeRgba(40, 58, 80));
  c[ImGuiCol_ButtonHovered] = ToVec4(MakeRgba(52, 76, 106));
  c[ImGuiCol_ButtonActive] = ToVec4(MakeRgba(62, 92, 128));
  c[ImGuiCol_TableHeaderBg] = ToVec4(MakeRgba(30, 36, 45));
  c[ImGuiCol_TableRowBg] = ToVec4(MakeRgba(0, 0, 0, 0));
  c[ImGuiCol_TableRowBgAlt] = ToVec4(MakeRgba(255, 255, 255, 10));
  c[ImGuiCol_TableBorderStrong] = ToVec4(MakeRgba(48, 56, 66));
  c[ImGuiCol_TableBorderLight] = ToVec4(MakeRgba(38, 45, 54));
  c[ImGuiCol_Tab] = ToVec4(MakeRgba(30, 38, 50));
  c[ImGuiCol_TabActive] = ToVec4(MakeRgba(44, 66, 96));
  c[ImGuiCol_CheckMark] = ToVec4(kAccent);
  c[ImGuiCol_SliderGrab] = ToVec4(kAccent);
  c[ImGuiCol_Separator] = ToVec4(MakeRgba(48, 56, 66));
}

Rgba HealthColor(LinkHealth health) {
  switch (health) {
    case LinkHealth::kHealthy: return kGood;
    case LinkHealth::kLate: return kWarn;
    case LinkHealth::kSilent:
    case LinkHealth::kDisconnected: return kBad;
    case LinkHealth::kUnknown: return kTextDim;
  }
  return kTextDim;
}

Rgba StatusColor(AlertStatus status) {
  switch (status) {
    case AlertStatus::Open: return kTextBright;
    case AlertStatus::Acknowledged: return MakeRgba(140, 200, 240);
    case AlertStatus::Assigned: return MakeRgba(170, 150, 240);
    case AlertStatus::Escalated: return MakeRgba(250, 140, 90);
    case AlertStatus::Closed:
    case AlertStatus::Expired: return kTextDim;
  }
  return kTextBright;
}

Rgba LinkColor(LinkState link) {
  switch (link) {
    case LinkState::kLive: return kGood;
    case LinkState::kSnapshot:
    case LinkState::kCatchingUp:
    case LinkState::kConnecting: return kWarn;
    case LinkState::kLost: return kBad;
  }
  return kTextDim;
}

void TextColored(Rgba color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void SeverityChip(Severity severity) {
  // A narrow bar and the name in the severity's colour: legible, and cheap
  // to fill (a tinted box behind every row's name cost ~2 ms per frame).
  const char* name = SeverityName(severity);
  ImVec2 size = ImGui::CalcTextSize(name);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  Rgba color = SeverityColor(severity);
  draw->AddRectFilled(ImVec2(pos.x, pos.y + 2), ImVec2(pos.x + 3, pos.y + size.y - 2), color);
  draw->AddText(ImVec2(pos.x + 7, pos.y), color, name);
  ImGui::Dummy(ImVec2(size.x + 7, size.y));
}

Rgba ClockColor(ClockState state) {
  switch (state) {
    case ClockState::kNone: return kTextDim;
    case ClockState::kOk: return kTextBright;
    case ClockState::kAmber: return kWarn;
    case ClockState::kRed: return kBad;
  }
  return kTextDim;
}

}  // namespace opsroom::console
