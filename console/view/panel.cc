#include "console/view/panel.h"

namespace opsroom::console {
namespace {

// Runs `emit` between the app's blend-off callback and a render-state reset.
template <typename Emit>
void WithoutBlending(ImDrawList* draw, const ViewConfig& config, Emit&& emit) {
  if (config.blend_off) draw->AddCallback(config.blend_off, nullptr);
  emit();
  if (config.blend_off) draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

}  // namespace

bool BeginPanel(const ViewConfig& config, const char* name, bool* open, ImGuiWindowFlags flags) {
  bool own_background = config.blend_off != nullptr && !(flags & ImGuiWindowFlags_NoBackground);
  bool visible = ImGui::Begin(name, open, flags | (own_background ? ImGuiWindowFlags_NoBackground : 0));
  if (visible && own_background) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImVec2 pos = ImGui::GetWindowPos();
    ImVec2 size = ImGui::GetWindowSize();
    float top = (flags & ImGuiWindowFlags_NoTitleBar) ? 0.0f : ImGui::GetFrameHeight();
    float border = style.WindowBorderSize;
    FillOpaque(ImGui::GetWindowDrawList(), config, ImVec2(pos.x + border, pos.y + top),
               ImVec2(pos.x + size.x - border, pos.y + size.y - border), ImGui::GetColorU32(ImGuiCol_WindowBg));
  }
  return visible;
}

void FillOpaque(ImDrawList* draw, const ViewConfig& config, ImVec2 a, ImVec2 b, ImU32 color) {
  WithoutBlending(draw, config, [&] { draw->AddRectFilled(a, b, color); });
}

void ImageOpaque(ImDrawList* draw, const ViewConfig& config, ImTextureID texture, ImVec2 a, ImVec2 b, ImVec2 uv0,
                 ImVec2 uv1) {
  WithoutBlending(draw, config, [&] { draw->AddImage(texture, a, b, uv0, uv1); });
}

}  // namespace opsroom::console
